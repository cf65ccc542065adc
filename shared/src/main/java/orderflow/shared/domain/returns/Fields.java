package orderflow.shared.domain.returns;

import orderflow.shared.domain.Skus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

/** Reading JSON bodies (maps and lists from jackson-jr) field by field, collecting every error. */
final class Fields {

    static final int MAX_LINES = 98;
    static final int MAX_QUANTITY = 10_000;

    private final List<FieldError> errors = new ArrayList<>();

    void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    boolean hasErrorAt(String path) {
        return errors.stream().anyMatch(e -> e.field().equals(path));
    }

    void check(String what) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The " + what + " has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }

    /** A whole number in [min, max]: 3, 3.0 and 3E0 are 3; 3.5, "3" and true are not. Null when absent or bad. */
    Long whole(Map<String, Object> json, String key, String path, long min, long max, boolean required) {
        Object v = json.get(key);
        if (v == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        Long n = exactLong(v);
        if (n == null || n < min || n > max) {
            error(path, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return n;
    }

    private static Long exactLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        BigDecimal d;
        if (v instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (!Double.isFinite(x)) {
                return null;
            }
            d = BigDecimal.valueOf(x);
        } else {
            return null;
        }
        try {
            return d.longValueExact(); // throws on a fraction or beyond a long, cheaply for huge exponents
        } catch (ArithmeticException e) {
            return null;
        }
    }

    String text(Map<String, Object> json, String key, String path, int max, boolean required) {
        Object v = json.get(key);
        if (v == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            error(path, "must be a string");
            return null;
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > max || t.chars().anyMatch(Character::isISOControl)) {
            error(path, "must be 1 to " + max + " characters without control characters");
            return null;
        }
        return t;
    }

    String sku(Map<String, Object> json, String key, String path) {
        String sku = text(json, key, path, Skus.MAX_LENGTH, true);
        if (sku != null && !Skus.isValid(sku)) {
            error(path, Skus.RULE);
            return null;
        }
        return sku;
    }

    <E extends Enum<E>> E oneOf(Map<String, Object> json, String key, String path, Class<E> type, boolean required) {
        String name = text(json, key, path, 40, required);
        if (name == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        error(path, "must be one of " + Arrays.toString(type.getEnumConstants()));
        return null;
    }

    /** The objects of an array of 1 to max objects; a non-object element is reported and skipped (null in the list). */
    List<Map<String, Object>> objects(Map<String, Object> json, String key, int max, String shape) {
        Object v = json.get(key);
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > max) {
            error(key, v == null ? "is required" : "must be an array of 1 to " + max + " " + shape);
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) m;
                out.add(object);
            } else {
                error(key + "[" + i + "]", "must be an object " + shape);
                out.add(null);
            }
        }
        return out;
    }
}
