package orderflow.shared.outbound.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The JDK's HTTP client for the platform channels (no extra dependency: cold start). Connect within
 * 3 s and have the whole answer, body included, within 8 s: a slow platform is retried later and
 * never holds the function. Redirects are not followed (a POST must reach the URL configured, and
 * credentials must not travel to wherever a redirect points). Public for the carrier clients
 * (orderflow.shared.outbound.carriers), which follow the same discipline.
 */
public final class ChannelHttp {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** Platform messages passed on to the seller are cut to this many characters. */
    static final int MAX_MESSAGE = 500;

    private static final JSON READER = JSON.builder().build().with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient client;
    private final Duration timeout;

    public ChannelHttp(Duration timeout) {
        this.timeout = timeout;
        Duration connect = CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout;
        this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
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
     * (refused connection, timeout, reset, interrupted): the callers retry those later.
     */
    public Response send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        HttpResponse<String> r = exchange(method, uri, headers, body, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.headers().map(), r.body() == null ? "" : r.body());
    }

    /** A GET whose body is bytes (a label file): status and body; the same deadlines as {@link #send}. */
    public record Binary(int status, byte[] body) {
    }

    public Binary fetch(URI uri, Map<String, String> headers) throws IOException {
        HttpResponse<byte[]> r = exchange("GET", uri, headers, null, HttpResponse.BodyHandlers.ofByteArray());
        return new Binary(r.statusCode(), r.body() == null ? new byte[0] : r.body());
    }

    private <T> HttpResponse<T> exchange(String method, URI uri, Map<String, String> headers, String body,
                                         HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<T>> answer = client.sendAsync(request.build(), handler);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause);
        }
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
