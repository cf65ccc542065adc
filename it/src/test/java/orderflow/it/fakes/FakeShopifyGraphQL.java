package orderflow.it.fakes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GraphQL syntax for {@link FakeShopifyAdmin}: a lexer and a recursive-descent parser for executable
 * documents (operations, variables, fields, aliases, arguments, directives, fragments) and for the small
 * SDL subset {@link FakeShopifySchema} is written in. No GraphQL library: this is enough of the
 * October 2021 GraphQL spec to read what an Admin API client sends, and to refuse the rest with the
 * kind of error a GraphQL server gives (a parse error, HTTP 200, no data).
 */
final class FakeShopifyGraphQL {

    private FakeShopifyGraphQL() {
    }

    // ------------------------------------------------------------------ errors

    record Loc(int line, int column) {
    }

    /** One entry of a response's {@code errors}: message, locations, path, extensions. */
    static final class GqlError extends RuntimeException {
        final transient Loc loc;
        final transient List<Object> path;
        final transient Map<String, Object> extensions;

        GqlError(String message, Loc loc, List<Object> path, Map<String, Object> extensions) {
            super(message, null, false, false);
            this.loc = loc;
            this.path = path;
            this.extensions = extensions;
        }

        GqlError(String message, Loc loc) {
            this(message, loc, null, null);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", getMessage());
            if (loc != null) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("line", loc.line());
                l.put("column", loc.column());
                m.put("locations", List.of(l));
            }
            if (path != null) {
                m.put("path", path);
            }
            if (extensions != null && !extensions.isEmpty()) {
                m.put("extensions", extensions);
            }
            return m;
        }
    }

    // ------------------------------------------------------------------ types

    /** A type reference as written in a document or the schema: {@code Foo}, {@code [Foo!]!}. */
    record TypeRef(String name, TypeRef ofType, boolean nonNull) {
        static TypeRef named(String name, boolean nonNull) {
            return new TypeRef(name, null, nonNull);
        }

        static TypeRef list(TypeRef of, boolean nonNull) {
            return new TypeRef(null, of, nonNull);
        }

        boolean isList() {
            return ofType != null;
        }

        String namedType() {
            return isList() ? ofType.namedType() : name;
        }

        TypeRef nullable() {
            return new TypeRef(name, ofType, false);
        }

        @Override
        public String toString() {
            return (isList() ? "[" + ofType + "]" : name) + (nonNull ? "!" : "");
        }
    }

    // ------------------------------------------------------------------ values

    sealed interface Value permits VarRef, IntV, FloatV, StringV, BoolV, NullV, EnumV, ListV, ObjectV {
    }

    record VarRef(String name, Loc loc) implements Value {
    }

    record IntV(BigInteger value) implements Value {
    }

    record FloatV(BigDecimal value) implements Value {
    }

    record StringV(String value) implements Value {
    }

    record BoolV(boolean value) implements Value {
    }

    record NullV() implements Value {
    }

    record EnumV(String value) implements Value {
    }

    record ListV(List<Value> values) implements Value {
    }

    record ObjectV(Map<String, Value> fields) implements Value {
    }

    /** A value as GraphQL source text (used in error messages, as graphql-ruby prints them). */
    static String print(Value v) {
        return switch (v) {
            case VarRef r -> "$" + r.name();
            case IntV i -> i.value().toString();
            case FloatV f -> f.value().toPlainString();
            case StringV s -> quote(s.value());
            case BoolV b -> Boolean.toString(b.value());
            case NullV n -> "null";
            case EnumV e -> e.value();
            case ListV l -> {
                List<String> parts = new ArrayList<>();
                l.values().forEach(x -> parts.add(print(x)));
                yield "[" + String.join(", ", parts) + "]";
            }
            case ObjectV o -> {
                List<String> parts = new ArrayList<>();
                o.fields().forEach((k, x) -> parts.add(k + ": " + print(x)));
                yield "{" + String.join(", ", parts) + "}";
            }
        };
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // ------------------------------------------------------------------ executable documents

    record Document(List<Operation> operations, Map<String, Fragment> fragments) {
    }

    record Operation(String type, String name, List<VarDef> variables, List<Directive> directives,
                     List<Selection> selections, Loc loc) {
        /** How graphql-ruby names the operation at the head of an error path: "mutation Foo", "query". */
        String pathName() {
            return name == null ? type : type + " " + name;
        }
    }

    record VarDef(String name, TypeRef type, Value defaultValue, Loc loc) {
    }

    sealed interface Selection permits Field, FragmentSpread, InlineFragment {
    }

    record Field(String alias, String name, List<Arg> args, List<Directive> directives, List<Selection> selections,
                 Loc loc) implements Selection {
        String responseKey() {
            return alias != null ? alias : name;
        }

        Value arg(String argName) {
            for (Arg a : args) {
                if (a.name().equals(argName)) {
                    return a.value();
                }
            }
            return null;
        }
    }

    record FragmentSpread(String name, List<Directive> directives, Loc loc) implements Selection {
    }

    record InlineFragment(String typeCondition, List<Directive> directives, List<Selection> selections, Loc loc)
            implements Selection {
    }

    record Fragment(String name, String typeCondition, List<Selection> selections, Loc loc) {
    }

    record Arg(String name, Value value, Loc loc) {
    }

    record Directive(String name, List<Arg> args, Loc loc) {
    }

    // ------------------------------------------------------------------ SDL subset (for FakeShopifySchema)

    record SdlField(String name, List<SdlInput> args, TypeRef type) {
    }

    record SdlInput(String name, TypeRef type, Value defaultValue) {
    }

    /** kind is one of scalar, enum, type, input, directive. */
    record SdlDef(String kind, String name, List<SdlField> fields, List<SdlInput> inputs, List<String> values) {
    }

    // ------------------------------------------------------------------ lexer

    private enum Kind { PUNCT, NAME, INT, FLOAT, STRING, EOF }

    private record Token(Kind kind, String text, Loc loc) {
        /** The token as graphql-ruby's parse errors describe it: {@code "}" (RCURLY)}. */
        String describe() {
            String name = switch (kind) {
                case NAME -> "IDENTIFIER";
                case INT -> "INT";
                case FLOAT -> "FLOAT";
                case STRING -> "STRING";
                case EOF -> "EOF";
                case PUNCT -> switch (text) {
                    case "{" -> "LCURLY";
                    case "}" -> "RCURLY";
                    case "(" -> "LPAREN";
                    case ")" -> "RPAREN";
                    case "[" -> "LBRACKET";
                    case "]" -> "RBRACKET";
                    case ":" -> "COLON";
                    case "$" -> "VAR_SIGN";
                    case "@" -> "DIR_SIGN";
                    case "!" -> "BANG";
                    case "=" -> "EQUALS";
                    case "..." -> "ELLIPSIS";
                    case "|" -> "PIPE";
                    case "&" -> "AMP";
                    default -> "PUNCTUATOR";
                };
            };
            return quote(text) + " (" + name + ")";
        }
    }

    private static final class Lexer {
        private final String s;
        private int i;
        private int line = 1;
        private int lineStart;

        Lexer(String s) {
            this.s = s;
        }

        private Loc loc(int at) {
            return new Loc(line, at - lineStart + 1);
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipIgnored();
                if (i >= s.length()) {
                    out.add(new Token(Kind.EOF, "", loc(i)));
                    return out;
                }
                char c = s.charAt(i);
                int start = i;
                if (c == '.') {
                    if (s.startsWith("...", i)) {
                        i += 3;
                        out.add(new Token(Kind.PUNCT, "...", loc(start)));
                        continue;
                    }
                    throw new GqlError("Parse error on \".\" (UNKNOWN_CHAR) at [" + line + ", " + (i - lineStart + 1) + "]",
                            loc(start));
                }
                if ("!$&()=:@[]{}|".indexOf(c) >= 0) {
                    i++;
                    out.add(new Token(Kind.PUNCT, String.valueOf(c), loc(start)));
                } else if (c == '_' || Character.isLetter(c) && c < 128) {
                    while (i < s.length() && isNameChar(s.charAt(i))) {
                        i++;
                    }
                    out.add(new Token(Kind.NAME, s.substring(start, i), loc(start)));
                } else if (c == '-' || c >= '0' && c <= '9') {
                    out.add(number(start));
                } else if (c == '"') {
                    out.add(string(start));
                } else {
                    throw new GqlError("Parse error on " + quote(String.valueOf(c)) + " (UNKNOWN_CHAR) at ["
                            + line + ", " + (i - lineStart + 1) + "]", loc(start));
                }
            }
        }

        private static boolean isNameChar(char c) {
            return c == '_' || c < 128 && Character.isLetterOrDigit(c);
        }

        private void skipIgnored() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') {
                    i++;
                } else if (c == '\n' || c == '\r') {
                    i++;
                    if (c == '\r' && i < s.length() && s.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    lineStart = i;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private Token number(int start) {
            boolean isFloat = false;
            if (s.charAt(i) == '-') {
                i++;
            }
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits || s.charAt(digits) == '0' && i - digits > 1) {
                throw new GqlError("Parse error on " + quote(s.substring(start, Math.max(i, start + 1)))
                        + " (INT) at [" + line + ", " + (start - lineStart + 1) + "]", loc(start));
            }
            if (i < s.length() && s.charAt(i) == '.') {
                isFloat = true;
                i++;
                int frac = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == frac) {
                    throw new GqlError("Parse error on " + quote(s.substring(start, i)) + " (FLOAT) at [" + line + ", "
                            + (start - lineStart + 1) + "]", loc(start));
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                isFloat = true;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == exp) {
                    throw new GqlError("Parse error on " + quote(s.substring(start, i)) + " (FLOAT) at [" + line + ", "
                            + (start - lineStart + 1) + "]", loc(start));
                }
            }
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '_' || Character.isLetter(s.charAt(i)))) {
                throw new GqlError("Parse error on " + quote(s.substring(start, i + 1)) + " (UNKNOWN_CHAR) at [" + line
                        + ", " + (start - lineStart + 1) + "]", loc(start));
            }
            return new Token(isFloat ? Kind.FLOAT : Kind.INT, s.substring(start, i), loc(start));
        }

        private Token string(int start) {
            Loc at = loc(start);
            if (s.startsWith("\"\"\"", i)) {
                i += 3;
                StringBuilder raw = new StringBuilder();
                while (true) {
                    if (i >= s.length()) {
                        throw new GqlError("Parse error on unterminated string at [" + at.line() + ", " + at.column() + "]", at);
                    }
                    if (s.startsWith("\"\"\"", i)) {
                        i += 3;
                        break;
                    }
                    if (s.startsWith("\\\"\"\"", i)) {
                        raw.append("\"\"\"");
                        i += 4;
                        continue;
                    }
                    char c = s.charAt(i++);
                    if (c == '\n' || c == '\r') {
                        if (c == '\r' && i < s.length() && s.charAt(i) == '\n') {
                            i++;
                        }
                        line++;
                        lineStart = i;
                        raw.append('\n');
                    } else {
                        raw.append(c);
                    }
                }
                return new Token(Kind.STRING, blockString(raw.toString()), at);
            }
            i++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length() || s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                    throw new GqlError("Parse error on unterminated string at [" + at.line() + ", " + at.column() + "]", at);
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw new GqlError("Parse error on bad escape at [" + at.line() + ", " + at.column() + "]", at);
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new GqlError("Parse error on bad unicode escape at [" + at.line() + ", " + at.column() + "]", at);
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new GqlError("Parse error on bad unicode escape at [" + at.line() + ", " + at.column() + "]", at);
                        }
                        i += 4;
                    }
                    default -> throw new GqlError("Parse error on bad escape \\" + e + " at [" + at.line() + ", "
                            + at.column() + "]", at);
                }
            }
            return new Token(Kind.STRING, b.toString(), at);
        }

        /** The spec's BlockStringValue: common indentation and blank first/last lines removed. */
        private static String blockString(String raw) {
            String[] lines = raw.split("\n", -1);
            int common = Integer.MAX_VALUE;
            for (int k = 1; k < lines.length; k++) {
                String l = lines[k];
                int ind = 0;
                while (ind < l.length() && (l.charAt(ind) == ' ' || l.charAt(ind) == '\t')) {
                    ind++;
                }
                if (ind < l.length()) {
                    common = Math.min(common, ind);
                }
            }
            List<String> out = new ArrayList<>();
            for (int k = 0; k < lines.length; k++) {
                String l = lines[k];
                out.add(k > 0 && common != Integer.MAX_VALUE && l.length() >= common ? l.substring(common) : l);
            }
            while (!out.isEmpty() && out.get(0).isBlank()) {
                out.remove(0);
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            return String.join("\n", out);
        }
    }

    // ------------------------------------------------------------------ parser

    static Document parse(String source) {
        return new Parser(source).document();
    }

    static List<SdlDef> parseSdl(String source) {
        return new Parser(source).sdl();
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int p;

        Parser(String source) {
            this.tokens = new Lexer(source).tokens();
        }

        private Token peek() {
            return tokens.get(p);
        }

        private Token next() {
            return tokens.get(p++);
        }

        private boolean isPunct(String text) {
            Token t = peek();
            return t.kind() == Kind.PUNCT && t.text().equals(text);
        }

        private boolean isName(String text) {
            Token t = peek();
            return t.kind() == Kind.NAME && t.text().equals(text);
        }

        private GqlError unexpected() {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                return new GqlError("Unexpected end of document", null);
            }
            return new GqlError("Parse error on " + t.describe() + " at [" + t.loc().line() + ", " + t.loc().column() + "]",
                    t.loc());
        }

        private Token expectPunct(String text) {
            if (!isPunct(text)) {
                throw unexpected();
            }
            return next();
        }

        private Token expectName() {
            if (peek().kind() != Kind.NAME) {
                throw unexpected();
            }
            return next();
        }

        Document document() {
            List<Operation> ops = new ArrayList<>();
            Map<String, Fragment> fragments = new LinkedHashMap<>();
            if (peek().kind() == Kind.EOF) {
                throw new GqlError("Unexpected end of document", null);
            }
            while (peek().kind() != Kind.EOF) {
                Token t = peek();
                if (t.kind() == Kind.PUNCT && t.text().equals("{")) {
                    ops.add(new Operation("query", null, List.of(), List.of(), selectionSet(), t.loc()));
                } else if (t.kind() == Kind.NAME && (t.text().equals("query") || t.text().equals("mutation")
                        || t.text().equals("subscription"))) {
                    next();
                    String name = peek().kind() == Kind.NAME ? next().text() : null;
                    List<VarDef> vars = isPunct("(") ? variableDefinitions() : List.of();
                    List<Directive> dirs = directives(false);
                    ops.add(new Operation(t.text(), name, vars, dirs, selectionSet(), t.loc()));
                } else if (t.kind() == Kind.NAME && t.text().equals("fragment")) {
                    next();
                    Token name = expectName();
                    if (name.text().equals("on")) {
                        throw new GqlError("Parse error on \"on\" (ON) at [" + name.loc().line() + ", "
                                + name.loc().column() + "]", name.loc());
                    }
                    if (!isName("on")) {
                        throw unexpected();
                    }
                    next();
                    String type = expectName().text();
                    directives(false);
                    if (fragments.containsKey(name.text())) {
                        throw new GqlError("Fragment name \"" + name.text() + "\" must be unique", name.loc());
                    }
                    fragments.put(name.text(), new Fragment(name.text(), type, selectionSet(), t.loc()));
                } else {
                    throw unexpected();
                }
            }
            return new Document(ops, fragments);
        }

        private List<VarDef> variableDefinitions() {
            expectPunct("(");
            List<VarDef> out = new ArrayList<>();
            do {
                Token dollar = expectPunct("$");
                String name = expectName().text();
                expectPunct(":");
                TypeRef type = type();
                Value def = null;
                if (isPunct("=")) {
                    next();
                    def = value(true);
                }
                directives(true);
                out.add(new VarDef(name, type, def, dollar.loc()));
            } while (!isPunct(")"));
            next();
            return out;
        }

        private TypeRef type() {
            TypeRef t;
            if (isPunct("[")) {
                next();
                TypeRef of = type();
                expectPunct("]");
                t = TypeRef.list(of, false);
            } else {
                t = TypeRef.named(expectName().text(), false);
            }
            if (isPunct("!")) {
                next();
                t = new TypeRef(t.name(), t.ofType(), true);
            }
            return t;
        }

        private List<Directive> directives(boolean constOnly) {
            List<Directive> out = new ArrayList<>();
            while (isPunct("@")) {
                Token at = next();
                String name = expectName().text();
                out.add(new Directive(name, isPunct("(") ? arguments(constOnly) : List.of(), at.loc()));
            }
            return out;
        }

        private List<Arg> arguments(boolean constOnly) {
            expectPunct("(");
            List<Arg> out = new ArrayList<>();
            do {
                Token name = expectName();
                expectPunct(":");
                out.add(new Arg(name.text(), value(constOnly), name.loc()));
            } while (!isPunct(")"));
            next();
            return out;
        }

        private List<Selection> selectionSet() {
            expectPunct("{");
            List<Selection> out = new ArrayList<>();
            do {
                out.add(selection());
            } while (!isPunct("}"));
            next();
            return out;
        }

        private Selection selection() {
            if (isPunct("...")) {
                Token dots = next();
                if (isName("on")) {
                    next();
                    String type = expectName().text();
                    List<Directive> dirs = directives(false);
                    return new InlineFragment(type, dirs, selectionSet(), dots.loc());
                }
                if (peek().kind() == Kind.NAME) {
                    String name = next().text();
                    return new FragmentSpread(name, directives(false), dots.loc());
                }
                List<Directive> dirs = directives(false);
                return new InlineFragment(null, dirs, selectionSet(), dots.loc());
            }
            Token first = expectName();
            String alias = null;
            String name = first.text();
            if (isPunct(":")) {
                next();
                alias = name;
                name = expectName().text();
            }
            List<Arg> args = isPunct("(") ? arguments(false) : List.of();
            List<Directive> dirs = directives(false);
            List<Selection> sels = isPunct("{") ? selectionSet() : null;
            return new Field(alias, name, args, dirs, sels, first.loc());
        }

        private Value value(boolean constOnly) {
            Token t = peek();
            switch (t.kind()) {
                case INT -> {
                    next();
                    return new IntV(new BigInteger(t.text()));
                }
                case FLOAT -> {
                    next();
                    return new FloatV(new BigDecimal(t.text()));
                }
                case STRING -> {
                    next();
                    return new StringV(t.text());
                }
                case NAME -> {
                    next();
                    return switch (t.text()) {
                        case "true" -> new BoolV(true);
                        case "false" -> new BoolV(false);
                        case "null" -> new NullV();
                        default -> new EnumV(t.text());
                    };
                }
                case PUNCT -> {
                    switch (t.text()) {
                        case "$" -> {
                            if (constOnly) {
                                throw unexpected();
                            }
                            next();
                            return new VarRef(expectName().text(), t.loc());
                        }
                        case "[" -> {
                            next();
                            List<Value> vals = new ArrayList<>();
                            while (!isPunct("]")) {
                                vals.add(value(constOnly));
                            }
                            next();
                            return new ListV(vals);
                        }
                        case "{" -> {
                            next();
                            Map<String, Value> fields = new LinkedHashMap<>();
                            while (!isPunct("}")) {
                                Token name = expectName();
                                expectPunct(":");
                                if (fields.containsKey(name.text())) {
                                    throw new GqlError("There can be only one input field named \"" + name.text() + "\"",
                                            name.loc());
                                }
                                fields.put(name.text(), value(constOnly));
                            }
                            next();
                            return new ObjectV(fields);
                        }
                        default -> throw unexpected();
                    }
                }
                default -> throw unexpected();
            }
        }

        // ---- SDL: scalar X / enum X { A B } / type X { f(a: T = v): T } / input X { f: T = v } / directive @x(a: T) on ...

        List<SdlDef> sdl() {
            List<SdlDef> out = new ArrayList<>();
            while (peek().kind() != Kind.EOF) {
                String kind = expectName().text();
                switch (kind) {
                    case "scalar" -> out.add(new SdlDef("scalar", expectName().text(), List.of(), List.of(), List.of()));
                    case "enum" -> {
                        String name = expectName().text();
                        expectPunct("{");
                        List<String> values = new ArrayList<>();
                        while (!isPunct("}")) {
                            values.add(expectName().text());
                        }
                        next();
                        out.add(new SdlDef("enum", name, List.of(), List.of(), values));
                    }
                    case "type" -> {
                        String name = expectName().text();
                        expectPunct("{");
                        List<SdlField> fields = new ArrayList<>();
                        while (!isPunct("}")) {
                            String f = expectName().text();
                            List<SdlInput> args = isPunct("(") ? sdlInputs("(", ")") : List.of();
                            expectPunct(":");
                            fields.add(new SdlField(f, args, type()));
                        }
                        next();
                        out.add(new SdlDef("type", name, fields, List.of(), List.of()));
                    }
                    case "input" -> {
                        String name = expectName().text();
                        out.add(new SdlDef("input", name, List.of(), sdlInputs("{", "}"), List.of()));
                    }
                    case "directive" -> {
                        expectPunct("@");
                        String name = expectName().text();
                        List<SdlInput> args = isPunct("(") ? sdlInputs("(", ")") : List.of();
                        if (!isName("on")) {
                            throw unexpected();
                        }
                        next();
                        List<String> locations = new ArrayList<>();
                        locations.add(expectName().text());
                        while (isPunct("|")) {
                            next();
                            locations.add(expectName().text());
                        }
                        out.add(new SdlDef("directive", name, List.of(), args, locations));
                    }
                    default -> throw new GqlError("schema: unknown definition " + kind, null);
                }
            }
            return out;
        }

        private List<SdlInput> sdlInputs(String open, String close) {
            expectPunct(open);
            List<SdlInput> out = new ArrayList<>();
            while (!isPunct(close)) {
                String name = expectName().text();
                expectPunct(":");
                TypeRef t = type();
                Value def = null;
                if (isPunct("=")) {
                    next();
                    def = value(true);
                }
                out.add(new SdlInput(name, t, def));
            }
            next();
            return out;
        }
    }
}
