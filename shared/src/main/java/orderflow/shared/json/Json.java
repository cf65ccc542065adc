package orderflow.shared.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

/** JSON through jackson-jr: maps and lists only, no reflection-heavy binding (cold start). */
public final class Json {

    private static final JSON JSON_IO = JSON.builder().build()
            .with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
            // {"reason":"OTHER","reason":"FRAUD"} means different things to different parsers: refused
            .with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .without(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    /**
     * A request body (seller API, storefront webhooks): {@link #parseObject}, and text that is not
     * valid Unicode is invalid input too: a NUL or an unpaired surrogate in any key or string, each
     * named by its JSON path. Such text cannot be stored as it came (DynamoDB and email take UTF-8,
     * a lone surrogate in a key fails the write) and no storefront or seller means it.
     */
    /** A request body's bytes as text, refused (400 on "body") unless they are UTF-8: never patched with U+FFFD. */
    public static String utf8Request(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Failure.InvalidInput("The body is not UTF-8.", List.of(new FieldError("body", "must be UTF-8")));
        }
    }

    public static Map<String, Object> parseRequest(String text) {
        Map<String, Object> object = parseObject(text);
        List<FieldError> errors = new ArrayList<>();
        checkText(object, "", errors);
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request body has text that is not valid Unicode.", errors);
        }
        return object;
    }

    /**
     * Parses a JSON object; anything else (broken JSON, another value, content after the object,
     * a key given twice) is invalid input on the body.
     */
    public static Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new Failure.InvalidInput("The request body is empty.",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        Object value;
        try (com.fasterxml.jackson.core.JsonParser parser = JSON_IO.getStreamingFactory().createParser(text)) {
            value = JSON_IO.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new Failure.InvalidInput("The request body is not valid JSON.", List.of(
                        new FieldError("body", "has more after the JSON value; send exactly one JSON object")));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Failure f) {
                throw f;
            }
            throw new Failure.InvalidInput("The request body is not valid JSON.",
                    List.of(new FieldError("body", "is not valid JSON: " + firstLine(e.getMessage()))));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Failure.InvalidInput("The request body must be a JSON object.",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    /** Names every key or string holding a NUL or an unpaired surrogate (at most 20). */
    private static void checkText(Object value, String path, List<FieldError> errors) {
        if (errors.size() >= 20) {
            return;
        }
        if (value instanceof String s) {
            if (!validText(s)) {
                errors.add(new FieldError(path.isEmpty() ? "body" : path,
                        "must not contain NUL characters or unpaired surrogates"));
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                if (!validText(key)) {
                    errors.add(new FieldError(path.isEmpty() ? "body" : path,
                            "has a key with NUL characters or unpaired surrogates"));
                    continue;
                }
                checkText(e.getValue(), child, errors);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkText(l.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** No NUL, and every surrogate in a high-low pair. */
    static boolean validText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
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
