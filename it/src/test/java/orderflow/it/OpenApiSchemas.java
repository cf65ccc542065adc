package orderflow.it;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml and a JSON Schema validator for the subset of keywords it uses (hand-written: no
 * validator library is in the offline Maven repository, and none reads this document as written
 * without configuration of its own). {@link #unsupportedKeywords()} lists every keyword or format
 * the document uses that {@link #validate} does not implement, so nothing is silently ignored.
 *
 * <p>One deliberate strictness beyond JSON Schema: an object validated against a schema that
 * declares {@code properties} (directly or through its {@code allOf} branches) may carry no other
 * member unless {@code additionalProperties} allows it, so a response member the document does not
 * mention is an error (as {@code unevaluatedProperties: false} would make it). A schema with
 * neither {@code properties} nor {@code allOf} (a bare {@code type: object}) is free-form.
 */
final class OpenApiSchemas {

    /** Keywords {@link #validate} checks. */
    static final Set<String> ASSERTIONS = Set.of("$ref", "type", "properties", "required", "additionalProperties",
            "items", "minItems", "maxItems", "enum", "const", "format", "minimum", "maximum", "minLength",
            "maxLength", "pattern", "allOf", "anyOf", "oneOf", "not");
    /** Keywords that assert nothing. */
    static final Set<String> ANNOTATIONS = Set.of("description", "examples", "default", "title");
    static final Set<String> FORMATS = Set.of("date-time", "date", "uri", "uri-reference", "email");
    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "object", "array", "null");

    private static final Pattern DATE_TIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    final Map<String, Object> doc;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    OpenApiSchemas(Map<String, Object> doc) {
        this.doc = doc;
    }

    static OpenApiSchemas load(Path root) throws IOException {
        try (Reader reader = Files.newBufferedReader(root.resolve("docs/openapi.yaml"))) {
            return new OpenApiSchemas(new Yaml().load(reader));
        }
    }

    private static final com.fasterxml.jackson.jr.ob.JSON JSON = com.fasterxml.jackson.jr.ob.JSON.builder().build()
            .with(com.fasterxml.jackson.jr.ob.JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(com.fasterxml.jackson.jr.ob.JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    /** Any JSON text as maps, lists, strings, numbers (floats as BigDecimal), booleans and nulls (kept). */
    static Object parseJson(String text) {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getStreamingFactory().createParser(text)) {
            Object value = JSON.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the document

    /** "METHOD /path" of every operation, in document order. */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        map(doc.get("paths")).forEach((path, ops) -> map(ops).keySet().forEach(method ->
                out.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return out;
    }

    Map<String, Object> operation(String operation) {
        String[] parts = operation.split(" ", 2);
        Map<String, Object> op = map(map(map(doc.get("paths")).get(parts[1])).get(parts[0].toLowerCase(Locale.ROOT)));
        if (op.isEmpty()) {
            throw new AssertionError("docs/openapi.yaml has no operation " + operation);
        }
        return op;
    }

    /** The operation's response object for the status (its $ref resolved), or null when not documented. */
    Map<String, Object> response(String operation, int status) {
        Object r = map(operation(operation).get("responses")).get(String.valueOf(status));
        return r == null ? null : deref(map(r));
    }

    /** Follows $ref (to #/...) until an object without one. */
    Map<String, Object> deref(Map<String, Object> node) {
        Map<String, Object> n = node;
        for (int i = 0; n.containsKey("$ref"); i++) {
            if (i > 20) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            n = resolve(String.valueOf(n.get("$ref")));
        }
        return n;
    }

    Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        Object node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
        }
        return map(node);
    }

    /** Every schema of the document (components, parameters, bodies, responses, headers) with where it is. */
    void forEachSchema(BiConsumer<String, Map<String, Object>> visit) {
        map(map(doc.get("components")).get("schemas")).forEach((name, s) ->
                walk("#/components/schemas/" + name, s, visit));
        map(map(doc.get("components")).get("responses")).forEach((name, r) ->
                responseSchemas("#/components/responses/" + name, map(r), visit));
        map(doc.get("paths")).forEach((path, ops) -> map(ops).forEach((method, o) -> {
            String at = method.toUpperCase(Locale.ROOT) + " " + path;
            Map<String, Object> op = map(o);
            for (Object p : list(op.get("parameters"))) {
                walk(at + " parameter " + map(p).get("name"), map(p).get("schema"), visit);
            }
            map(map(op.get("requestBody")).get("content")).forEach((type, c) ->
                    walk(at + " request " + type, map(c).get("schema"), visit));
            map(op.get("responses")).forEach((status, r) -> responseSchemas(at + " " + status, map(r), visit));
        }));
    }

    private void responseSchemas(String at, Map<String, Object> response, BiConsumer<String, Map<String, Object>> visit) {
        map(response.get("content")).forEach((type, c) -> walk(at + " " + type, map(c).get("schema"), visit));
        map(response.get("headers")).forEach((name, h) -> walk(at + " header " + name, map(h).get("schema"), visit));
    }

    private static void walk(String at, Object schema, BiConsumer<String, Map<String, Object>> visit) {
        if (!(schema instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> s = map(schema);
        visit.accept(at, s);
        map(s.get("properties")).forEach((name, p) -> walk(at + "." + name, p, visit));
        walk(at + "[]", s.get("items"), visit);
        walk(at + " not", s.get("not"), visit);
        walk(at + " additionalProperties", s.get("additionalProperties"), visit);
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            List<Object> branches = list(s.get(k));
            for (int i = 0; i < branches.size(); i++) {
                walk(at + " " + k + "[" + i + "]", branches.get(i), visit);
            }
        }
    }

    /**
     * What the document uses that {@link #validate} would not check: unknown keywords, formats and
     * types, and $refs that do not resolve. Empty when the validator covers the whole document.
     */
    List<String> unsupportedKeywords() {
        List<String> out = new ArrayList<>();
        forEachSchema((at, s) -> s.forEach((k, v) -> {
            if (!ASSERTIONS.contains(k) && !ANNOTATIONS.contains(k)) {
                out.add(at + ": keyword " + k + (k.equals("nullable")
                        ? " (OpenAPI 3.0 only; in 3.1 write type: [T, \"null\"])" : ""));
            }
            if (k.equals("format") && !FORMATS.contains(String.valueOf(v))) {
                out.add(at + ": format " + v);
            }
            if (k.equals("type")) {
                for (Object t : v instanceof List<?> l ? l : List.of(v)) {
                    if (!TYPES.contains(String.valueOf(t))) {
                        out.add(at + ": type " + t);
                    }
                }
            }
            if (k.equals("$ref")) {
                try {
                    resolve(String.valueOf(v));
                } catch (IllegalArgumentException e) {
                    out.add(at + ": " + e.getMessage());
                }
            }
        }));
        return out;
    }

    /** Every keyword the document's schemas use, with how often. */
    Map<String, Integer> keywordsUsed() {
        Map<String, Integer> used = new java.util.TreeMap<>();
        forEachSchema((at, s) -> s.keySet().forEach(k -> used.merge(k, 1, Integer::sum)));
        return used;
    }

    // ------------------------------------------------------------------ the validator

    /** The errors of the value against the schema, each "$.path: what"; empty when it is valid. */
    List<String> validate(Map<String, Object> schema, Object value) {
        List<String> errors = new ArrayList<>();
        validate(schema, value, "$", false, errors);
        return errors;
    }

    /** {@code branch}: inside an allOf branch, whose parent checks for undocumented members. */
    private void validate(Map<String, Object> schema, Object value, String at, boolean branch, List<String> errors) {
        if (schema.containsKey("$ref")) { // like an allOf branch: this node checks for undocumented members
            validate(resolve(String.valueOf(schema.get("$ref"))), value, at, true, errors);
        }
        Object type = schema.get("type");
        if (type != null) {
            List<?> types = type instanceof List<?> l ? l : List.of(type);
            if (types.stream().noneMatch(t -> hasType(value, String.valueOf(t)))) {
                errors.add(at + ": " + describe(value) + " is not of type " + type);
                return;
            }
        }
        if (schema.containsKey("enum") && list(schema.get("enum")).stream().noneMatch(e -> same(e, value))) {
            errors.add(at + ": " + describe(value) + " is not one of " + schema.get("enum"));
        }
        if (schema.containsKey("const") && !same(schema.get("const"), value)) {
            errors.add(at + ": " + describe(value) + " is not " + schema.get("const"));
        }
        if (value instanceof String s) {
            validateString(schema, s, at, errors);
        }
        if (value instanceof Number n && !(value instanceof Boolean)) {
            BigDecimal d = decimal(n);
            if (schema.get("minimum") instanceof Number min && d.compareTo(decimal(min)) < 0) {
                errors.add(at + ": " + n + " is below the minimum " + min);
            }
            if (schema.get("maximum") instanceof Number max && d.compareTo(decimal(max)) > 0) {
                errors.add(at + ": " + n + " is above the maximum " + max);
            }
        }
        if (value instanceof List<?> items) {
            if (schema.get("minItems") instanceof Number min && items.size() < min.intValue()) {
                errors.add(at + ": " + items.size() + " items, fewer than " + min);
            }
            if (schema.get("maxItems") instanceof Number max && items.size() > max.intValue()) {
                errors.add(at + ": " + items.size() + " items, more than " + max);
            }
            if (schema.get("items") instanceof Map<?, ?> itemSchema) {
                for (int i = 0; i < items.size(); i++) {
                    validate(map(itemSchema), items.get(i), at + "[" + i + "]", false, errors);
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            validateObject(schema, map(object), at, branch, errors);
        }
        for (Object b : list(schema.get("allOf"))) {
            validate(map(b), value, at, true, errors);
        }
        if (schema.containsKey("anyOf") && list(schema.get("anyOf")).stream()
                .noneMatch(b -> validate(map(b), value).isEmpty())) {
            errors.add(at + ": matches none of anyOf " + branchErrors(list(schema.get("anyOf")), value));
        }
        if (schema.containsKey("oneOf")) {
            long matching = list(schema.get("oneOf")).stream().filter(b -> validate(map(b), value).isEmpty()).count();
            if (matching != 1) {
                errors.add(at + ": matches " + matching + " of oneOf, not exactly one "
                        + (matching == 0 ? branchErrors(list(schema.get("oneOf")), value) : ""));
            }
        }
        if (schema.get("not") instanceof Map<?, ?> not && validate(map(not), value).isEmpty()) {
            errors.add(at + ": " + describe(value) + " matches the schema of not " + not);
        }
    }

    private void validateString(Map<String, Object> schema, String s, String at, List<String> errors) {
        int length = s.codePointCount(0, s.length());
        if (schema.get("minLength") instanceof Number min && length < min.intValue()) {
            errors.add(at + ": \"" + cut(s) + "\" is shorter than " + min);
        }
        if (schema.get("maxLength") instanceof Number max && length > max.intValue()) {
            errors.add(at + ": \"" + cut(s) + "\" is longer than " + max);
        }
        if (schema.get("pattern") instanceof String p
                && !patterns.computeIfAbsent(p, Pattern::compile).matcher(s).find()) {
            errors.add(at + ": \"" + cut(s) + "\" does not match " + p);
        }
        if (schema.get("format") instanceof String f && !hasFormat(s, f)) {
            errors.add(at + ": \"" + cut(s) + "\" is not a " + f);
        }
    }

    private void validateObject(Map<String, Object> schema, Map<String, Object> object, String at, boolean branch,
                                List<String> errors) {
        for (Object r : list(schema.get("required"))) {
            if (!object.containsKey(String.valueOf(r))) {
                errors.add(at + ": required member " + r + " is missing");
            }
        }
        Map<String, Object> properties = map(schema.get("properties"));
        object.forEach((name, v) -> {
            if (properties.get(name) instanceof Map<?, ?> p) {
                validate(map(p), v, at + "." + name, false, errors);
            }
        });
        Object additional = schema.get("additionalProperties");
        if (additional instanceof Map<?, ?> a) {
            object.forEach((name, v) -> {
                if (!properties.containsKey(name)) {
                    validate(map(a), v, at + "." + name, false, errors);
                }
            });
        }
        if (branch || Boolean.TRUE.equals(additional) || additional instanceof Map<?, ?>) {
            return;
        }
        Set<String> declared = new LinkedHashSet<>();
        boolean closed = declaredProperties(schema, declared, 0) || Boolean.FALSE.equals(additional);
        if (closed) {
            for (String name : object.keySet()) {
                if (!declared.contains(name)) {
                    errors.add(at + ": member " + name + " is not in the schema (which declares " + declared + ")");
                }
            }
        }
    }

    /** Adds the property names the schema declares, itself and through $ref and allOf; true when it declares any. */
    private boolean declaredProperties(Map<String, Object> schema, Set<String> into, int depth) {
        if (depth > 20) {
            throw new IllegalStateException("$ref/allOf nesting too deep");
        }
        boolean any = schema.containsKey("properties");
        into.addAll(map(schema.get("properties")).keySet());
        if (schema.containsKey("$ref")) {
            any |= declaredProperties(resolve(String.valueOf(schema.get("$ref"))), into, depth + 1);
        }
        for (Object b : list(schema.get("allOf"))) {
            any |= declaredProperties(map(b), into, depth + 1);
        }
        return any;
    }

    private List<List<String>> branchErrors(List<Object> branches, Object value) {
        return branches.stream().map(b -> validate(map(b), value)).toList();
    }

    static boolean hasType(Object value, String type) {
        return switch (type) {
            case "null" -> value == null;
            case "boolean" -> value instanceof Boolean;
            case "string" -> value instanceof String;
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number n && isIntegral(n);
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean isIntegral(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite()) || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return false;
        }
        return decimal(n).stripTrailingZeros().scale() <= 0;
    }

    static boolean hasFormat(String s, String format) {
        try {
            return switch (format) {
                case "date-time" -> DATE_TIME.matcher(s).matches() && OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)) != null;
                case "date" -> DATE.matcher(s).matches() && LocalDate.parse(s) != null;
                case "uri" -> new URI(s).isAbsolute();
                case "uri-reference" -> new URI(s) != null;
                case "email" -> EMAIL.matcher(s).matches();
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
        } catch (DateTimeParseException | URISyntaxException e) {
            return false;
        }
    }

    /** JSON equality: numbers by value (1 == 1.0), objects and arrays member by member. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return a == null ? b == null : a.equals(b);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof String s ? "\"" + cut(s) + "\""
                : value instanceof Map<?, ?> ? "an object" : value instanceof List<?> ? "an array" : value.toString();
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
