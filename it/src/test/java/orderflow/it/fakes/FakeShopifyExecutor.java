package orderflow.it.fakes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.it.fakes.FakeShopifyGraphQL.Arg;
import orderflow.it.fakes.FakeShopifyGraphQL.BoolV;
import orderflow.it.fakes.FakeShopifyGraphQL.Directive;
import orderflow.it.fakes.FakeShopifyGraphQL.Document;
import orderflow.it.fakes.FakeShopifyGraphQL.EnumV;
import orderflow.it.fakes.FakeShopifyGraphQL.Field;
import orderflow.it.fakes.FakeShopifyGraphQL.FloatV;
import orderflow.it.fakes.FakeShopifyGraphQL.Fragment;
import orderflow.it.fakes.FakeShopifyGraphQL.FragmentSpread;
import orderflow.it.fakes.FakeShopifyGraphQL.GqlError;
import orderflow.it.fakes.FakeShopifyGraphQL.InlineFragment;
import orderflow.it.fakes.FakeShopifyGraphQL.IntV;
import orderflow.it.fakes.FakeShopifyGraphQL.ListV;
import orderflow.it.fakes.FakeShopifyGraphQL.Loc;
import orderflow.it.fakes.FakeShopifyGraphQL.NullV;
import orderflow.it.fakes.FakeShopifyGraphQL.ObjectV;
import orderflow.it.fakes.FakeShopifyGraphQL.Operation;
import orderflow.it.fakes.FakeShopifyGraphQL.Selection;
import orderflow.it.fakes.FakeShopifyGraphQL.StringV;
import orderflow.it.fakes.FakeShopifyGraphQL.TypeRef;
import orderflow.it.fakes.FakeShopifyGraphQL.Value;
import orderflow.it.fakes.FakeShopifyGraphQL.VarDef;
import orderflow.it.fakes.FakeShopifyGraphQL.VarRef;
import orderflow.it.fakes.FakeShopifySchema.FieldDef;
import orderflow.it.fakes.FakeShopifySchema.InputDef;
import orderflow.it.fakes.FakeShopifySchema.Kind;
import orderflow.it.fakes.FakeShopifySchema.Type;

/**
 * Validation, variable coercion, execution and cost for {@link FakeShopifyAdmin}, over {@link FakeShopifySchema}.
 * Error messages and {@code extensions.code} values follow the shapes graphql-ruby (which Shopify's Admin API
 * runs on) gives; Shopify's docs do not list them, so treat their wording as indicative, their presence as the
 * contract: a request the real API would refuse before executing is refused here before executing.
 *
 * <p>Cost (simplified from shopify.dev "GraphQL Admin API rate limits", Cost calculation): a scalar or enum
 * field costs 0; an object costs 1; a connection costs 2 plus, for each of the {@code first}/{@code last}
 * requested nodes, the node's cost (its selection); edges and pageInfo wrappers cost 0; a plain list of objects
 * costs its {@code first} (or 1) times the element's cost; every top-level mutation field costs 10 whatever it
 * selects. The actual cost uses the number of nodes really returned (a null object still costs 1).
 */
final class FakeShopifyExecutor {

    private FakeShopifyExecutor() {
    }

    static final int MAX_SINGLE_QUERY_COST = 1000;
    static final int MUTATION_COST = 10;

    /** Marks an input value that was not given (a variable not provided), as opposed to an explicit null. */
    private static final Object ABSENT = new Object();

    /** A field of an object that takes arguments; the executor calls it with the coerced arguments. */
    @FunctionalInterface
    interface ArgField {
        Object apply(Map<String, Object> args);
    }

    /** One top-level field of the operation, with its arguments coerced (variables substituted). */
    record RootField(String name, String responseKey, Map<String, Object> args, Map<String, Map<String, Object>> directives,
                     Loc loc) {
        boolean hasDirective(String directive) {
            return directives.containsKey(directive);
        }

        String idempotencyKey() {
            Map<String, Object> d = directives.get("idempotent");
            return d == null ? null : (String) d.get("key");
        }
    }

    /**
     * Resolves a root field to a raw value: a Map (an object, whose values may be {@link ArgField} or a
     * {@link java.util.function.Supplier} for back-references), a List (a list or a connection's nodes), or a scalar.
     */
    @FunctionalInterface
    interface Resolver {
        Object resolve(RootField field);
    }

    /** The request could not be executed at all (parse, validation or variable errors): errors only, no data. */
    static final class Refused extends RuntimeException {
        final transient List<GqlError> errors;
        final int requestedCost;

        Refused(List<GqlError> errors, int requestedCost) {
            super(errors.isEmpty() ? "refused" : errors.get(0).getMessage(), null, false, false);
            this.errors = errors;
            this.requestedCost = requestedCost;
        }
    }

    static final class Prepared {
        final FakeShopifySchema schema;
        final Document doc;
        final Operation op;
        final Map<String, Object> variables;
        final List<RootField> rootFields = new ArrayList<>();
        final Map<String, List<Field>> rootSelections = new LinkedHashMap<>();
        /** Deprecated fields and arguments the operation uses (resolvers add deprecated input fields). */
        final Set<String> deprecations = new LinkedHashSet<>();
        int requestedCost;

        Prepared(FakeShopifySchema schema, Document doc, Operation op, Map<String, Object> variables) {
            this.schema = schema;
            this.doc = doc;
            this.op = op;
            this.variables = variables;
        }

        boolean isMutation() {
            return op.type().equals("mutation");
        }
    }

    record Result(Map<String, Object> data, List<Map<String, Object>> errors, int actualCost) {
    }

    // ================================================================== prepare

    static Prepared prepare(FakeShopifySchema schema, String query, String operationName, Map<String, Object> variablesJson) {
        Document doc;
        try {
            doc = FakeShopifyGraphQL.parse(query);
        } catch (GqlError e) {
            throw new Refused(List.of(e), 0);
        }
        Operation op = selectOperation(doc, operationName);
        Validator v = new Validator(schema, doc, op);
        v.validate();
        if (!v.errors.isEmpty()) {
            throw new Refused(v.errors, 0);
        }
        Map<String, Object> vars = coerceVariables(schema, op, variablesJson == null ? Map.of() : variablesJson,
                v.deprecations);
        Prepared p = new Prepared(schema, doc, op, vars);
        p.deprecations.addAll(v.deprecations);
        Type root = op.type().equals("mutation") ? schema.mutationRoot() : schema.queryRoot();
        Map<String, List<Field>> fields = collectFields(p, root, op.selections());
        p.rootSelections.putAll(fields);
        List<GqlError> errors = new ArrayList<>();
        int cost = 0;
        for (Map.Entry<String, List<Field>> e : fields.entrySet()) {
            Field f = e.getValue().get(0);
            if (f.name().equals("__typename")) {
                continue;
            }
            FieldDef fd = root.fields.get(f.name());
            Map<String, Object> args = argsOf(p, f, fd.args());
            Map<String, Map<String, Object>> dirs = new LinkedHashMap<>();
            for (Directive d : f.directives()) {
                FakeShopifySchema.DirectiveDef dd = schema.directives.get(d.name());
                dirs.put(d.name(), coerceArgs(p, d.args(), dd.args()));
            }
            p.rootFields.add(new RootField(f.name(), e.getKey(), args, dirs, f.loc()));
            if (p.isMutation()) {
                cost += MUTATION_COST;
            } else {
                try {
                    cost += fieldCost(p, fd, e.getValue(), args, new ArrayList<>(List.of(e.getKey())), 1);
                } catch (GqlError err) {
                    errors.add(err);
                }
            }
        }
        p.requestedCost = cost;
        if (!errors.isEmpty()) {
            throw new Refused(errors, cost);
        }
        return p;
    }

    private static Operation selectOperation(Document doc, String operationName) {
        if (operationName != null && !operationName.isEmpty()) {
            for (Operation o : doc.operations()) {
                if (operationName.equals(o.name())) {
                    return o;
                }
            }
            throw new Refused(List.of(new GqlError("No operation named \"" + operationName + "\"", null)), 0);
        }
        if (doc.operations().size() == 1) {
            return doc.operations().get(0);
        }
        if (doc.operations().isEmpty()) {
            throw new Refused(List.of(new GqlError("No operations in this document", null)), 0);
        }
        throw new Refused(List.of(new GqlError("An operation name is required", null)), 0);
    }

    // ================================================================== static validation

    private record VarUse(String name, TypeRef expected, boolean locationHasDefault, Loc loc, String argName) {
    }

    private static final class Validator {
        final FakeShopifySchema schema;
        final Document doc;
        final Operation op;
        final List<GqlError> errors = new ArrayList<>();
        final List<VarUse> uses = new ArrayList<>();
        final Set<String> usedFragments = new HashSet<>();
        final Set<String> deprecations = new LinkedHashSet<>();

        Validator(FakeShopifySchema schema, Document doc, Operation op) {
            this.schema = schema;
            this.doc = doc;
            this.op = op;
        }

        private void error(String message, Loc loc, List<Object> path, Object... ext) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            for (int i = 0; i + 1 < ext.length; i += 2) {
                extensions.put((String) ext[i], ext[i + 1]);
            }
            errors.add(new GqlError(message, loc, path == null ? null : List.copyOf(path), extensions));
        }

        void validate() {
            List<Object> path = new ArrayList<>(List.of(op.pathName()));
            Type root;
            switch (op.type()) {
                case "query" -> root = schema.queryRoot();
                case "mutation" -> root = schema.mutationRoot();
                default -> {
                    error("Schema is not configured for subscriptions", op.loc(), path, "code", "missingSubscriptionConfiguration",
                            "operationName", op.name());
                    return;
                }
            }
            Map<String, VarDef> declared = new LinkedHashMap<>();
            for (VarDef vd : op.variables()) {
                if (declared.containsKey(vd.name())) {
                    error("There can only be one variable named \"" + vd.name() + "\"", vd.loc(), path, "code",
                            "variableNotUnique", "variableName", vd.name());
                }
                declared.put(vd.name(), vd);
                Type t = schema.type(vd.type().namedType());
                if (t == null || t.kind == Kind.OBJECT) {
                    error(vd.type().namedType() + " isn't a defined input type (on $" + vd.name() + ")", vd.loc(), path,
                            "code", "variableRequiresValidType", "typeName", vd.type().namedType(), "variableName", vd.name());
                } else if (vd.defaultValue() != null) {
                    literal(vd.defaultValue(), vd.type(), vd.loc(), path, "variable $" + vd.name(), "$" + vd.name(), null);
                }
            }
            directives(op.directives(), "QUERY", path);
            selections(root, op.selections(), path, new HashSet<>());
            for (VarUse u : uses) {
                VarDef vd = declared.get(u.name());
                if (vd == null) {
                    error("Variable $" + u.name() + " is used by " + opLabel() + " but not declared", u.loc(), path,
                            "code", "variableNotDefined", "variableName", u.name());
                    continue;
                }
                if (schema.type(vd.type().namedType()) == null) {
                    continue;
                }
                if (!compatible(vd.type(), vd.defaultValue() != null && !(vd.defaultValue() instanceof NullV),
                        u.expected(), u.locationHasDefault())) {
                    error("Type mismatch on variable $" + u.name() + " and argument " + u.argName() + " (" + vd.type()
                            + " / " + u.expected() + ")", u.loc(), path, "code", "variableMismatch", "variableName",
                            u.name(), "typeName", vd.type().toString(), "argumentName", u.argName(),
                            "errorMessage", "Type mismatch");
                }
            }
            Set<String> used = new HashSet<>();
            uses.forEach(u -> used.add(u.name()));
            for (VarDef vd : op.variables()) {
                if (!used.contains(vd.name())) {
                    error("Variable $" + vd.name() + " is declared by " + opLabel() + " but not used", vd.loc(), path,
                            "code", "variableNotUsed", "variableName", vd.name());
                }
            }
            for (Fragment f : doc.fragments().values()) {
                if (!usedFragments.contains(f.name())) {
                    error("Fragment " + f.name() + " was defined, but not used", f.loc(), List.of(op.pathName()),
                            "code", "useAndDefineFragment", "fragmentName", f.name());
                }
            }
        }

        private String opLabel() {
            return op.name() == null ? "anonymous " + op.type() : op.name();
        }

        private void selections(Type parent, List<Selection> sels, List<Object> path, Set<String> fragmentStack) {
            for (Selection s : sels) {
                switch (s) {
                    case Field f -> field(parent, f, path, fragmentStack);
                    case InlineFragment inl -> {
                        directives(inl.directives(), "INLINE_FRAGMENT", path);
                        Type t = parent;
                        if (inl.typeCondition() != null) {
                            t = schema.type(inl.typeCondition());
                            if (t == null) {
                                error("No such type " + inl.typeCondition() + ", so it can't be a fragment condition",
                                        inl.loc(), path, "code", "undefinedType", "typeName", inl.typeCondition());
                                continue;
                            }
                            if (t != parent) {
                                error("Fragment on " + t.name + " can't be spread inside " + parent.name, inl.loc(), path,
                                        "code", "cannotSpreadFragment", "typeName", t.name);
                                continue;
                            }
                        }
                        selections(t, inl.selections(), path, fragmentStack);
                    }
                    case FragmentSpread sp -> {
                        directives(sp.directives(), "FRAGMENT_SPREAD", path);
                        Fragment fr = doc.fragments().get(sp.name());
                        usedFragments.add(sp.name());
                        if (fr == null) {
                            error("Fragment " + sp.name() + " was used, but not defined", sp.loc(), path, "code",
                                    "useAndDefineFragment", "fragmentName", sp.name());
                            continue;
                        }
                        if (!fragmentStack.add(sp.name())) {
                            error("Fragment " + sp.name() + " contains an infinite loop", sp.loc(), path, "code",
                                    "infiniteLoop", "fragmentName", sp.name());
                            continue;
                        }
                        Type t = schema.type(fr.typeCondition());
                        if (t == null) {
                            error("No such type " + fr.typeCondition() + ", so it can't be a fragment condition", fr.loc(),
                                    path, "code", "undefinedType", "typeName", fr.typeCondition());
                        } else if (t != parent) {
                            error("Fragment " + fr.name() + " on " + t.name + " can't be spread inside " + parent.name,
                                    sp.loc(), path, "code", "cannotSpreadFragment", "typeName", t.name,
                                    "fragmentName", fr.name());
                        } else {
                            selections(t, fr.selections(), path, fragmentStack);
                        }
                        fragmentStack.remove(sp.name());
                    }
                }
            }
        }

        private void field(Type parent, Field f, List<Object> parentPath, Set<String> fragmentStack) {
            List<Object> path = new ArrayList<>(parentPath);
            path.add(f.responseKey());
            directives(f.directives(), "FIELD", path);
            if (f.name().equals("__typename")) {
                if (f.selections() != null) {
                    error("Selections can't be made on scalars (field '__typename' returns String but has selections ["
                            + names(f.selections()) + "])", f.loc(), path, "code", "selectionMismatch", "nodeName",
                            "field '__typename'", "typeName", "String");
                }
                return;
            }
            FieldDef fd = parent.fields.get(f.name());
            if (fd == null) {
                error("Field '" + f.name() + "' doesn't exist on type '" + parent.name + "'", f.loc(), path, "code",
                        "undefinedField", "typeName", parent.name, "fieldName", f.name());
                return;
            }
            arguments(f.args(), fd.args(), "Field", f.name(), path, f.loc());
            if (schema.deprecated.contains(parent.name + "." + f.name())) {
                deprecations.add(parent.name + "." + f.name());
            }
            for (Arg a : f.args()) {
                if (schema.deprecated.contains(parent.name + "." + f.name() + "." + a.name())) {
                    deprecations.add(parent.name + "." + f.name() + "." + a.name());
                }
            }
            Type t = schema.type(fd.type().namedType());
            if (t.isLeaf()) {
                if (f.selections() != null) {
                    error("Selections can't be made on " + (t.kind == Kind.ENUM ? "enums" : "scalars") + " (field '"
                            + f.name() + "' returns " + t.name + " but has selections [" + names(f.selections()) + "])",
                            f.loc(), path, "code", "selectionMismatch", "nodeName", "field '" + f.name() + "'",
                            "typeName", t.name);
                }
            } else if (f.selections() == null) {
                error("Field '" + f.name() + "' returns " + t.name + " but has no selections. Did you mean '" + f.name()
                        + " { ... }'?", f.loc(), path, "code", "selectionMismatch", "nodeName", "field '" + f.name() + "'",
                        "typeName", t.name);
            } else {
                selections(t, f.selections(), path, fragmentStack);
            }
        }

        private static String names(List<Selection> sels) {
            List<String> out = new ArrayList<>();
            for (Selection s : sels) {
                if (s instanceof Field f) {
                    out.add(f.name());
                }
            }
            return String.join(", ", out);
        }

        private void directives(List<Directive> dirs, String location, List<Object> path) {
            Set<String> seen = new HashSet<>();
            for (Directive d : dirs) {
                FakeShopifySchema.DirectiveDef dd = schema.directives.get(d.name());
                if (dd == null) {
                    error("Directive @" + d.name() + " is not defined", d.loc(), path, "code", "undefinedDirective",
                            "directiveName", d.name());
                    continue;
                }
                if (!dd.locations().contains(location)) {
                    error("'@" + d.name() + "' can't be applied to " + location.toLowerCase().replace('_', ' ')
                            + "s (allowed: " + String.join(", ", dd.locations()).toLowerCase().replace('_', ' ') + "s)",
                            d.loc(), path, "code", "directiveCannotBeApplied", "targetName", location, "name", d.name());
                }
                if (!seen.add(d.name())) {
                    error("The directive \"" + d.name() + "\" can only be used once at this location.", d.loc(), path,
                            "code", "directiveNotUniqueForLocation", "directiveName", d.name());
                }
                arguments(d.args(), dd.args(), "Directive", d.name(), path, d.loc());
            }
        }

        private void arguments(List<Arg> args, Map<String, InputDef> defs, String ownerKind, String owner, List<Object> path,
                               Loc ownerLoc) {
            Set<String> seen = new HashSet<>();
            for (Arg a : args) {
                if (!seen.add(a.name())) {
                    error("There can be only one argument named \"" + a.name() + "\"", a.loc(), path, "code",
                            "argumentNotUnique", "name", a.name());
                }
                InputDef def = defs.get(a.name());
                if (def == null) {
                    error(ownerKind + " '" + owner + "' doesn't accept argument '" + a.name() + "'", a.loc(), path,
                            "code", "argumentNotAccepted", "name", owner, "typeName", ownerKind, "argumentName", a.name());
                    continue;
                }
                literal(a.value(), def.type(), a.loc(), path, ownerKind + " '" + owner + "'", a.name(),
                        def.defaultValue());
            }
            List<String> missing = new ArrayList<>();
            for (InputDef def : defs.values()) {
                if (def.required() && !seen.contains(def.name())) {
                    missing.add(def.name());
                }
            }
            if (!missing.isEmpty()) {
                error(ownerKind + " '" + owner + "' is missing required arguments: " + String.join(", ", missing), ownerLoc,
                        path, "code", "missingRequiredArguments", "className", ownerKind, "name", owner, "arguments",
                        String.join(", ", missing));
            }
        }

        /** Checks a literal against its expected type; variables inside it are recorded for the type check. */
        private void literal(Value v, TypeRef expected, Loc loc, List<Object> path, String owner, String argName,
                             Value locationDefault) {
            List<String> problems = new ArrayList<>();
            literalProblems(v, expected, loc, path, argName, locationDefault, problems);
            if (problems.stream().anyMatch(x -> !x.startsWith("!"))) { // "!..." were reported as their own errors
                if (argName.startsWith("$")) {
                    error("Default value for " + argName + " doesn't match type " + expected, loc, path, "code",
                            "defaultValueInvalidType", "variableName", argName.substring(1), "type", expected.toString());
                    return;
                }
                error("Argument '" + argName + "' on " + owner + " has an invalid value (" + FakeShopifyGraphQL.print(v)
                        + "). Expected type '" + expected + "'.", loc, path, "code", "argumentLiteralsIncompatible",
                        "typeName", owner.startsWith("Field") ? "Field" : "CoercionError", "argumentName", argName);
            }
        }

        private void literalProblems(Value v, TypeRef expected, Loc loc, List<Object> path, String argName,
                                     Value locationDefault, List<String> problems) {
            if (v instanceof VarRef r) {
                uses.add(new VarUse(r.name(), expected, locationDefault != null && !(locationDefault instanceof NullV),
                        r.loc() != null ? r.loc() : loc, argName));
                return;
            }
            if (v instanceof NullV) {
                if (expected.nonNull()) {
                    problems.add("null");
                }
                return;
            }
            if (expected.isList()) {
                if (v instanceof ListV l) {
                    for (Value x : l.values()) {
                        literalProblems(x, expected.ofType(), loc, path, argName, null, problems);
                    }
                } else {
                    literalProblems(v, expected.ofType(), loc, path, argName, null, problems);
                }
                return;
            }
            Type t = schema.type(expected.name());
            if (t == null) {
                problems.add("type");
                return;
            }
            switch (t.kind) {
                case SCALAR -> {
                    if (!scalarLiteralOk(t.name, v)) {
                        problems.add("scalar");
                    }
                }
                case ENUM -> {
                    if (!(v instanceof EnumV e) || !t.enumValues.contains(e.value())) {
                        problems.add("enum");
                    }
                }
                case INPUT_OBJECT -> {
                    if (!(v instanceof ObjectV o)) {
                        problems.add("object");
                        return;
                    }
                    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
                        InputDef def = t.inputFields.get(e.getKey());
                        if (schema.deprecated.contains(t.name + "." + e.getKey())) {
                            deprecations.add(t.name + "." + e.getKey());
                        }
                        if (def == null) {
                            error("InputObject '" + t.name + "' doesn't accept argument '" + e.getKey() + "'", loc, path,
                                    "code", "argumentNotAccepted", "name", t.name, "typeName", "InputObject",
                                    "argumentName", e.getKey());
                            problems.add("!reported");
                            continue;
                        }
                        literalProblems(e.getValue(), def.type(), loc, path, e.getKey(), def.defaultValue(), problems);
                    }
                    for (InputDef def : t.inputFields.values()) {
                        if (def.required() && !o.fields().containsKey(def.name())) {
                            error("Argument '" + def.name() + "' on InputObject '" + t.name + "' is required. Expected type "
                                    + def.type(), loc, path, "code", "missingRequiredInputObjectAttribute",
                                    "argumentName", def.name(), "argumentType", def.type().toString(),
                                    "inputObjectType", t.name);
                            problems.add("!reported");
                        }
                    }
                }
                default -> problems.add("object");
            }
        }

        /** A variable of type {@code var} may stand where {@code loc} is expected (GraphQL spec, "All Variable Usages Are Allowed"). */
        private static boolean compatible(TypeRef var, boolean varHasDefault, TypeRef loc, boolean locHasDefault) {
            if (loc.nonNull() && !var.nonNull()) {
                if (!varHasDefault && !locHasDefault) {
                    return false;
                }
                return compatible(var, true, loc.nullable(), true);
            }
            return subtype(var, loc);
        }

        private static boolean subtype(TypeRef var, TypeRef loc) {
            if (loc.nonNull()) {
                return var.nonNull() && subtype(var.nullable(), loc.nullable());
            }
            if (var.nonNull()) {
                return subtype(var.nullable(), loc);
            }
            if (loc.isList()) {
                return var.isList() && subtype(var.ofType(), loc.ofType());
            }
            return !var.isList() && var.name().equals(loc.name());
        }
    }

    private static boolean scalarLiteralOk(String scalar, Value v) {
        if (FakeShopifySchema.PERMISSIVE.contains(scalar)) {
            return true;
        }
        return switch (scalar) {
            case "ID" -> v instanceof StringV || v instanceof IntV;
            case "String", "URL", "DateTime" -> v instanceof StringV s && scalarJsonOk(scalar, s.value());
            case "Int" -> v instanceof IntV i && i.value().bitLength() < 32;
            case "Float" -> v instanceof IntV || v instanceof FloatV;
            case "Boolean" -> v instanceof BoolV;
            case "Money", "Decimal" -> v instanceof IntV || v instanceof FloatV
                    || v instanceof StringV s && decimal(s.value()) != null;
            default -> false;
        };
    }

    private static boolean scalarJsonOk(String scalar, String s) {
        return switch (scalar) {
            case "URL" -> url(s);
            case "DateTime" -> dateTime(s);
            default -> true;
        };
    }

    private static boolean url(String s) {
        try {
            URI u = new URI(s);
            return u.isAbsolute() && u.getScheme() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean dateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDate.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ================================================================== variables

    private record Problem(List<Object> path, String explanation) {
    }

    private static Map<String, Object> coerceVariables(FakeShopifySchema schema, Operation op, Map<String, Object> json,
                                                       Set<String> deprecations) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<GqlError> errors = new ArrayList<>();
        for (VarDef vd : op.variables()) {
            List<Problem> problems = new ArrayList<>();
            Object value;
            if (json.containsKey(vd.name())) {
                value = coerceJson(schema, json.get(vd.name()), vd.type(), new ArrayList<>(), problems, deprecations);
            } else if (vd.defaultValue() != null) {
                value = literalToJava(schema, vd.defaultValue(), vd.type(), Map.of());
            } else if (vd.type().nonNull()) {
                problems.add(new Problem(List.of(), "Expected value to not be null"));
                value = null;
            } else {
                continue; // absent: arguments using it are treated as not given
            }
            if (problems.isEmpty()) {
                out.put(vd.name(), value);
                continue;
            }
            StringBuilder msg = new StringBuilder("Variable $" + vd.name() + " of type " + vd.type()
                    + " was provided invalid value");
            List<String> parts = new ArrayList<>();
            List<Map<String, Object>> probs = new ArrayList<>();
            for (Problem p : problems) {
                List<String> segs = new ArrayList<>();
                p.path().forEach(x -> segs.add(String.valueOf(x)));
                parts.add(segs.isEmpty() ? "(" + p.explanation() + ")" : String.join(".", segs) + " (" + p.explanation() + ")");
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("path", p.path());
                pm.put("explanation", p.explanation());
                probs.add(pm);
            }
            if (!(problems.size() == 1 && problems.get(0).path().isEmpty())) {
                msg.append(" for ").append(String.join(", ", parts));
            }
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "INVALID_VARIABLE");
            ext.put("value", json.get(vd.name()));
            ext.put("problems", probs);
            errors.add(new GqlError(msg.toString(), vd.loc(), null, ext));
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors, 0);
        }
        return out;
    }

    private static Object coerceJson(FakeShopifySchema schema, Object json, TypeRef t, List<Object> path,
                                     List<Problem> problems, Set<String> deprecations) {
        if (json == null) {
            if (t.nonNull()) {
                problems.add(new Problem(List.copyOf(path), "Expected value to not be null"));
            }
            return null;
        }
        if (t.isList()) {
            List<Object> out = new ArrayList<>();
            if (json instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    path.add(i);
                    out.add(coerceJson(schema, l.get(i), t.ofType(), path, problems, deprecations));
                    path.remove(path.size() - 1);
                }
            } else {
                out.add(coerceJson(schema, json, t.ofType(), path, problems, deprecations));
            }
            return out;
        }
        Type type = schema.type(t.name());
        switch (type.kind) {
            case SCALAR -> {
                Object v = scalarFromJson(type.name, json);
                if (v == ABSENT) {
                    problems.add(new Problem(List.copyOf(path), "Could not coerce value " + jsonish(json) + " to " + type.name));
                    return null;
                }
                return v;
            }
            case ENUM -> {
                if (json instanceof String s && type.enumValues.contains(s)) {
                    return s;
                }
                problems.add(new Problem(List.copyOf(path), "Expected " + jsonish(json) + " to be one of: "
                        + String.join(", ", type.enumValues)));
                return null;
            }
            case INPUT_OBJECT -> {
                if (!(json instanceof Map<?, ?> m)) {
                    problems.add(new Problem(List.copyOf(path), "Expected " + jsonish(json) + " to be a key-value object."));
                    return null;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Object k : m.keySet()) {
                    if (!type.inputFields.containsKey(String.valueOf(k))) {
                        List<Object> p = new ArrayList<>(path);
                        p.add(String.valueOf(k));
                        problems.add(new Problem(p, "Field is not defined on " + type.name));
                    }
                }
                for (InputDef def : type.inputFields.values()) {
                    path.add(def.name());
                    if (m.containsKey(def.name())) {
                        if (schema.deprecated.contains(type.name + "." + def.name())) {
                            deprecations.add(type.name + "." + def.name());
                        }
                        out.put(def.name(), coerceJson(schema, m.get(def.name()), def.type(), path, problems, deprecations));
                    } else if (def.defaultValue() != null) {
                        out.put(def.name(), literalToJava(schema, def.defaultValue(), def.type(), Map.of()));
                    } else if (def.type().nonNull()) {
                        problems.add(new Problem(List.copyOf(path), "Expected value to not be null"));
                    }
                    path.remove(path.size() - 1);
                }
                return out;
            }
            default -> {
                problems.add(new Problem(List.copyOf(path), type.name + " isn't an input type"));
                return null;
            }
        }
    }

    private static String jsonish(Object json) {
        return json instanceof String s ? FakeShopifyGraphQL.quote(s) : String.valueOf(json);
    }

    /** A scalar from a JSON variable value, or ABSENT when it cannot be coerced. */
    private static Object scalarFromJson(String scalar, Object json) {
        if (FakeShopifySchema.PERMISSIVE.contains(scalar)) {
            return json;
        }
        switch (scalar) {
            case "ID":
                if (json instanceof String || json instanceof Integer || json instanceof Long || json instanceof BigInteger) {
                    return json.toString();
                }
                return ABSENT;
            case "String":
                return json instanceof String ? json : ABSENT;
            case "URL":
            case "DateTime":
                return json instanceof String s && scalarJsonOk(scalar, s) ? s : ABSENT;
            case "Int":
                if (json instanceof Integer) {
                    return json;
                }
                if (json instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return l.intValue();
                }
                if (json instanceof BigDecimal d) {
                    try {
                        return d.intValueExact();
                    } catch (ArithmeticException e) {
                        return ABSENT;
                    }
                }
                return ABSENT;
            case "Float":
                return json instanceof Number n ? new BigDecimal(n.toString()) : ABSENT;
            case "Boolean":
                return json instanceof Boolean ? json : ABSENT;
            case "Money":
            case "Decimal":
                if (json instanceof Number n) {
                    return new BigDecimal(n.toString()).toPlainString();
                }
                if (json instanceof String s && decimal(s) != null) {
                    return decimal(s).toPlainString();
                }
                return ABSENT;
            default:
                return ABSENT;
        }
    }

    /** A validated literal (variables already coerced) as Java: Map, List, String, Integer, Boolean, BigDecimal. */
    private static Object literalToJava(FakeShopifySchema schema, Value v, TypeRef t, Map<String, Object> vars) {
        if (v instanceof VarRef r) {
            return vars.containsKey(r.name()) ? vars.get(r.name()) : ABSENT;
        }
        if (v instanceof NullV) {
            return null;
        }
        if (t.isList()) {
            List<Object> out = new ArrayList<>();
            if (v instanceof ListV l) {
                for (Value x : l.values()) {
                    Object o = literalToJava(schema, x, t.ofType(), vars);
                    out.add(o == ABSENT ? null : o);
                }
            } else {
                Object o = literalToJava(schema, v, t.ofType(), vars);
                out.add(o == ABSENT ? null : o);
            }
            return out;
        }
        Type type = schema.type(t.name());
        if (type.kind == Kind.INPUT_OBJECT && v instanceof ObjectV o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (InputDef def : type.inputFields.values()) {
                Value fv = o.fields().get(def.name());
                Object val = fv == null ? ABSENT : literalToJava(schema, fv, def.type(), vars);
                if (val == ABSENT && def.defaultValue() != null) {
                    val = literalToJava(schema, def.defaultValue(), def.type(), Map.of());
                }
                if (val != ABSENT) {
                    out.put(def.name(), val);
                }
            }
            return out;
        }
        return switch (v) {
            case IntV i -> switch (type.name) {
                case "ID", "Money", "Decimal" -> i.value().toString();
                case "Float" -> new BigDecimal(i.value());
                case "Int" -> i.value().intValue();
                default -> i.value().bitLength() < 32 ? (Object) i.value().intValue() : (Object) i.value().longValue();
            };
            case FloatV f -> type.name.equals("Money") || type.name.equals("Decimal") ? f.value().toPlainString() : f.value();
            case StringV s -> type.name.equals("Money") || type.name.equals("Decimal")
                    ? decimal(s.value()).toPlainString() : s.value();
            case BoolV b -> b.value();
            case EnumV e -> e.value();
            case ListV l -> {
                List<Object> out = new ArrayList<>();
                for (Value x : l.values()) {
                    out.add(literalToJava(schema, x, TypeRef.named("JSON", false), vars));
                }
                yield out;
            }
            case ObjectV o -> {
                Map<String, Object> out = new LinkedHashMap<>();
                o.fields().forEach((k, x) -> out.put(k, literalToJava(schema, x, TypeRef.named("JSON", false), vars)));
                yield out;
            }
            default -> null;
        };
    }

    private static Map<String, Object> argsOf(Prepared p, Field f, Map<String, InputDef> defs) {
        return coerceArgs(p, f.args(), defs);
    }

    private static Map<String, Object> coerceArgs(Prepared p, List<Arg> args, Map<String, InputDef> defs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (InputDef def : defs.values()) {
            Object val = ABSENT;
            for (Arg a : args) {
                if (a.name().equals(def.name())) {
                    val = literalToJava(p.schema, a.value(), def.type(), p.variables);
                }
            }
            if (val == ABSENT && def.defaultValue() != null) {
                val = literalToJava(p.schema, def.defaultValue(), def.type(), Map.of());
            }
            if (val != ABSENT) {
                out.put(def.name(), val);
            }
        }
        return out;
    }

    // ================================================================== field collection

    private static boolean included(Prepared p, List<Directive> dirs) {
        for (Directive d : dirs) {
            if (d.name().equals("skip") || d.name().equals("include")) {
                Object cond = coerceArgs(p, d.args(), p.schema.directives.get(d.name()).args()).get("if");
                boolean c = Boolean.TRUE.equals(cond);
                if (d.name().equals("skip") == c) {
                    return false;
                }
            }
        }
        return true;
    }

    /** GraphQL's CollectFields: fragments flattened, @skip/@include applied, same response keys merged. */
    private static Map<String, List<Field>> collectFields(Prepared p, Type type, List<Selection> sels) {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        collect(p, type, sels, out);
        return out;
    }

    private static void collect(Prepared p, Type type, List<Selection> sels, Map<String, List<Field>> out) {
        for (Selection s : sels) {
            switch (s) {
                case Field f -> {
                    if (included(p, f.directives())) {
                        out.computeIfAbsent(f.responseKey(), k -> new ArrayList<>()).add(f);
                    }
                }
                case InlineFragment inl -> {
                    if (included(p, inl.directives())) {
                        collect(p, type, inl.selections(), out);
                    }
                }
                case FragmentSpread sp -> {
                    if (included(p, sp.directives())) {
                        collect(p, type, p.doc.fragments().get(sp.name()).selections(), out);
                    }
                }
            }
        }
    }

    private static List<Selection> subSelections(List<Field> fields) {
        List<Selection> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.selections() != null) {
                out.addAll(f.selections());
            }
        }
        return out;
    }

    // ================================================================== cost

    private static int objectCost(Type t) {
        if (t.isConnection()) {
            return 2;
        }
        if (t.name.endsWith("Edge") || t.name.equals("PageInfo")) {
            return 0;
        }
        return 1;
    }

    /** Requested cost of one field, {@code listSize} being the page size when the field is a list inside a connection. */
    private static int fieldCost(Prepared p, FieldDef fd, List<Field> fields, Map<String, Object> args, List<Object> path,
                                 int listSize) {
        Type t = p.schema.type(fd.type().namedType());
        if (t.isLeaf()) {
            return 0;
        }
        int n = 1;
        if (t.isConnection()) {
            Integer first = (Integer) args.get("first");
            Integer last = (Integer) args.get("last");
            if (first == null && last == null) {
                throw new GqlError("you must provide one of first or last", fields.get(0).loc(), List.copyOf(path), null);
            }
            n = first != null ? first : last;
            if (n < 0) {
                throw new GqlError("first and last must be non-negative", fields.get(0).loc(), List.copyOf(path), null);
            }
            return objectTreeCost(p, t, fields, path, n);
        }
        if (fd.type().isList()) {
            Integer first = args.get("first") instanceof Integer i ? i : null;
            n = first != null ? first : listSize;
        }
        return n * objectTreeCost(p, t, fields, path, 1);
    }

    private static int objectTreeCost(Prepared p, Type t, List<Field> fields, List<Object> path, int listSize) {
        int cost = objectCost(t);
        for (Map.Entry<String, List<Field>> e : collectFields(p, t, subSelections(fields)).entrySet()) {
            Field f = e.getValue().get(0);
            FieldDef fd = t.fields.get(f.name());
            if (fd == null) {
                continue;
            }
            path.add(e.getKey());
            cost += fieldCost(p, fd, e.getValue(), argsOf(p, f, fd.args()), path, listSize);
            path.remove(path.size() - 1);
        }
        return cost;
    }

    // ================================================================== execution

    static Result execute(Prepared p, Resolver resolver) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        int[] cost = {0};
        Type root = p.isMutation() ? p.schema.mutationRoot() : p.schema.queryRoot();
        int rootIndex = 0;
        for (Map.Entry<String, List<Field>> e : p.rootSelections.entrySet()) {
            Field f = e.getValue().get(0);
            if (f.name().equals("__typename")) {
                data.put(e.getKey(), root.name);
                continue;
            }
            RootField rf = p.rootFields.get(rootIndex++);
            FieldDef fd = root.fields.get(f.name());
            List<Object> path = new ArrayList<>(List.of(e.getKey()));
            try {
                Object raw = resolver.resolve(rf);
                int[] fieldCost = {0};
                data.put(e.getKey(), complete(p, fd, raw, e.getValue(), rf.args(), path, fieldCost, errors));
                cost[0] += p.isMutation() ? MUTATION_COST : fieldCost[0];
            } catch (GqlError err) {
                data.put(e.getKey(), null);
                errors.add(new GqlError(err.getMessage(), err.loc != null ? err.loc : f.loc(),
                        err.path != null ? err.path : path, err.extensions).toJson());
                cost[0] += p.isMutation() ? MUTATION_COST : 1;
            }
        }
        return new Result(data, errors, cost[0]);
    }

    @SuppressWarnings("unchecked")
    private static Object complete(Prepared p, FieldDef fd, Object raw, List<Field> fields, Map<String, Object> args,
                                   List<Object> path, int[] cost, List<Map<String, Object>> errors) {
        Type t = p.schema.type(fd.type().namedType());
        if (raw instanceof java.util.function.Supplier<?> lazy) {
            raw = lazy.get();
        }
        if (raw instanceof ArgField af) {
            raw = af.apply(args);
        }
        if (t.isConnection() && raw instanceof List<?> all) {
            raw = connection(all, args);
        } else if (fd.type().isList() && raw instanceof List<?> l && args.get("first") instanceof Integer first) {
            raw = l.subList(0, Math.min(first, l.size()));
        }
        return completeValue(p, fd.type(), t, raw, fields, path, cost, errors);
    }

    @SuppressWarnings("unchecked")
    private static Object completeValue(Prepared p, TypeRef ref, Type t, Object raw, List<Field> fields, List<Object> path,
                                        int[] cost, List<Map<String, Object>> errors) {
        if (raw == null) {
            if (!t.isLeaf() && !ref.isList()) {
                cost[0] += objectCost(t);
            }
            return null;
        }
        if (ref.isList()) {
            List<Object> out = new ArrayList<>();
            List<?> l = (List<?>) raw;
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                out.add(completeValue(p, ref.ofType(), t, l.get(i), fields, path, cost, errors));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (t.isLeaf()) {
            return raw;
        }
        Map<String, Object> obj = (Map<String, Object>) raw;
        cost[0] += objectCost(t);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Field>> e : collectFields(p, t, subSelections(fields)).entrySet()) {
            Field f = e.getValue().get(0);
            if (f.name().equals("__typename")) {
                out.put(e.getKey(), t.name);
                continue;
            }
            FieldDef sub = t.fields.get(f.name());
            path.add(e.getKey());
            try {
                out.put(e.getKey(), complete(p, sub, obj.get(f.name()), e.getValue(), argsOf(p, f, sub.args()), path, cost,
                        errors));
            } catch (GqlError err) {
                out.put(e.getKey(), null);
                errors.add(new GqlError(err.getMessage(), f.loc(), List.copyOf(path), err.extensions).toJson());
            }
            path.remove(path.size() - 1);
        }
        return out;
    }

    /** A Relay connection over a list: first/last/after/before/reverse, opaque cursors, pageInfo. */
    private static Map<String, Object> connection(List<?> all, Map<String, Object> args) {
        List<Object> items = new ArrayList<>(all);
        if (Boolean.TRUE.equals(args.get("reverse"))) {
            Collections.reverse(items);
        }
        int start = 0;
        int end = items.size();
        if (args.get("after") instanceof String after) {
            start = Math.min(end, Math.max(0, cursorIndex(after) + 1));
        }
        if (args.get("before") instanceof String before) {
            end = Math.max(start, Math.min(end, cursorIndex(before)));
        }
        if (args.get("first") instanceof Integer first) {
            end = Math.min(end, start + first);
        }
        if (args.get("last") instanceof Integer last) {
            start = Math.max(start, end - last);
        }
        List<Object> nodes = new ArrayList<>(items.subList(start, end));
        List<Object> edges = new ArrayList<>();
        for (int i = start; i < end; i++) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("node", items.get(i));
            edge.put("cursor", cursor(i));
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < items.size());
        pageInfo.put("hasPreviousPage", start > 0);
        pageInfo.put("startCursor", nodes.isEmpty() ? null : cursor(start));
        pageInfo.put("endCursor", nodes.isEmpty() ? null : cursor(end - 1));
        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("nodes", nodes);
        conn.put("edges", edges);
        conn.put("pageInfo", pageInfo);
        return conn;
    }

    private static String cursor(int index) {
        return Base64.getEncoder().encodeToString(("{\"fake_index\":" + index + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static int cursorIndex(String cursor) {
        try {
            String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Integer.parseInt(s.replaceAll("[^0-9]", ""));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Names of the root fields an operation selects (for the call log, before anything is validated). */
    static Set<String> rootFieldNames(Prepared p) {
        Set<String> out = new LinkedHashSet<>();
        p.rootFields.forEach(r -> out.add(r.name()));
        return out;
    }
}
