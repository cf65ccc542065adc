package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import orderflow.local.Template;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml and template.yaml describe the same routes, with the same authorization; the
 * schema validator that OpenApiResponsesIT checks every response with covers every keyword the
 * document uses, and each keyword it implements rejects what it should.
 */
class OpenApiTest {

    private final Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @Test
    void every_template_route_is_in_the_openapi_document_and_nothing_else() throws IOException {
        Template template = Template.load(root.resolve("template.yaml"));
        Set<String> templateRoutes = new TreeSet<>();
        Set<String> publicInTemplate = new TreeSet<>();
        for (String fn : template.idsOfType("AWS::Serverless::Function")) {
            for (Object e : Template.map(template.properties(fn).get("Events")).values()) {
                Map<String, Object> event = Template.map(e);
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = Template.map(event.get("Properties"));
                    String route = p.get("Method").toString().toUpperCase(Locale.ROOT) + " " + p.get("Path");
                    templateRoutes.add(route);
                    if ("NONE".equals(Template.map(p.get("Auth")).get("Authorizer"))) {
                        publicInTemplate.add(route);
                    }
                }
            }
        }
        Map<String, Object> spec;
        try (Reader reader = Files.newBufferedReader(root.resolve("docs/openapi.yaml"))) {
            spec = new Yaml().load(reader);
        }
        assertEquals("3.1.0", spec.get("openapi"));
        Set<String> specRoutes = new TreeSet<>();
        Set<String> publicInSpec = new TreeSet<>();
        Template.map(spec.get("paths")).forEach((path, ops) -> Template.map(ops).forEach((method, op) -> {
            String route = method.toUpperCase(Locale.ROOT) + " " + path;
            specRoutes.add(route);
            Object security = Template.map(op).get("security");
            if (security instanceof java.util.List<?> l && l.isEmpty()) {
                publicInSpec.add(route);
            }
        }));
        assertFalse(templateRoutes.isEmpty());
        assertEquals(templateRoutes, specRoutes, "routes in template.yaml vs docs/openapi.yaml");
        assertEquals(publicInTemplate, publicInSpec, "routes without the API-key authorizer");
    }

    @Test
    void the_validator_implements_every_schema_keyword_and_format_the_document_uses() throws IOException {
        OpenApiSchemas spec = OpenApiSchemas.load(root);
        Map<String, Integer> used = spec.keywordsUsed();
        assertTrue(used.keySet().containsAll(Set.of("type", "$ref", "properties", "required", "items", "enum")),
                "the walk found the document's schemas: " + used);
        assertEquals(List.of(), spec.unsupportedKeywords(),
                "keywords, formats or types in docs/openapi.yaml that OpenApiSchemas.validate does not check"
                        + " (implement them there, with a case in every_keyword_the_validator_implements_can_fail)");
    }

    /** One case per keyword and format: a schema, a value, and whether the value is valid. */
    private record Case(String keyword, String schema, String value, boolean valid) {
    }

    private static final List<Case> CASES = List.of(
            new Case("type", "{type: string}", "\"a\"", true),
            new Case("type", "{type: string}", "1", false),
            new Case("type", "{type: integer}", "2.0", true),
            new Case("type", "{type: integer}", "2.5", false),
            new Case("type", "{type: number}", "2.5", true),
            new Case("type", "{type: boolean}", "\"true\"", false),
            new Case("type", "{type: object}", "[]", false),
            new Case("type", "{type: array}", "{}", false),
            new Case("type", "{type: [string, \"null\"]}", "null", true),
            new Case("type", "{type: string}", "null", false),
            new Case("properties", "{type: object, properties: {a: {type: integer}}}", "{\"a\": 1}", true),
            new Case("properties", "{type: object, properties: {a: {type: integer}}}", "{\"a\": \"1\"}", false),
            new Case("properties", "{type: object, properties: {a: {type: integer}}}", "{\"b\": 1}", false),
            new Case("properties", "{type: object}", "{\"b\": 1}", true),
            new Case("required", "{type: object, required: [a], properties: {a: {}}}", "{}", false),
            new Case("additionalProperties", "{properties: {a: {}}, additionalProperties: {type: integer}}",
                    "{\"a\": \"x\", \"b\": 2}", true),
            new Case("additionalProperties", "{properties: {a: {}}, additionalProperties: {type: integer}}",
                    "{\"b\": \"x\"}", false),
            new Case("additionalProperties", "{additionalProperties: false}", "{\"b\": 1}", false),
            new Case("items", "{type: array, items: {type: string}}", "[\"a\", 1]", false),
            new Case("minItems", "{type: array, minItems: 1}", "[]", false),
            new Case("maxItems", "{type: array, maxItems: 1}", "[1, 2]", false),
            new Case("enum", "{enum: [A, B]}", "\"B\"", true),
            new Case("enum", "{enum: [A, B]}", "\"C\"", false),
            new Case("const", "{const: nosniff}", "\"nosniff\"", true),
            new Case("const", "{const: nosniff}", "\"sniff\"", false),
            new Case("minimum", "{minimum: 1}", "1", true),
            new Case("minimum", "{minimum: 1}", "0.5", false),
            new Case("maximum", "{maximum: 100}", "101", false),
            new Case("minLength", "{minLength: 2}", "\"\\ud83d\\ude00\"", false),
            new Case("maxLength", "{maxLength: 1}", "\"\\ud83d\\ude00\"", true),
            new Case("maxLength", "{maxLength: 1}", "\"ab\"", false),
            new Case("pattern", "{pattern: \"^ord_[0-9a-z]{26}$\"}", "\"ord_01jdx4y0000000000000000000\"", true),
            new Case("pattern", "{pattern: \"^ord_[0-9a-z]{26}$\"}", "\"ord_X\"", false),
            new Case("pattern", "{pattern: \"[0-9]\"}", "\"a1b\"", true),
            new Case("format", "{format: date-time}", "\"2026-11-27T14:05:00.123Z\"", true),
            new Case("format", "{format: date-time}", "\"2026-11-27T14:05:00+01:00\"", true),
            new Case("format", "{format: date-time}", "\"2026-11-27T14:05Z\"", false),
            new Case("format", "{format: date-time}", "\"2026-02-30T14:05:00Z\"", false),
            new Case("format", "{format: date-time}", "\"2026-11-27\"", false),
            new Case("format", "{format: date}", "\"2026-11-27\"", true),
            new Case("format", "{format: date}", "\"2026-13-01\"", false),
            new Case("format", "{format: uri}", "\"https://www.ups.com/track?tracknum=1Z\"", true),
            new Case("format", "{format: uri}", "\"/problems/validation\"", false),
            new Case("format", "{format: uri-reference}", "\"/problems/validation\"", true),
            new Case("format", "{format: uri-reference}", "\"a b\"", false),
            new Case("format", "{format: email}", "\"ada@example.com\"", true),
            new Case("format", "{format: email}", "\"ada\"", false),
            new Case("allOf", "{allOf: [{required: [a]}, {required: [b]}]}", "{\"a\": 1}", false),
            new Case("allOf", "{allOf: [{properties: {a: {}}}, {properties: {b: {}}}]}", "{\"a\": 1, \"b\": 2}", true),
            new Case("allOf", "{allOf: [{properties: {a: {}}}, {properties: {b: {}}}]}", "{\"c\": 1}", false),
            new Case("anyOf", "{anyOf: [{type: string}, {type: \"null\"}]}", "null", true),
            new Case("anyOf", "{anyOf: [{type: string}, {type: \"null\"}]}", "1", false),
            new Case("oneOf", "{oneOf: [{type: integer}, {type: number}]}", "1.5", true),
            new Case("oneOf", "{oneOf: [{type: integer}, {type: number}]}", "1", false),
            new Case("not", "{not: {const: 0}}", "0", false),
            new Case("not", "{not: {const: 0}}", "1", true),
            new Case("$ref", "{$ref: \"#/components/schemas/Money\"}", "{\"amount\": \"1.00\", \"currency\": \"USD\"}", true),
            new Case("$ref", "{$ref: \"#/components/schemas/Money\"}", "{\"amount\": \"1.00\", \"currency\": \"usd\"}", false),
            new Case("$ref", "{$ref: \"#/components/schemas/Money\"}",
                    "{\"amount\": \"1.00\", \"currency\": \"USD\", \"extra\": 1}", false));

    @Test
    void every_keyword_the_validator_implements_can_fail() {
        OpenApiSchemas validator = new OpenApiSchemas(Map.of("components", Map.of("schemas", Map.of("Money",
                new Yaml().load("{type: object, required: [amount, currency], properties: {amount: {type: string},"
                        + " currency: {type: string, pattern: \"^[A-Z]{3}$\"}}}")))));
        List<String> wrong = new ArrayList<>();
        Set<String> rejecting = new TreeSet<>();
        for (Case c : CASES) {
            Map<String, Object> schema = new Yaml().load(c.schema());
            List<String> errors = validator.validate(schema, OpenApiSchemas.parseJson(c.value()));
            if (errors.isEmpty() != c.valid()) {
                wrong.add(c + " -> " + errors);
            }
            if (!c.valid()) {
                rejecting.add(c.keyword());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(new TreeSet<>(OpenApiSchemas.ASSERTIONS), rejecting, "each implemented keyword has a case it rejects");
        Set<String> formats = new TreeSet<>();
        CASES.stream().filter(c -> c.keyword().equals("format") && !c.valid())
                .forEach(c -> formats.add(c.schema().replaceAll(".*format: ([a-z-]+).*", "$1")));
        assertEquals(new TreeSet<>(OpenApiSchemas.FORMATS), formats, "each implemented format has a case it rejects");
    }
}
