package orderflow.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.shared.json.Json;

/**
 * A local stand-in for Login with Amazon and the SP-API Orders v0 endpoints, speaking their
 * documented JSON: POST /auth/o2/token (refresh_token grant), GET /orders/v0/orders/{id} and
 * /orders/v0/orders/{id}/orderItems (from events/spapi-get-order*.json, with the id asked for).
 * Anything without the right token is 403, as SP-API answers.
 */
public final class FakeSpApi implements AutoCloseable {

    public static final String CLIENT_ID = "amzn1.application-oa2-client.fake";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String REFRESH_TOKEN = "Atzr|fake-refresh-token";
    private static final String ACCESS_TOKEN = "Atza|fake-access-token";
    private static final String RESTRICTED_TOKEN = "Atz.sprdt|fake-restricted-data-token";

    private final HttpServer server;
    private final Path events;
    public final AtomicInteger tokenCalls = new AtomicInteger();
    public final AtomicInteger orderCalls = new AtomicInteger();
    /** getOrder and getOrderItems payloads served for particular order ids (a test's own cases). */
    private final Map<String, Map<String, Object>> served = new java.util.concurrent.ConcurrentHashMap<>();

    /** From now on, answers getOrder and getOrderItems for this id with these payloads (the "payload" members). */
    public void serve(String amazonOrderId, Map<String, Object> getOrder, Map<String, Object> getOrderItems) {
        served.put(amazonOrderId, Map.of("order", getOrder, "items", getOrderItems));
    }

    public FakeSpApi(Path projectRoot) throws IOException {
        this.events = projectRoot.resolve("events");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/auth/o2/token", this::token);
        server.createContext("/orders/v0/orders/", this::orders);
        server.createContext("/tokens/2021-03-01/restrictedDataToken", this::restrictedToken);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenEndpoint() {
        return endpoint() + "/auth/o2/token";
    }

    private void token(HttpExchange x) throws IOException {
        tokenCalls.incrementAndGet();
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"refresh_token".equals(form.get("grant_type")) || !REFRESH_TOKEN.equals(form.get("refresh_token"))
                || !CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The request has an invalid grant parameter\"}");
            return;
        }
        send(x, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"refresh_token\":\"" + REFRESH_TOKEN
                + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
    }

    /** createRestrictedDataToken: for the order's buyerInfo and shippingAddress. */
    private void restrictedToken(HttpExchange x) throws IOException {
        if (!ACCESS_TOKEN.equals(x.getRequestHeaders().getFirst("x-amz-access-token"))) {
            send(x, 403, "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\"}]}");
            return;
        }
        Json.parseObject(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("restrictedResources");
        send(x, 200, "{\"restrictedDataToken\":\"" + RESTRICTED_TOKEN + "\",\"expiresIn\":3600}");
    }

    private void orders(HttpExchange x) throws IOException {
        orderCalls.incrementAndGet();
        String token = x.getRequestHeaders().getFirst("x-amz-access-token");
        if (!ACCESS_TOKEN.equals(token) && !RESTRICTED_TOKEN.equals(token)) {
            send(x, 403, "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\"}]}");
            return;
        }
        String rest = x.getRequestURI().getPath().substring("/orders/v0/orders/".length());
        boolean items = rest.endsWith("/orderItems");
        String id = items ? rest.substring(0, rest.length() - "/orderItems".length()) : rest;
        if (served.containsKey(id)) {
            send(x, 200, Json.write(Map.of("payload", served.get(id).get(items ? "items" : "order"))));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>(Json.parseObject(Files.readString(
                events.resolve(items ? "spapi-get-order-items.json" : "spapi-get-order.json"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) body.get("payload"));
        payload.put("AmazonOrderId", id);
        if (!items && !RESTRICTED_TOKEN.equals(token)) {
            // Without a Restricted Data Token SP-API leaves the buyer's PII out, as documented.
            payload.remove("BuyerInfo");
            if (payload.get("ShippingAddress") instanceof Map<?, ?> address) {
                Map<String, Object> partial = new LinkedHashMap<>();
                address.forEach((k, v) -> {
                    if (!k.equals("Name") && !k.toString().startsWith("AddressLine")) {
                        partial.put(k.toString(), v);
                    }
                });
                payload.put("ShippingAddress", partial);
            }
        }
        body.put("payload", payload);
        send(x, 200, Json.write(body));
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("content-type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
