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
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;

/**
 * Amazon SP-API Orders v0 confirmShipment (POST /orders/v0/orders/{orderId}/shipmentConfirmation,
 * header x-amz-access-token; answers 204). Login with Amazon exchanges the seller's refresh token for
 * an access token with the app's client id and secret (cached per refresh token until a minute
 * before it expires). The package reference id is derived from the shipment id, so a repeated call
 * names the same package: Amazon edits that package instead of adding a second one.
 *
 * <p>Settings: marketplaceId. The token endpoint is the stack's (given here), never a link's.
 * Secret: refreshToken. The link's baseUrl is the regional SP-API endpoint (else the one given here).
 */
public final class AmazonChannel implements ChannelClient {

    static final String NO_ORDER_ITEM_ID =
            "Amazon needs the OrderItemId of every line; this order was taken before it was kept";

    /**
     * Amazon's carrier codes (Seller Central's shipping confirmation template, "carrier-code (CarrierCode
     * field in API)"), by their upper-case, space-free spelling. Anything else goes as Other + carrierName.
     */
    private static final Map<String, String> CARRIER_CODES = codes("Blue Package", "USPS", "UPS", "UPSMI", "FedEx",
            "DHL", "DHL Global Mail", "DHL Express", "DHL eCommerce", "Fastway", "UPS Mail Innovations", "Lasership",
            "Royal Mail", "FedEx SmartPost", "OSM", "OnTrac", "Streamlite", "Newgistics", "Canada Post", "City Link",
            "GLS", "GO!", "Hermes Logistik Gruppe", "Parcelforce", "TNT", "Target", "SagawaExpress", "NipponExpress",
            "YamatoTransport", "Ninjavan", "Qxpress", "Singapore Post", "4PX", "Yanwen", "Aramex", "China Post",
            "SF Express");

    private static final Pattern SHIPMENT_NUMBER = Pattern.compile("(?:shp_)?0*([1-9][0-9]{0,8})");

    private final URI endpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ChannelHttp http;
    /** (token endpoint, refresh token) -> access token; per execution environment, never in a SnapStart snapshot (built after restore). */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    /**
     * endpoint: the SP-API endpoint for links without a baseUrl (may be null: such links are refused);
     * tokenEndpoint: Login with Amazon's token URL (https://api.amazon.com/auth/o2/token); clientId and
     * clientSecret: the SP-API application's LWA credentials (not the seller's).
     */
    public AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this(endpoint, tokenEndpoint, clientId, clientSecret, clock, ChannelHttp.REQUEST_TIMEOUT);
    }

    AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock,
                  Duration requestTimeout) {
        this.endpoint = endpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.http = new ChannelHttp(requestTimeout);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        String refreshToken = link.secret("refreshToken");
        List<String> secrets = new ArrayList<>();
        secrets.add(clientSecret);
        secrets.add(refreshToken);
        if (unset(clientId) || unset(clientSecret)) {
            return new PushResult.Refused("The SP-API application's LWA client id and secret are not configured.");
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            return new PushResult.Refused("The Amazon link has no refresh token: the seller must authorize the app again.");
        }
        String marketplaceId = link.setting("marketplaceId");
        if (marketplaceId == null || marketplaceId.isBlank()) {
            return new PushResult.Refused("The Amazon link has no marketplaceId setting.");
        }
        URI api = api(link);
        URI lwa = lwa(link);
        if (api == null || lwa == null) {
            return new PushResult.Refused("The Amazon link has no valid SP-API endpoint or LWA token endpoint.");
        }
        if (externalOrderId == null || externalOrderId.isBlank()) {
            return new PushResult.Refused("The order has no Amazon order id.");
        }
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            return new PushResult.Refused("The shipment has no tracking number to send to Amazon.");
        }
        Map<String, Integer> items = new LinkedHashMap<>();
        for (ShipmentNotice.Line line : shipment.lines()) {
            if (line.lineId() == null || line.lineId().isBlank()) {
                return new PushResult.Refused(NO_ORDER_ITEM_ID);
            }
            if (line.quantity() > 0) {
                items.merge(line.lineId().strip(), line.quantity(), Integer::sum);
            }
        }
        if (items.isEmpty()) {
            return new PushResult.Refused("The shipment has no lines to confirm to Amazon.");
        }
        String packageReferenceId = packageReferenceId(shipment.shipmentId());
        Instant shipDate = shipment.shipDate() == null ? clock.instant() : shipment.shipDate();
        String body = Json.write(request(marketplaceId, packageReferenceId, shipment, shipDate, items));
        URI uri = URI.create(api.toString().replaceAll("/+$", "") + "/orders/v0/orders/"
                + URLEncoder.encode(externalOrderId.strip(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/shipmentConfirmation");
        try {
            String cacheKey = lwa + "\u0000" + refreshToken;
            Token token = tokens.get(cacheKey);
            boolean cached = token != null && token.expires().isAfter(clock.instant().plusSeconds(60));
            if (!cached) {
                Object fresh = fetchToken(lwa, refreshToken, cacheKey, secrets);
                if (fresh instanceof PushResult result) {
                    return result;
                }
                token = (Token) fresh;
            }
            secrets.add(token.value());
            ChannelHttp.Response r = confirm(uri, token.value(), body);
            if ((r.status() == 401 || r.status() == 403) && tokenProblem(r)) {
                tokens.remove(cacheKey, token);
                if (cached) {
                    Object fresh = fetchToken(lwa, refreshToken, cacheKey, secrets);
                    if (fresh instanceof PushResult result) {
                        return result;
                    }
                    secrets.add(((Token) fresh).value());
                    r = confirm(uri, ((Token) fresh).value(), body);
                }
            }
            return answer(r, packageReferenceId, secrets);
        } catch (IOException e) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon did not answer: " + ChannelHttp.describe(e), secrets));
        }
    }

    private ChannelHttp.Response confirm(URI uri, String accessToken, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-access-token", accessToken);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "orderflow/1.0 (Language=Java)");
        return http.send("POST", uri, headers, body);
    }

    static Map<String, Object> request(String marketplaceId, String packageReferenceId, ShipmentNotice shipment,
                                       Instant shipDate, Map<String, Integer> items) {
        String carrier = shipment.carrier() == null || shipment.carrier().isBlank() ? "Other" : shipment.carrier().strip();
        String code = carrierCode(carrier);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("packageReferenceId", packageReferenceId);
        detail.put("carrierCode", code);
        detail.put("carrierName", carrier);
        detail.put("trackingNumber", shipment.trackingNumber().strip());
        detail.put("shipDate", DateTimeFormatter.ISO_INSTANT.format(shipDate.truncatedTo(ChronoUnit.SECONDS)));
        List<Object> orderItems = new ArrayList<>();
        items.forEach((id, quantity) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("orderItemId", id);
            item.put("quantity", quantity);
            orderItems.add(item);
        });
        detail.put("orderItems", orderItems);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("marketplaceId", marketplaceId.strip());
        request.put("packageDetail", detail);
        return request;
    }

    /** Amazon's code for a carrier it lists, else "Other" (the name then goes in carrierName). */
    static String carrierCode(String carrier) {
        return CARRIER_CODES.getOrDefault(key(carrier), "Other");
    }

    /**
     * A positive number naming the package within the order ("Only positive numeric values are
     * supported"), the same for every call about one shipment: the shipment's own number for "shp_N"
     * (and all-digit ids), else a number derived from the whole id (CRC-32, 1 to 2,000,000,000).
     */
    static String packageReferenceId(String shipmentId) {
        String id = shipmentId == null ? "" : shipmentId.strip();
        Matcher m = SHIPMENT_NUMBER.matcher(id);
        if (m.matches()) {
            return m.group(1);
        }
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue() % 2_000_000_000L + 1);
    }

    /** An access token, or the result to give up with. */
    private Object fetchToken(URI lwa, String refreshToken, String cacheKey, List<String> secrets) throws IOException {
        String form = "grant_type=refresh_token&refresh_token=" + form(refreshToken) + "&client_id=" + form(clientId)
                + "&client_secret=" + form(clientSecret);
        Instant now = clock.instant();
        ChannelHttp.Response r = http.send("POST", lwa,
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8", "Accept", "application/json"),
                form);
        Map<String, Object> answer = map(r.json());
        if (r.status() / 100 == 2 && answer.get("access_token") instanceof String value && !value.isBlank()) {
            long seconds = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600;
            Token token = new Token(value, now.plusSeconds(seconds));
            tokens.put(cacheKey, token);
            return token;
        }
        String error = text(answer.get("error"));
        String description = text(answer.get("error_description"));
        String words = error == null ? ChannelHttp.snippet(r.body())
                : error + (description == null ? "" : ": " + description);
        if (r.status() == 429 || r.status() >= 500 || r.status() / 100 == 2) {
            return new PushResult.Retry(ChannelHttp.clean("Login with Amazon answered HTTP " + r.status() + ": " + words,
                    secrets));
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new PushResult.Refused(ChannelHttp.clean("Login with Amazon refused the application's client id"
                    + " and secret (" + words + "): check the LWA credentials of the SP-API app.", secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("Login with Amazon refused the seller's refresh token (HTTP "
                + r.status() + ", " + words + "): the seller must authorize the app again.", secrets));
    }

    /** A 401/403 about the token itself (expired, revoked, malformed), not about the app's roles. */
    private static boolean tokenProblem(ChannelHttp.Response r) {
        String all = errors(r).toLowerCase(Locale.ROOT);
        return all.contains("token") && (all.contains("expired") || all.contains("invalid") || all.contains("revoked")
                || all.contains("malformed"));
    }

    private PushResult answer(ChannelHttp.Response r, String packageReferenceId, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2) {
            return new PushResult.Done(packageReferenceId);
        }
        String errors = errors(r);
        if (status == 429) {
            String limit = r.header("x-amzn-RateLimit-Limit");
            return new PushResult.Retry(ChannelHttp.clean("Amazon throttled confirmShipment (429"
                    + (limit == null ? "" : ", x-amzn-RateLimit-Limit " + limit) + "): " + errors, secrets));
        }
        if (status >= 500 || status == 408) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon answered HTTP " + status + ": " + errors, secrets));
        }
        if (status == 400 && alreadyConfirmed(errors)) {
            return new PushResult.Done(packageReferenceId);
        }
        if (status == 401 || status == 403) {
            return new PushResult.Refused(ChannelHttp.clean("Amazon refused confirmShipment (" + status + "): " + errors
                    + ". The app needs the seller's authorization and the Inventory and Order Tracking role.", secrets));
        }
        if (status == 404) {
            return new PushResult.Refused(ChannelHttp.clean("Amazon has no such order for this seller (404): " + errors,
                    secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("Amazon refused confirmShipment (HTTP " + status + "): "
                + errors, secrets));
    }

    /**
     * Assumption (the model documents no such error): a 400 whose message says the order or package
     * is already shipped, confirmed or fulfilled means an earlier call, or the seller, confirmed it.
     */
    static boolean alreadyConfirmed(String errors) {
        String s = errors.toLowerCase(Locale.ROOT);
        return s.contains("already") && (s.contains("shipped") || s.contains("confirmed") || s.contains("fulfilled"));
    }

    /** SP-API's errors[] as "code: message (details)", joined; or the start of a body that has none. */
    private static String errors(ChannelHttp.Response r) {
        List<String> out = new ArrayList<>();
        for (Object e : list(map(r.json()).get("errors"))) {
            Map<String, Object> error = map(e);
            String code = text(error.get("code"));
            String message = text(error.get("message"));
            String details = text(error.get("details"));
            out.add((code == null ? "" : code + ": ") + (message == null ? "" : message)
                    + (details == null || details.isBlank() ? "" : " (" + details + ")"));
        }
        return out.isEmpty() ? ChannelHttp.snippet(r.body()) : String.join("; ", out);
    }

    private URI api(ChannelLink link) {
        String base = link.baseUrl();
        URI uri = base == null || base.isBlank() ? endpoint : uri(base);
        return uri != null && uri.getScheme() != null && uri.getHost() != null ? uri : null;
    }

    /**
     * Always the stack's token endpoint: the app's client secret goes with each token request, so a
     * link (data anyone with table access could edit) never chooses where it is sent.
     */
    private URI lwa(ChannelLink link) {
        URI uri = tokenEndpoint;
        return uri != null && uri.getScheme() != null && uri.getHost() != null ? uri : null;
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

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String key(String carrier) {
        return carrier.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> codes(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) {
            m.put(key(name), name);
        }
        return Map.copyOf(m);
    }

    @Override
    public String toString() {
        return "AmazonChannel[endpoint=" + endpoint + ", tokenEndpoint=" + tokenEndpoint + ", clientId "
                + (unset(clientId) ? "unset" : "set") + ", clientSecret hidden]";
    }

    // PLACEHOLDER (issue 18, in progress): replaced by the real calls before this lands.
    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId,
                                  orderflow.shared.domain.channels.AcknowledgeNotice notice) {
        return new PushResult.Refused("not built yet");
    }

    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, orderflow.shared.domain.channels.CancelNotice notice) {
        return new PushResult.Refused("not built yet");
    }

    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, orderflow.shared.domain.channels.RefundNotice notice) {
        return new PushResult.Refused("not built yet");
    }
}
