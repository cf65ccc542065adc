package orderflow.shared.spapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import orderflow.shared.json.Json;
import orderflow.shared.outbound.GuardedHttp;
import orderflow.shared.outbound.OutboundRules;
import orderflow.shared.ports.AmazonOrdersApi;

/**
 * SP-API over HTTPS through {@link GuardedHttp} (public addresses only, one deadline per call). Login with Amazon
 * exchanges the seller's refresh token for an access token (cached until a minute before it
 * expires); calls carry it as x-amz-access-token (SP-API needs no AWS signature since 2023). A
 * throttled (429) or failed call throws: the notification goes back to its queue and is retried.
 */
public final class SpApiClient implements AmazonOrdersApi {

    /** Each call's whole exchange, body included. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final long MAX_ANSWER = 4L * 1024 * 1024;

    private final GuardedHttp http;

    private final URI endpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final Clock clock;
    /** refresh token -> access token; per execution environment, never in a SnapStart snapshot (built after restore). */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    public SpApiClient(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock,
                       OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock, rules);
    }

    /** clientSecret: read on first use (the stack's SSM SecureString). */
    public SpApiClient(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                       OutboundRules rules) {
        this.http = new GuardedHttp(rules, DEADLINE, MAX_ANSWER);
        this.endpoint = endpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /**
     * With a Restricted Data Token for buyerInfo and shippingAddress: without one SP-API leaves out
     * the buyer's email and the street address, and no order could be shipped or emailed.
     */
    @Override
    public Map<String, Object> getOrder(String refreshToken, String amazonOrderId) {
        String path = "/orders/v0/orders/" + encode(amazonOrderId);
        String request = Json.write(Map.of("restrictedResources", List.of(Map.of("method", "GET", "path", path,
                "dataElements", List.of("buyerInfo", "shippingAddress")))));
        Map<String, Object> rdt = post(endpoint.resolve("/tokens/2021-03-01/restrictedDataToken"), "application/json",
                request, accessToken(refreshToken), "createRestrictedDataToken");
        if (!(rdt.get("restrictedDataToken") instanceof String token)) {
            throw new IllegalStateException("SP-API answered without a restrictedDataToken");
        }
        return payload(read(http, "GET", endpoint.resolve(path), Map.of("x-amz-access-token", token,
                "accept", "application/json"), null, "GET " + path));
    }

    @Override
    public Map<String, Object> getOrderItems(String refreshToken, String amazonOrderId) {
        List<Object> items = new ArrayList<>();
        Map<String, Object> first = null;
        String next = null;
        do {
            String path = "/orders/v0/orders/" + encode(amazonOrderId) + "/orderItems"
                    + (next == null ? "" : "?NextToken=" + encode(next));
            Map<String, Object> page = payload(get(refreshToken, path));
            if (first == null) {
                first = new LinkedHashMap<>(page);
            }
            if (page.get("OrderItems") instanceof List<?> list) {
                items.addAll(list);
            }
            next = page.get("NextToken") instanceof String t && !t.isBlank() ? t : null;
        } while (next != null);
        first.put("OrderItems", items);
        first.remove("NextToken");
        return first;
    }

    private static Map<String, Object> payload(Map<String, Object> response) {
        if (!(response.get("payload") instanceof Map<?, ?> payload)) {
            throw new IllegalStateException("SP-API answered without a payload: " + response.keySet());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) payload;
        return p;
    }

    private Map<String, Object> get(String refreshToken, String path) {
        return read(http, "GET", endpoint.resolve(path), Map.of("x-amz-access-token", accessToken(refreshToken),
                "accept", "application/json"), null, "GET " + path);
    }

    private String accessToken(String refreshToken) {
        if (unset(clientId) || unset(clientSecret.get())) {
            throw new IllegalStateException("the SP-API app's LWA client id and secret are not configured"
                    + " (template parameters LwaClientId, LwaClientSecretParameter)");
        }
        Instant now = clock.instant();
        Token cached = tokens.get(refreshToken);
        if (cached != null && cached.expires().isAfter(now.plusSeconds(60))) {
            return cached.value();
        }
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret.get());
        Map<String, Object> answer = post(tokenEndpoint, "application/x-www-form-urlencoded;charset=UTF-8", form,
                null, "LWA token");
        if (!(answer.get("access_token") instanceof String token)) {
            throw new IllegalStateException("Login with Amazon answered without an access_token");
        }
        long seconds = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600;
        tokens.put(refreshToken, new Token(token, now.plusSeconds(seconds)));
        return token;
    }

    /** Blank, or "-": what `sam deploy --guided` users type for a parameter they do not use. */
    private static boolean unset(String value) {
        return value == null || value.isBlank() || value.strip().equals("-");
    }

    private Map<String, Object> post(URI uri, String contentType, String body, String accessToken, String what) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        if (accessToken != null) {
            headers.put("x-amz-access-token", accessToken);
        }
        return read(http, "POST", uri, headers, body.getBytes(StandardCharsets.UTF_8), what);
    }

    /** The JSON answer of a 2xx; anything else throws with the status (never the token or the body's secrets). */
    private static Map<String, Object> read(GuardedHttp http, String method, URI uri, Map<String, String> headers,
                                            byte[] body, String what) {
        GuardedHttp.Answer answer;
        try {
            answer = http.exchange(method, uri, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed: " + e.getClass().getSimpleName(), e);
        }
        int status = answer.status();
        if (status / 100 != 2) {
            throw new IllegalStateException(what + " failed with HTTP " + status
                    + (status == 429 ? " (throttled: retried later)" : ""));
        }
        return Json.parseObject(new String(answer.body(), StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
