package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import orderflow.local.Template;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/openapi.yaml and template.yaml describe the same routes, with the same authorization. */
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
}
