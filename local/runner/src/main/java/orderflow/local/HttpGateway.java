package orderflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.shared.json.Json;

/**
 * The HTTP API (payload format 2.0) as API Gateway serves it: route matching with path
 * parameters, the Lambda REQUEST authorizer with simple responses (its answers cached per identity
 * source values for {@code ReauthorizeEvery}, {@link AuthorizerCache}), binary bodies as base64, and
 * API Gateway's own answers ({"message":"Unauthorized"} 401, "Forbidden" 403, "Not Found" 404,
 * "Internal Server Error" 500) when no function answers.
 */
public final class HttpGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /**
     * A Lambda authorizer: its function, the headers that are its identity sources (a request
     * without one of them is refused with 401 before the authorizer runs) and how long API Gateway
     * caches its answer per identity ({@code ReauthorizeEvery}; zero: not cached).
     */
    public record Authorizer(String name, String functionId, List<String> identityHeaders, Duration ttl) {
    }

    public record Route(String method, String path, String functionId, Authorizer authorizer) {
        Pattern regex() {
            StringBuilder re = new StringBuilder();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            int last = 0;
            while (m.find()) {
                re.append(Pattern.quote(path.substring(last, m.start())));
                re.append(m.group(1).endsWith("+") ? "(.+)" : "([^/]+)");
                last = m.end();
            }
            re.append(Pattern.quote(path.substring(last)));
            return Pattern.compile(re.toString());
        }

        List<String> parameterNames() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                names.add(m.group(1).replace("+", ""));
            }
            return names;
        }

        String routeKey() {
            return method + " " + path;
        }

        int specificity() {
            return path.replaceAll("\\{[^}]+}", "").length();
        }
    }

    /** Extra local-only endpoints under /_local/ (sent emails, health, the demo storefront's refund receiver). */
    public interface LocalEndpoint {
        byte[] handle(String subPath) throws IOException;

        /** For endpoints that take a request body (POST); the headers' names are lower case. */
        default byte[] handle(String subPath, String method, Map<String, String> headers, byte[] body)
                throws IOException {
            return handle(subPath);
        }
    }

    private final List<Route> routes;
    private final Function<String, FunctionRuntime> runtimes;
    private final Map<String, LocalEndpoint> localEndpoints;
    private final PrintStream log;
    private final String region;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final AuthorizerCache authorizerCache;

    /** {@code clock} is what cached authorizer answers expire by. */
    public HttpGateway(String host, int port, List<Route> routes, Function<String, FunctionRuntime> runtimes,
                       Map<String, LocalEndpoint> localEndpoints, String region, Clock clock, PrintStream log)
            throws IOException {
        this.authorizerCache = new AuthorizerCache(clock);
        this.routes = new ArrayList<>(routes);
        this.routes.sort(Comparator.comparingInt(Route::specificity).reversed());
        this.runtimes = runtimes;
        this.localEndpoints = localEndpoints;
        this.region = region;
        this.log = log;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith("/_local/")) {
                local(exchange, path.substring("/_local/".length()));
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("content-type", "application/json"),
                        "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (Route route : routes) {
                Matcher m = route.regex().matcher(path);
                if (m.matches() && (route.method().equals("ANY") || route.method().equals(method))) {
                    Map<String, String> params = new LinkedHashMap<>();
                    List<String> names = route.parameterNames();
                    for (int i = 0; i < names.size(); i++) {
                        params.put(names.get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
                                StandardCharsets.UTF_8));
                    }
                    dispatch(exchange, route, params, body);
                    return;
                }
            }
            message(exchange, 404, "Not Found");
        } catch (RuntimeException e) {
            log.println("[gateway] " + e);
        }
    }

    private void dispatch(HttpExchange exchange, Route route, Map<String, String> params, byte[] body)
            throws IOException {
        long started = System.nanoTime();
        Map<String, String> headers = headers(exchange);
        Map<String, Object> authorizerContext = null;
        Authorizer authorizer = route.authorizer();
        if (authorizer != null) {
            List<String> identity = identitySource(authorizer, headers);
            if (identity == null) { // a missing or empty identity source: 401 without asking the authorizer
                message(exchange, 401, "Unauthorized");
                return;
            }
            AuthorizerCache.Decision decision;
            try {
                decision = authorizerCache.decide(authorizer.name(), identity, authorizer.ttl(), () -> {
                    Map<String, Object> answer = Json.parseObject(new String(invoke(authorizer.functionId(),
                            authorizerEvent(exchange, route, params, headers, identity)), StandardCharsets.UTF_8));
                    return new AuthorizerCache.Decision(Boolean.TRUE.equals(answer.get("isAuthorized")),
                            Template.map(answer.get("context")));
                });
            } catch (RuntimeException e) {
                log.println("[gateway] authorizer failed: "
                        + (e instanceof AuthorizerFailed ? e.getCause().getMessage() : e.getMessage()));
                message(exchange, 500, "Internal Server Error");
                return;
            }
            if (!decision.authorized()) {
                message(exchange, 403, "Forbidden");
                return;
            }
            authorizerContext = decision.context();
        }
        Map<String, Object> event = httpEvent(exchange, route, params, headers, body, authorizerContext);
        byte[] result;
        try {
            result = runtimes.apply(route.functionId()).invoke(Json.write(event).getBytes(StandardCharsets.UTF_8));
        } catch (FunctionRuntime.FunctionError e) {
            log.println("[gateway] " + route.routeKey() + " failed: " + e.getMessage());
            message(exchange, 500, "Internal Server Error");
            return;
        }
        int status = respond(exchange, result);
        log.printf("[gateway] %s %s -> %d (%d ms)%n", exchange.getRequestMethod(), exchange.getRequestURI(), status,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The authorizer's function failed (wraps the checked {@link FunctionRuntime.FunctionError}). */
    private static final class AuthorizerFailed extends RuntimeException {
        AuthorizerFailed(FunctionRuntime.FunctionError cause) {
            super(cause);
        }
    }

    private byte[] invoke(String functionId, Map<String, Object> event) {
        try {
            return runtimes.apply(functionId).invoke(Json.write(event).getBytes(StandardCharsets.UTF_8));
        } catch (FunctionRuntime.FunctionError e) {
            throw new AuthorizerFailed(e);
        }
    }

    /**
     * The values of the authorizer's identity source headers (names case-insensitive), or null
     * when one is missing or empty.
     */
    static List<String> identitySource(Authorizer authorizer, Map<String, String> lowerCaseHeaders) {
        List<String> identity = new ArrayList<>();
        for (String h : authorizer.identityHeaders()) {
            String value = lowerCaseHeaders.get(h.toLowerCase(Locale.ROOT));
            if (value == null || value.isEmpty()) {
                return null;
            }
            identity.add(value);
        }
        return identity;
    }

    /** Maps the function's payload 2.0 response to HTTP, as API Gateway does. */
    private int respond(HttpExchange exchange, byte[] result) throws IOException {
        String text = new String(result, StandardCharsets.UTF_8).strip();
        Map<String, Object> response;
        try {
            response = text.startsWith("{") ? Json.parseObject(text) : null;
        } catch (RuntimeException e) {
            response = null;
        }
        if (response == null || !response.containsKey("statusCode")) {
            send(exchange, 200, Map.of("content-type", "application/json"), result);
            return 200;
        }
        int status = ((Number) response.get("statusCode")).intValue();
        Map<String, String> headers = new LinkedHashMap<>();
        Template.map(response.get("headers")).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        for (Object cookie : Template.list(response.get("cookies"))) {
            exchange.getResponseHeaders().add("set-cookie", String.valueOf(cookie));
        }
        Object body = response.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode(String.valueOf(body))
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        send(exchange, status, headers, bytes);
        return status;
    }

    private Map<String, Object> httpEvent(HttpExchange exchange, Route route, Map<String, String> params,
                                          Map<String, String> headers, byte[] body, Map<String, Object> authorizer) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String query = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", query == null ? "" : query);
        event.put("headers", headers);
        if (query != null && !query.isEmpty()) {
            event.put("queryStringParameters", queryParameters(query));
        }
        if (!params.isEmpty()) {
            event.put("pathParameters", params);
        }
        Map<String, Object> context = requestContext(exchange, route);
        if (authorizer != null) {
            context.put("authorizer", Map.of("lambda", authorizer));
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private Map<String, Object> authorizerEvent(HttpExchange exchange, Route route, Map<String, String> params,
                                                Map<String, String> headers, List<String> identity) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeArn", "arn:aws:execute-api:" + region + ":" + LocalCloud.ACCOUNT + ":local/$default/"
                + route.method() + route.path());
        event.put("identitySource", identity);
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String query = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", query == null ? "" : query);
        event.put("headers", headers);
        if (!params.isEmpty()) {
            event.put("pathParameters", params);
        }
        event.put("requestContext", requestContext(exchange, route));
        return event;
    }

    private Map<String, Object> requestContext(HttpExchange exchange, Route route) {
        Instant now = Instant.now();
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", LocalCloud.ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "127");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return headers;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("application/javascript");
    }

    private void local(HttpExchange exchange, String subPath) throws IOException {
        int slash = subPath.indexOf('/');
        String name = slash < 0 ? subPath : subPath.substring(0, slash);
        LocalEndpoint endpoint = localEndpoints.get(name);
        if (endpoint == null) {
            message(exchange, 404, "Not Found");
            return;
        }
        try {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
                    v.isEmpty() ? "" : v.get(0)));
            byte[] body = readLimited(exchange.getRequestBody());
            send(exchange, 200, Map.of("content-type", name.endsWith(".html") ? "text/html; charset=utf-8"
                    : "application/json"), endpoint.handle(slash < 0 ? "" : subPath.substring(slash + 1),
                    exchange.getRequestMethod(), headers, body == null ? new byte[0] : body));
        } catch (IOException | RuntimeException e) {
            send(exchange, 502, Map.of("content-type", "application/json"),
                    Json.write(Map.of("message", String.valueOf(e.getMessage()))).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("content-type", "application/json"),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
