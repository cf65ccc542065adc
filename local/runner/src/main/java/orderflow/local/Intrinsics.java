package orderflow.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates the intrinsic functions the template uses, against the local cloud's physical ids. */
final class Intrinsics {

    interface Lookup {
        /** Ref of a parameter, pseudo parameter or resource. */
        Object ref(String name);

        Object getAtt(String logicalId, String attribute);

        boolean condition(String name);
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Lookup lookup;

    Intrinsics(Lookup lookup) {
        this.lookup = lookup;
    }

    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> e = map.entrySet().iterator().next();
                String key = String.valueOf(e.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && e.getValue() instanceof String) {
                    if (!key.equals("Condition")) {
                        return function(key, e.getValue());
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(resolve(v)));
            return out;
        }
        return value;
    }

    String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    boolean condition(Object value) {
        Object resolved = resolve(value);
        return resolved instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(resolved));
    }

    private Object function(String name, Object args) {
        switch (name) {
            case "Ref":
                return lookup.ref(String.valueOf(args));
            case "Fn::GetAtt": {
                List<Object> parts = Template.list(args);
                return lookup.getAtt(String.valueOf(parts.get(0)), String.valueOf(resolve(parts.get(1))));
            }
            case "Fn::Sub": {
                String text;
                Map<String, Object> vars = Map.of();
                if (args instanceof List<?> l) {
                    text = String.valueOf(l.get(0));
                    vars = Template.map(l.get(1));
                } else {
                    text = String.valueOf(args);
                }
                Matcher m = SUB.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String var = m.group(1);
                    Object value;
                    if (vars.containsKey(var)) {
                        value = resolve(vars.get(var));
                    } else if (var.contains(".")) {
                        String[] p = var.split("\\.", 2);
                        value = lookup.getAtt(p[0], p[1]);
                    } else {
                        value = lookup.ref(var);
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
                }
                m.appendTail(out);
                return out.toString().replace("${!", "${");
            }
            case "Fn::Join": {
                List<Object> l = Template.list(args);
                List<String> parts = new ArrayList<>();
                Template.list(resolve(l.get(1))).forEach(v -> parts.add(String.valueOf(v)));
                return String.join(String.valueOf(l.get(0)), parts);
            }
            case "Fn::If": {
                List<Object> l = Template.list(args);
                return lookup.condition(String.valueOf(l.get(0))) ? resolve(l.get(1)) : resolve(l.get(2));
            }
            case "Fn::Equals": {
                List<Object> l = Template.list(args);
                return String.valueOf(resolve(l.get(0))).equals(String.valueOf(resolve(l.get(1))));
            }
            case "Fn::Not":
                return !condition(Template.list(args).get(0));
            case "Fn::And":
                return Template.list(args).stream().allMatch(this::condition);
            case "Fn::Or":
                return Template.list(args).stream().anyMatch(this::condition);
            case "Fn::Select": {
                List<Object> l = Template.list(args);
                return Template.list(resolve(l.get(1))).get(Integer.parseInt(String.valueOf(resolve(l.get(0)))));
            }
            case "Fn::Split": {
                List<Object> l = Template.list(args);
                return List.of(String.valueOf(resolve(l.get(1))).split(Pattern.quote(String.valueOf(l.get(0))), -1));
            }
            default:
                throw new IllegalArgumentException(name + " is not supported by the local runner");
        }
    }
}
