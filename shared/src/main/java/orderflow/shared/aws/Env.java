package orderflow.shared.aws;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Function configuration: environment variables set in template.yaml, nothing else. Handlers take
 * an Env so tests can hand them the same names without touching the process environment.
 */
public final class Env {

    private final UnaryOperator<String> lookup;
    /** Every name asked for: a handler's variables are exactly what its wiring reads (TemplateIT compares). */
    private final Set<String> read = new TreeSet<>();

    private Env(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    public static Env system() {
        return new Env(System::getenv);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values::get);
    }

    /** The value, or null when the function was not given this variable (it does not need it). */
    public String optional(String name) {
        read.add(name);
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A switch only the local runner and tests set, deliberately absent from template.yaml (so not
     * recorded in {@link #names()}: TemplateIT would ask the template to set it).
     */
    public String localSwitch(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    public String require(String name) {
        read.add(name);
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (see template.yaml)");
        }
        return value;
    }

    /** The names read so far, in order. */
    public Set<String> names() {
        return Set.copyOf(read);
    }
}
