package orderflow.shared.json;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

/** JSON through jackson-jr: maps and lists only, no reflection-heavy binding (cold start). */
public final class Json {

    private static final JSON JSON_IO = JSON.builder().build()
            .with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    /** Parses a JSON object; anything else (or broken JSON) is invalid input on the body. */
    public static Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new Failure.InvalidInput("The request body is empty.",
                    java.util.List.of(new FieldError("body", "must be a JSON object")));
        }
        try {
            Object value = JSON_IO.anyFrom(text);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (IOException | RuntimeException e) {
            throw new Failure.InvalidInput("The request body is not valid JSON.",
                    java.util.List.of(new FieldError("body", "is not valid JSON: " + firstLine(e.getMessage()))));
        }
        throw new Failure.InvalidInput("The request body must be a JSON object.",
                java.util.List.of(new FieldError("body", "must be a JSON object")));
    }

    public static String write(Object value) {
        try {
            return JSON_IO.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
