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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.function.Supplier;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.outbound.OutboundRules;

/**
 * Amazon SP-API Orders v0 confirmShipment (POST /orders/v0/orders/{orderId}/shipmentConfirmation,
 * header x-amz-access-token; answers 204). Login with Amazon exchanges the seller's refresh token for
 * an access token with the app's client id and secret (cached per refresh token until a minute
 * before it expires). The package reference id is derived from the shipment id, so a repeated call
 * names the same package: Amazon edits that package instead of adding a second one. Orders v0 has no
 * acknowledge, cancel or refund operation: those go as XML feeds (Feeds 2021-06-30, see
 * {@link AmazonFeedXml}), each call submitting exactly one feed.
 *
 * <p>Settings: marketplaceId; sellerId (the merchant token, named in every feed's header). The token
 * endpoint is the stack's (given here), never a link's.
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

    static final String NO_SELLER_ID = "The Amazon link has no sellerId setting: Amazon's feeds name the seller"
            + " (Seller Central, Settings, Account Info, Merchant Token).";

    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern S3_MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");
    private static final Pattern SHIPMENT_NUMBER = Pattern.compile("(?:shp_)?0*([1-9][0-9]{0,8})");

    private final URI endpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final Clock clock;
    private final ChannelHttp http;
    /** Per execution environment, never in a SnapStart snapshot (built after restore). */
    private final LwaTokens tokens;

    /**
     * endpoint: the SP-API endpoint for links without a baseUrl (may be null: such links are refused);
     * tokenEndpoint: Login with Amazon's token URL (https://api.amazon.com/auth/o2/token); clientId and
     * clientSecret: the SP-API application's LWA credentials (not the seller's).
     */
    public AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock,
                         OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    /** clientSecret: read on first use (the stack's SSM SecureString). */
    public AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                         OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, clientSecret, clock, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, String clientSecret, Clock clock,
                  Duration requestTimeout, OutboundRules rules) {
        this(endpoint, tokenEndpoint, clientId, () -> clientSecret, clock, requestTimeout, rules);
    }

    AmazonChannel(URI endpoint, URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                  Duration requestTimeout, OutboundRules rules) {
        this.endpoint = endpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.http = new ChannelHttp(requestTimeout, rules);
        this.tokens = new LwaTokens(http, clientId, clientSecret, clock);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        return forSeller(link, externalOrderId, seller -> {
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
            String body = Json.write(request(seller.marketplaceId, packageReferenceId, shipment, shipDate, items));
            Object r = seller.post("/orders/v0/orders/" + URLEncoder.encode(externalOrderId.strip(),
                    StandardCharsets.UTF_8).replace("+", "%20") + "/shipmentConfirmation", body);
            return r instanceof PushResult stop ? stop
                    : answer((ChannelHttp.Response) r, packageReferenceId, seller.secrets);
        });
    }

    /**
     * The order acknowledgement feed with StatusCode Success and our order id as MerchantOrderID.
     * Amazon takes a second acknowledgement of the same order and items as the same statement, so a
     * repeat after a lost answer changes nothing.
     */
    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        return forSeller(link, externalOrderId, seller -> {
            Set<String> items = new LinkedHashSet<>();
            for (ShipmentNotice.Line line : notice.lines()) {
                if (line.lineId() != null && !line.lineId().isBlank()) {
                    items.add(line.lineId().strip());
                }
            }
            return submitFeed(seller, AmazonFeedXml.ACKNOWLEDGEMENT_FEED, sellerId -> AmazonFeedXml.acknowledgement(
                    sellerId, externalOrderId, notice.merchantOrderId(), true, items, null));
        });
    }

    /**
     * The order acknowledgement feed with StatusCode Failure: Amazon cancels the order and refunds the
     * buyer itself. Every item carries the reason (a buyer's own cancel does not count against the
     * seller), so every line needs its OrderItemId. A repeat cancels an already canceled order: no
     * second effect.
     */
    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        return forSeller(link, externalOrderId, seller -> {
            Set<String> items = new LinkedHashSet<>();
            for (ShipmentNotice.Line line : notice.lines()) {
                if (line.lineId() == null || line.lineId().isBlank()) {
                    return new PushResult.Refused(NO_ORDER_ITEM_ID);
                }
                items.add(line.lineId().strip());
            }
            if (items.isEmpty()) {
                return new PushResult.Refused("The order has no lines to cancel on Amazon.");
            }
            return submitFeed(seller, AmazonFeedXml.ACKNOWLEDGEMENT_FEED, sellerId -> AmazonFeedXml.acknowledgement(
                    sellerId, externalOrderId, notice.merchantOrderId(), false, items, notice.amazonReason()));
        });
    }

    /**
     * The payment adjustment feed: each line's share paid back as Principal, CustomerReturn for goods
     * that came back, GeneralAdjustment for goodwill.
     *
     * <p>Not idempotent: Amazon adds each adjustment feed it processes to what was paid back, up to
     * what is left to refund, and offers no key to recognise a repeat (getFeed does not show a feed's
     * content). So an unclear createFeed answer (none, or a 5xx) is not retried but handed to the
     * seller to check, and ChannelSyncService never resends one whose sender died mid-call.
     */
    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        return forSeller(link, externalOrderId, seller -> {
            Map<String, Long> shares = new LinkedHashMap<>();
            for (RefundNotice.Line line : notice.lines()) {
                if (line.lineId() == null || line.lineId().isBlank()) {
                    return new PushResult.Refused(NO_ORDER_ITEM_ID);
                }
                if (!line.amount().currency().equals(notice.amount().currency())) {
                    return new PushResult.Refused("The refund mixes currencies; Amazon adjusts in one.");
                }
                shares.merge(line.lineId().strip(), line.amount().minor(), Long::sum);
            }
            shares.values().removeIf(minor -> minor == 0);
            if (shares.isEmpty() || shares.values().stream().anyMatch(minor -> minor < 0)) {
                return new PushResult.Refused("The refund has no positive amount per line to adjust on Amazon.");
            }
            Map<String, String> principal = new LinkedHashMap<>();
            shares.forEach((item, minor) -> principal.put(item,
                    new Money(minor, notice.amount().currency()).toDecimalString()));
            String reason = notice.goodwill() ? "GeneralAdjustment" : "CustomerReturn";
            return submitFeed(seller, AmazonFeedXml.ADJUSTMENT_FEED, sellerId -> AmazonFeedXml.adjustment(sellerId,
                    externalOrderId, reason, principal, notice.amount().currency()));
        });
    }

    /**
     * Feeds 2021-06-30: createFeedDocument, the upload of the XML to the presigned URL it answers
     * (with exactly the Content-Type given, which the URL is signed for), createFeed. Done with the
     * feed id; Amazon processes the feed later. One createFeed per call.
     */
    private PushResult submitFeed(Seller seller, String feedType, Function<String, String> xml)
            throws IOException {
        String sellerId = seller.link.setting("sellerId");
        if (sellerId == null || sellerId.isBlank()) {
            return new PushResult.Refused(NO_SELLER_ID);
        }
        String document = xml.apply(sellerId);
        Object created = seller.post("/feeds/2021-06-30/documents",
                Json.write(Map.of("contentType", AmazonFeedXml.CONTENT_TYPE)));
        if (created instanceof PushResult stop) {
            return stop;
        }
        ChannelHttp.Response d = (ChannelHttp.Response) created;
        PushResult failed = failure(d, "createFeedDocument", seller.secrets);
        if (failed != null) {
            return failed;
        }
        String documentId = text(map(d.json()).get("feedDocumentId"));
        String url = text(map(d.json()).get("url"));
        URI upload = url == null ? null : uri(url);
        if (documentId == null || upload == null || upload.getScheme() == null || upload.getHost() == null) {
            return new PushResult.Retry("Amazon answered createFeedDocument without a document id and upload URL"
                    + " (HTTP " + d.status() + ").");
        }
        // The URL carries its own signature: no access token goes there.
        failed = uploadFailure(http.send("PUT", upload, Map.of("Content-Type", AmazonFeedXml.CONTENT_TYPE), document),
                seller.secrets);
        if (failed != null) {
            return failed;
        }
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("feedType", feedType);
        feed.put("marketplaceIds", List.of(seller.marketplaceId));
        feed.put("inputFeedDocumentId", documentId);
        boolean addsUp = feedType.equals(AmazonFeedXml.ADJUSTMENT_FEED);
        Object submitted;
        try {
            submitted = seller.post("/feeds/2021-06-30/feeds", Json.write(feed));
        } catch (IOException e) {
            if (addsUp) {
                return unsure("no answer: " + ChannelHttp.describe(e), seller.secrets);
            }
            throw e;
        }
        if (submitted instanceof PushResult stop) {
            return stop;
        }
        ChannelHttp.Response f = (ChannelHttp.Response) submitted;
        if (addsUp && f.status() >= 500) {
            return unsure("HTTP " + f.status(), seller.secrets);
        }
        failed = failure(f, "createFeed", seller.secrets);
        if (failed != null) {
            return failed;
        }
        // Accepted even without an id in the answer: retrying would submit the feed a second time.
        return new PushResult.Done(text(map(f.json()).get("feedId")));
    }

    /**
     * createFeed of a payment adjustment left no clear answer: Amazon may have the feed, and a second one
     * would pay the buyer again, so the seller checks instead of us retrying.
     */
    private static PushResult unsure(String what, List<String> secrets) {
        return new PushResult.Refused(ChannelHttp.clean("Amazon gave no clear answer to the refund feed (" + what
                + "); it may have taken it. Check the order's refunds in Seller Central; retry this sync only if"
                + " the refund is missing there.", secrets));
    }

    /** The document store's answer to the upload: S3's XML error ({@code <Error><Code/><Message/>}). */
    private static PushResult uploadFailure(ChannelHttp.Response r, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2) {
            return null;
        }
        Matcher code = S3_CODE.matcher(r.body());
        Matcher message = S3_MESSAGE.matcher(r.body());
        String words = code.find() ? code.group(1) + (message.find() ? ": " + message.group(1) : "")
                : ChannelHttp.snippet(r.body());
        if (status >= 500 || status == 408 || status == 429 || words.toLowerCase(Locale.ROOT).contains("expired")) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon's feed document store answered HTTP " + status
                    + " to the upload: " + words, secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("Amazon's feed document store refused the upload (HTTP "
                + status + "): " + words, secrets));
    }

    /** A checked link: where its calls go, whose token they carry, the secrets no answer may show. */
    private final class Seller {
        private final ChannelLink link;
        private final URI api;
        private final URI lwa;
        private final String refreshToken;
        private final String marketplaceId;
        private final List<String> secrets;

        Seller(ChannelLink link, URI api, URI lwa, String refreshToken, String marketplaceId, List<String> secrets) {
            this.link = link;
            this.api = api;
            this.lwa = lwa;
            this.refreshToken = refreshToken;
            this.marketplaceId = marketplaceId.strip();
            this.secrets = secrets;
        }

        /**
         * POSTs JSON to path with the seller's access token (cached until a minute before it expires);
         * a cached token Amazon calls expired or invalid is replaced and the call made once more. The
         * answer, or the result to stop with when no token could be had.
         */
        Object post(String path, String body) throws IOException {
            URI uri = URI.create(api.toString().replaceAll("/+$", "") + path);
            LwaTokens.Token token = tokens.cached(lwa, refreshToken);
            boolean cached = token != null;
            if (!cached) {
                Object fresh = tokens.fetch(lwa, refreshToken, secrets);
                if (fresh instanceof PushResult result) {
                    return result;
                }
                token = (LwaTokens.Token) fresh;
            }
            secrets.add(token.value());
            ChannelHttp.Response r = send(uri, token.value(), body);
            if ((r.status() == 401 || r.status() == 403) && tokenProblem(r)) {
                tokens.forget(lwa, refreshToken, token);
                if (cached) {
                    Object fresh = tokens.fetch(lwa, refreshToken, secrets);
                    if (fresh instanceof PushResult result) {
                        return result;
                    }
                    secrets.add(((LwaTokens.Token) fresh).value());
                    r = send(uri, ((LwaTokens.Token) fresh).value(), body);
                }
            }
            return r;
        }
    }

    @FunctionalInterface
    private interface SellerCall {
        PushResult run(Seller seller) throws IOException;
    }

    /** Checks the app, the link and the order id, then runs the calls; no answer at all is retried later. */
    private PushResult forSeller(ChannelLink link, String externalOrderId, SellerCall call) {
        String refreshToken = link.secret("refreshToken");
        List<String> secrets = new ArrayList<>();
        secrets.add(clientSecret.get());
        secrets.add(refreshToken);
        if (unset(clientId) || unset(clientSecret.get())) {
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
        try {
            return call.run(new Seller(link, api, lwa, refreshToken, marketplaceId, secrets));
        } catch (IOException e) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon did not answer: " + ChannelHttp.describe(e), secrets));
        }
    }

    private ChannelHttp.Response send(URI uri, String accessToken, String body) throws IOException {
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

    /** A 401/403 about the token itself (expired, revoked, malformed), not about the app's roles. */
    private static boolean tokenProblem(ChannelHttp.Response r) {
        String all = errors(r).toLowerCase(Locale.ROOT);
        return all.contains("token") && (all.contains("expired") || all.contains("invalid") || all.contains("revoked")
                || all.contains("malformed"));
    }

    private static PushResult answer(ChannelHttp.Response r, String packageReferenceId, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2 || (status == 400 && alreadyConfirmed(errors(r)))) {
            return new PushResult.Done(packageReferenceId);
        }
        if (status == 404) {
            return new PushResult.Refused(ChannelHttp.clean("Amazon has no such order for this seller (404): " + errors(r),
                    secrets));
        }
        return failure(r, "confirmShipment", secrets);
    }

    /**
     * null for a 2xx; Retry for 429 (with the operation's rate limit), 408 and 5xx; Refused with
     * Amazon's errors for the rest.
     */
    private static PushResult failure(ChannelHttp.Response r, String operation, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2) {
            return null;
        }
        String errors = errors(r);
        if (status == 429) {
            String limit = r.header("x-amzn-RateLimit-Limit");
            return new PushResult.Retry(ChannelHttp.clean("Amazon throttled " + operation + " (429"
                    + (limit == null ? "" : ", x-amzn-RateLimit-Limit " + limit) + "): " + errors, secrets));
        }
        if (status >= 500 || status == 408) {
            return new PushResult.Retry(ChannelHttp.clean("Amazon answered HTTP " + status + " to " + operation + ": "
                    + errors, secrets));
        }
        if (status == 401 || status == 403) {
            return new PushResult.Refused(ChannelHttp.clean("Amazon refused " + operation + " (" + status + "): " + errors
                    + ". The app needs the seller's authorization and the Inventory and Order Tracking role.", secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("Amazon refused " + operation + " (HTTP " + status + "): "
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
}
