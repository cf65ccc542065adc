package orderflow.shared.outbound.channels;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.shared.json.Json;

/**
 * A platform on 127.0.0.1 answering canned responses per "METHOD /path" (in order; the last one
 * repeats), recording every request it got. Anything not stubbed gets a 599.
 */
final class StubPlatform implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        Map<String, Object> json() {
            return Json.parseObject(body);
        }
    }

    record Answer(int status, String body, Map<String, String> headers, long delayMillis) {

        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }

        Answer with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Answer(status, body, h, delayMillis);
        }

        Answer delayed(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    StubPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubPlatform on(String methodAndPath, Answer... canned) {
        answers.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(canned));
        return this;
    }

    StubPlatform on(String methodAndPath, int status, String body) {
        return on(methodAndPath, Answer.of(status, body));
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    Request request(int i) {
        return requests().get(i);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer;
            synchronized (answers) {
                Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
                answer = queue == null || queue.isEmpty() ? Answer.of(599, "{\"stub\":\"nothing canned\"}")
                        : queue.size() > 1 ? queue.poll() : queue.peek();
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            boolean empty = bytes.length == 0 || answer.status() == 204;
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : bytes.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A port on which nothing listens (bound, then released). */
    static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
