package orderflow.local.carriers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** What the carrier fakes share: a loopback server, JSON in and out, and a webhook sender. */
final class FakeHttp {

    private static final JSON JSON_IO = JSON.builder().build().with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private FakeHttp() {
    }

    /** One answer: status, content type, body bytes, extra headers. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response json(int status, Object value) {
            return new Response(status, "application/json; charset=utf-8", write(value).getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        static Response bytes(String contentType, byte[] body) {
            return new Response(200, contentType, body, Map.of());
        }
    }

    /** A route's refusal, carrying the answer the platform gives. */
    static final class Refusal extends RuntimeException {
        final transient Response response;

        Refusal(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    interface Handler {
        Response handle(HttpExchange exchange, byte[] body) throws IOException;
    }

    static HttpServer start(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", x -> {
            try (x) {
                byte[] body = x.getRequestBody().readAllBytes();
                Response r;
                try {
                    r = handler.handle(x, body);
                } catch (Refusal e) {
                    r = e.response;
                }
                r.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
                if (r.contentType() != null) {
                    x.getResponseHeaders().set("Content-Type", r.contentType());
                }
                x.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
                if (r.body().length > 0) {
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(r.body());
                    }
                }
            }
        });
        // One thread per exchange: a webhook receiver may call the fake back while a delivery is under way.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    static String write(Object value) {
        try {
            return JSON_IO.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as a JSON object, or null when it is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(byte[] body) {
        try {
            Object v = JSON_IO.anyFrom(new String(body, StandardCharsets.UTF_8));
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : null;
    }

    static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            q.put(k, eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static Map<String, String> form(byte[] body) {
        return query(URI.create("http://x/?" + new String(body, StandardCharsets.UTF_8)));
    }

    /** POSTs a body to a webhook URL with the given headers; the receiver's status, or 0 when it could not be reached. */
    static int post(String url, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
