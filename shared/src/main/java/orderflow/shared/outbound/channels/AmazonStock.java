package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.json.Json;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.outbound.OutboundRules;

/**
 * Sets Amazon's seller-fulfilled quantity with Listings Items 2021-08-01 patchListingsItem
 * ({@code PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=}), one call per SKU: a
 * {@code merge} patch of {@code /attributes/fulfillment_availability} with fulfillment_channel_code
 * DEFAULT and the quantity (merge changes the quantity and leaves the listing's handling time and
 * restock date as they are). The operation's usage plan is 5 requests per second, burst 5: calls
 * are spaced {@link #SPACING} apart, at most {@link #MAX_PER_CALL} per run (the rest wait for the
 * next run); a 429 stops the run. Status ACCEPTED is Done, INVALID (an unknown SKU, a bad
 * attribute) is Refused with Amazon's issues.
 *
 * <p>Settings: sellerId (the SP-API merchant id), marketplaceId, productType (default
 * {@value #DEFAULT_PRODUCT_TYPE}, Amazon's type for a listing whose product data is not sent).
 * Secret: refreshToken; the app's LWA credentials are the stack's.
 */
public final class AmazonStock implements StockChannel {

    static final String DEFAULT_PRODUCT_TYPE = "PRODUCT";
    /** 5 requests per second. */
    static final Duration SPACING = Duration.ofMillis(200);
    /** SKUs per run and storefront: 20 s of calls at 5/s. */
    static final int MAX_PER_CALL = 100;

    private final URI endpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final Clock clock;
    private final Duration spacing;
    private final ChannelHttp http;
    /** Per execution environment, built after a SnapStart restore. */
    private final LwaTokens tokens;

    public AmazonStock(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock,
                       OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock, SPACING, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    /** clientSecret: read on first use (the stack's SSM SecureString). */
    public AmazonStock(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                       OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, clientSecret, clock, SPACING, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    AmazonStock(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock, Duration spacing,
                Duration requestTimeout, OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock, spacing, requestTimeout, rules);
    }

    AmazonStock(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                Duration spacing, Duration requestTimeout, OutboundRules rules) {
        this.endpoint = endpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.spacing = spacing;
        this.http = new ChannelHttp(requestTimeout, rules);
        this.tokens = new LwaTokens(http, clientId, clientSecret, clock);
    }

    @Override
    public Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels) {
        String refreshToken = link.secret("refreshToken");
        List<String> secrets = new ArrayList<>();
        secrets.add(clientSecret.get());
        secrets.add(refreshToken);
        String sellerId = link.setting("sellerId");
        String marketplaceId = link.setting("marketplaceId");
        String productType = link.setting("productType") == null || link.setting("productType").isBlank()
                ? DEFAULT_PRODUCT_TYPE : link.setting("productType").strip();
        URI api = link.baseUrl() == null || link.baseUrl().isBlank() ? endpoint : uri(link.baseUrl());
        String problem = unset(clientId) || unset(clientSecret.get()) ? "The SP-API application's LWA client id and secret"
                + " are not configured."
                : unset(refreshToken) ? "The Amazon link has no refresh token: the seller must authorize the app again."
                : unset(sellerId) ? "The Amazon link has no sellerId setting (the seller's SP-API merchant id)."
                : unset(marketplaceId) ? "The Amazon link has no marketplaceId setting."
                : api == null || api.getHost() == null || tokenEndpoint == null ? "The Amazon link has no valid SP-API"
                + " endpoint or LWA token endpoint." : null;
        if (problem != null) {
            return StockResults.all(levels, new PushResult.Refused(problem));
        }
        Map<String, PushResult> results = new LinkedHashMap<>();
        try {
            Object token = tokens.token(tokenEndpoint, refreshToken, secrets);
            if (token instanceof PushResult failed) {
                return StockResults.all(levels, failed);
            }
            String accessToken = ((LwaTokens.Token) token).value();
            secrets.add(accessToken);
            long next = 0;
            for (StockLevel level : levels) {
                if (results.size() >= MAX_PER_CALL) {
                    break;
                }
                next = pace(next);
                URI uri = URI.create(api.toString().replaceAll("/+$", "") + "/listings/2021-08-01/items/"
                        + path(sellerId.strip()) + "/" + path(level.sku()) + "?marketplaceIds="
                        + URLEncoder.encode(marketplaceId.strip(), StandardCharsets.UTF_8));
                PushResult result = answer(http.send("PATCH", uri, headers(accessToken),
                        Json.write(body(productType, level))), level.sku(), secrets);
                results.put(level.sku(), result);
                if (result instanceof PushResult.Retry) {
                    break; // throttled or failing: the rest waits for the next run
                }
            }
        } catch (IOException e) {
            StockResults.fill(results, levels, new PushResult.Retry(ChannelHttp.clean("Amazon did not answer: "
                    + ChannelHttp.describe(e), secrets)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StockResults.fill(results, levels, new PushResult.Retry("Not sent in this run (Amazon's rate: 5 per second)."));
        return results;
    }

    static Map<String, Object> body(String productType, StockLevel level) {
        Map<String, Object> availability = new LinkedHashMap<>();
        availability.put("fulfillment_channel_code", "DEFAULT");
        availability.put("quantity", level.available());
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("op", "merge");
        patch.put("path", "/attributes/fulfillment_availability");
        patch.put("value", List.of(availability));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productType", productType);
        body.put("patches", List.of(patch));
        return body;
    }

    /** Waits until the next call may go; returns when the one after it may. */
    private long pace(long notBefore) throws InterruptedException {
        long now = System.nanoTime();
        if (notBefore != 0 && now < notBefore) {
            Thread.sleep((notBefore - now) / 1_000_000, (int) ((notBefore - now) % 1_000_000));
            now = notBefore;
        }
        return now + spacing.toNanos();
    }

    private PushResult answer(ChannelHttp.Response r, String sku, List<String> secrets) {
        int status = r.status();
        Map<String, Object> body = map(r.json());
        if (status / 100 == 2) {
            String outcome = text(body.get("status"));
            if ("ACCEPTED".equals(outcome) || "VALID".equals(outcome)) {
                return new PushResult.Done(text(body.get("submissionId")));
            }
            List<String> issues = new ArrayList<>();
            for (Object i : list(body.get("issues"))) {
                issues.add(text(map(i).get("code")) + ": " + text(map(i).get("message")));
            }
            return new PushResult.Refused(ChannelHttp.clean("Amazon refused the quantity of " + sku + " ("
                    + outcome + "): " + String.join("; ", issues), secrets));
        }
        List<String> errors = new ArrayList<>();
        for (Object e : list(body.get("errors"))) {
            errors.add(text(map(e).get("code")) + ": " + text(map(e).get("message")));
        }
        String words = errors.isEmpty() ? ChannelHttp.snippet(r.body()) : String.join("; ", errors);
        if (status == 429 || status >= 500 || status == 408) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon answered HTTP " + status + ": " + words, secrets));
        }
        if (status == 401 || status == 403) {
            tokens.clear(); // a revoked or expired token is fetched again next run
        }
        return new PushResult.Refused(ChannelHttp.clean("Amazon refused patchListingsItem for " + sku + " (HTTP "
                + status + "): " + words + (status == 403 ? ". The app needs the seller's authorization and the"
                + " Product Listing role." : ""), secrets));
    }

    private static Map<String, String> headers(String accessToken) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-amz-access-token", accessToken);
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        h.put("User-Agent", "orderflow/1.0 (Language=Java)");
        return h;
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI uri(String s) {
        try {
            return URI.create(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean unset(String value) {
        return value == null || value.isBlank() || value.strip().equals("-");
    }

    @Override
    public String toString() {
        return "AmazonStock[endpoint=" + endpoint + ", tokenEndpoint=" + tokenEndpoint + ", clientSecret hidden]";
    }
}
