package orderflow.shared.spapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import orderflow.shared.json.Json;
import orderflow.shared.ports.AmazonOrdersApi;

/**
 * SP-API over HTTPS with the JDK's HttpURLConnection (no extra client: cold start). Login with Amazon
 * exchanges the seller's refresh token for an access token (cached until a minute before it
 * expires); calls carry it as x-amz-access-token (SP-API needs no AWS signature since 2023). A
 * throttled (429) or failed call throws: the notification goes back to its queue and is retried.
 */
public final class SpApiClient implements AmazonOrdersApi {

    private static final int TIMEOUT_MS = 5_000;

    private final URI endpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final Clock clock;
    /** refresh token -> access token; per execution environment, never in a SnapStart snapshot (built after restore). */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    public SpApiClient(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock);
    }

    /** clientSecret: read on first use (the stack's SSM SecureString). */
    public SpApiClient(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock) {
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
        Map<String, Object> rdt = read(post(endpoint.resolve("/tokens/2021-03-01/restrictedDataToken"), "application/json",
                request, accessToken(refreshToken)), "createRestrictedDataToken");
        if (!(rdt.get("restrictedDataToken") instanceof String token)) {
            throw new IllegalStateException("SP-API answered without a restrictedDataToken");
        }
        HttpURLConnection c = open(endpoint.resolve(path));
        c.setRequestProperty("x-amz-access-token", token);
        c.setRequestProperty("accept", "application/json");
        return payload(read(c, "GET " + path));
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
        HttpURLConnection c = open(endpoint.resolve(path));
        c.setRequestProperty("x-amz-access-token", accessToken(refreshToken));
        c.setRequestProperty("accept", "application/json");
        return read(c, "GET " + path);
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
        Map<String, Object> answer = read(post(tokenEndpoint, "application/x-www-form-urlencoded;charset=UTF-8", form,
                null), "LWA token");
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

    private static HttpURLConnection post(URI uri, String contentType, String body, String accessToken) {
        HttpURLConnection c = open(uri);
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("content-type", contentType);
            if (accessToken != null) {
                c.setRequestProperty("x-amz-access-token", accessToken);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri.getPath() + " failed", e);
        }
    }

    private static HttpURLConnection open(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON answer of a 2xx; anything else throws with the status (never the token or the body's secrets). */
    private static Map<String, Object> read(HttpURLConnection c, String what) {
        try {
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status / 100 != 2) {
                throw new IllegalStateException(what + " failed with HTTP " + status
                        + (status == 429 ? " (throttled: retried later)" : ""));
            }
            return Json.parseObject(body);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } finally {
            c.disconnect();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
