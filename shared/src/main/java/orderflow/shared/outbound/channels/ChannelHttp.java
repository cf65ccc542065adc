package orderflow.shared.outbound.channels;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import orderflow.shared.outbound.GuardedHttp;
import orderflow.shared.outbound.OutboundRules;

/**
 * The platform channels' HTTP, through {@link GuardedHttp}: https to public addresses only, the whole
 * answer, body included, within 8 s (a slow platform is retried later and never holds the function),
 * answers capped at {@link #MAX_ANSWER}. Redirects are not followed (a POST must reach the URL
 * configured, and credentials must not travel to wherever a redirect points). Public for the carrier clients
 * (orderflow.shared.outbound.carriers), which follow the same discipline.
 */
public final class ChannelHttp {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** Platform messages passed on to the seller are cut to this many characters. */
    static final int MAX_MESSAGE = 500;
    /** No platform answer we read (JSON pages, label files) comes near this; a larger one is refused. */
    public static final long MAX_ANSWER = 8L * 1024 * 1024;

    private static final JSON READER = JSON.builder().build().with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final GuardedHttp client;

    public ChannelHttp(Duration timeout, OutboundRules rules) {
        this(new GuardedHttp(rules, timeout, MAX_ANSWER));
    }

    public ChannelHttp(GuardedHttp client) {
        this.client = client;
    }

    /** One answer: status, headers (names compared case-insensitively) and the body as text. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The body as JSON (object, array, ...), or null when it is empty or not JSON. */
        public Object json() {
            return parse(body);
        }
    }

    /**
     * Sends one request; body null for none. Throws IOException for anything that is not an answer
     * (refused connection or address, timeout, reset, oversized answer): the callers retry those later.
     */
    public Response send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        GuardedHttp.Answer r = client.exchange(method, uri, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        return new Response(r.status(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
    }

    /** A GET whose body is bytes (a label file): status and body; the same deadline as {@link #send}. */
    public record Binary(int status, byte[] body) {
    }

    public Binary fetch(URI uri, Map<String, String> headers) throws IOException {
        GuardedHttp.Answer r = client.exchange("GET", uri, headers, null);
        return new Binary(r.status(), r.body());
    }

    /** A short, secret-free description of a failed exchange (the exception's type and message). */
    public static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    public static Object parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return READER.anyFrom(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    public static String text(Object value) {
        return value instanceof String s ? s : value == null ? null : String.valueOf(value);
    }

    public static int integer(Object value, int otherwise) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /**
     * A text fit for a PushResult: every known secret value replaced, control characters turned into
     * spaces, at most {@link #MAX_MESSAGE} characters. Applied to everything a platform says, in case it
     * echoes a credential back.
     */
    public static String clean(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String s = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                s = s.replace(secret, "***");
            }
        }
        s = s.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
        if (s.length() > MAX_MESSAGE) {
            int end = MAX_MESSAGE - 1;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end) + "…";
        }
        return s;
    }

    /** The start of a body that is not the platform's JSON error (an HTML error page, a proxy's text). */
    public static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "no body";
        }
        String s = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
