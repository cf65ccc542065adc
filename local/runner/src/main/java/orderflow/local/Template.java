package orderflow.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as plain maps; short-form intrinsics (!Ref, !GetAtt, !Sub, ...) become their long
 * form ({"Ref": ...}, {"Fn::GetAtt": [...]}) so {@link Intrinsics} handles one shape.
 */
public final class Template {

    private final Map<String, Object> root;
    private final Path directory;

    private Template(Map<String, Object> root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    public static Template load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new IntrinsicConstructor()).load(reader);
            return new Template(root, file.toAbsolutePath().getParent());
        }
    }

    public Path directory() {
        return directory;
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> globals(String section) {
        return map(map(root.get("Globals")).get(section));
    }

    public Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId));
    }

    public String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public List<String> idsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A function's properties with Globals.Function merged in (Environment.Variables merged key by key). */
    public Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> merged = new LinkedHashMap<>(globals("Function"));
        Map<String, Object> own = properties(logicalId);
        merged.putAll(own);
        Map<String, Object> vars = new LinkedHashMap<>(map(map(globals("Function").get("Environment")).get("Variables")));
        vars.putAll(map(map(own.get("Environment")).get("Variables")));
        merged.put("Environment", Map.of("Variables", vars));
        return merged;
    }

    /**
     * The jar a function runs, for its CodeUri resolved against {@code root}: the CodeUri itself when it
     * names a jar, otherwise (the function's module, which sam build builds with its Makefile) the
     * shaded jar that module's {@code mvn package} builds, target/function.jar.
     */
    public static Path functionJar(Path root, String codeUri) {
        Path code = root.resolve(codeUri);
        return codeUri.endsWith(".jar") ? code : code.resolve("target").resolve("function.jar");
    }

    /** {@link #functionJar(Path, String)} for a function of this template whose CodeUri is a plain string. */
    public Path functionJar(String logicalId) {
        return functionJar(directory, (String) functionProperties(logicalId).get("CodeUri"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
            }
            for (String fn : List.of("GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Join", "Select",
                    "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = name.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
