package orderflow.it.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.shared.json.Json;

/**
 * A loopback stand-in for the outbound (write) side of Amazon's Selling Partner API and for Login
 * with Amazon, for pointing our future Amazon sync client at and catching our misreadings.
 *
 * <p>Written from the SP-API models (github.com/amzn/selling-partner-api-models:
 * {@code models/orders-api-model/ordersV0.json}, {@code models/listings-items-api-model/listingsItems_2021-08-01.json},
 * {@code models/feeds-api-model/feeds_2021-06-30.json}) and developer-docs.amazon.com/sp-api
 * (Connect to the SP-API, Usage Plans and Rate Limits, Partially update / Merge a listing) and
 * the Login with Amazon docs. Operations:
 * <ul>
 * <li>{@code POST /auth/o2/token}: the refresh-token grant (form-encoded as documented; a JSON body
 * is accepted too) answers {@code {access_token, refresh_token, token_type: "bearer",
 * expires_in: 3600}}; errors are {@code {error, error_description}}: 400 {@code invalid_request}
 * (missing parameter), 400 {@code unsupported_grant_type}, 401 {@code invalid_client} (unknown
 * client id or wrong secret), 400 {@code invalid_grant} (wrong refresh token).</li>
 * <li>Every SP-API call needs {@code x-amz-access-token} with a token issued here and not expired
 * on {@link #setClock(InstantSource) the fake's clock}: otherwise 403 {@code Unauthorized}.</li>
 * <li>{@code confirmShipment}: {@code POST /orders/v0/orders/{orderId}/shipmentConfirmation},
 * body per {@code ConfirmShipmentRequest} (required marketplaceId, packageDetail {packageReferenceId
 * (positive numeric), carrierCode, trackingNumber, shipDate (ISO 8601 date-time), orderItems
 * [{orderItemId, quantity}]}; carrierName required when carrierCode is "Other"; codCollectionMethod
 * only "DirectPayment") answers 204. carrierCode has no enum in the model, so any non-empty string passes.</li>
 * <li>{@code updateShipmentStatus}: {@code POST /orders/v0/orders/{orderId}/shipment}
 * (marketplaceId, shipmentStatus ReadyForPickup|PickedUp|RefusedPickup, orderItems?) answers 204.</li>
 * <li>{@code patchListingsItem}: {@code PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=}
 * (required productType and patches [{op add|replace|merge|delete, path, value[]}], minItems 1)
 * answers 200 {@code {sku, status: ACCEPTED, submissionId, issues: []}}; attribute-level problems
 * (a nested path, a fulfillment_availability entry without fulfillment_channel_code or with a
 * quantity that is not a non-negative integer, a SKU this seller has no listing for) answer 200
 * with status INVALID and issues, as the Listings API reports them; {@code mode=VALIDATION_PREVIEW}
 * answers VALID and changes nothing.</li>
 * <li>Feeds (the documented way to cancel a seller-fulfilled order, since Orders v0 has no cancel
 * operation): {@code createFeedDocument} (201 {feedDocumentId, url}), the upload to that presigned
 * URL (its Content-Type must equal the contentType given, as an S3 presigned URL demands; it expires
 * after 5 minutes), {@code createFeed} (202 {feedId}), {@code getFeed}.</li>
 * </ul>
 * Each operation has its own token bucket (rate per second, burst) from the model's usage plan
 * (confirmShipment 2/10, updateShipmentStatus 5/15, patchListingsItem 5/5, createFeedDocument
 * 0.5/15, createFeed 0.0083/15, getFeed 2/15), full at first use and refilled on the fake's clock;
 * an empty bucket answers 429 {@code QuotaExceeded}. Responses carry {@code x-amzn-RequestId}, and
 * {@code x-amzn-RateLimit-Limit} (the rate, e.g. "2.0") on success and on 400/404; on 429 only
 * while {@link #rateLimitHeaderOn429(boolean)} is on (the default; the models do not list the header
 * for 429). Errors are {@code {"errors":[{code, message, details}]}}.
 */
public final class FakeSpApiOutbound implements AutoCloseable {

    public static final String CLIENT_ID = "amzn1.application-oa2-client.outboundfake0000000000000000000";
    public static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.outboundfakeclientsecret000000000000000000";
    public static final String REFRESH_TOKEN = "Atzr|outbound-fake-refresh-token";
    public static final String SELLER_ID = "A2FAKESELLER0001";
    public static final String MARKETPLACE_ID = "ATVPDKIKX0DER";
    /** An order from the model's confirmShipment sandbox example: item 79039765272157, quantity 1. */
    public static final String ORDER_ID = "902-1106328-1059050";
    public static final String ORDER_ITEM_ID = "79039765272157";
    /** A second order: items 68828574383266 (quantity 2) and 68828574383267 (quantity 1). */
    public static final String ORDER_ID_2 = "114-3941689-8772232";
    /** A listing the seller has (productType HOME). */
    public static final String LISTING_SKU = "MUG-BLUE";

    /** The operations served, with the default usage plan each has in the models. */
    public enum Operation {
        CONFIRM_SHIPMENT(2, 10),
        UPDATE_SHIPMENT_STATUS(5, 15),
        PATCH_LISTINGS_ITEM(5, 5),
        CREATE_FEED_DOCUMENT(0.5, 15),
        CREATE_FEED(0.0083, 15),
        GET_FEED(2, 15);

        final double rate;
        final int burst;

        Operation(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
        }
    }

    /** One request: path, query, the headers that matter, parsed body (map, form map, or text), status answered. */
    public record Call(String method, String path, Map<String, String> query, Map<String, String> headers,
                       Object body, int status) {
    }

    /** A clock tests move by hand. */
    public static final class ManualClock implements InstantSource {
        private volatile Instant now;

        public ManualClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant instant) {
            now = instant;
        }
    }

    private static final Pattern ORDER_ID_FORMAT = Pattern.compile("\\d{3}-\\d{7}-\\d{7}");
    private static final Pattern CONFIRM = Pattern.compile("/orders/v0/orders/([^/]+)/shipmentConfirmation");
    private static final Pattern SHIPMENT = Pattern.compile("/orders/v0/orders/([^/]+)/shipment");
    private static final Pattern LISTING = Pattern.compile("/listings/2021-08-01/items/([^/]+)/([^/]+)");
    private static final Pattern FEED = Pattern.compile("/feeds/2021-06-30/feeds/([^/]+)");
    private static final Pattern UPLOAD = Pattern.compile("/fake-s3/feed-documents/([^/]+)");
    private static final Pattern TOP_LEVEL_ATTRIBUTE = Pattern.compile("/attributes/[A-Za-z0-9_]+");

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private InstantSource clock = InstantSource.system();
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Map<Operation, double[]> plans = new EnumMap<>(Operation.class);
    private final Map<Operation, Bucket> buckets = new EnumMap<>(Operation.class);
    private boolean rateHeaderOn429 = true;
    private int failuresLeft;
    private int failureStatus;
    private int tokenCounter;
    private final Map<String, AmazonOrder> orders = new LinkedHashMap<>();
    private final Map<String, Listing> listings = new LinkedHashMap<>();
    private final Map<String, FeedDocument> documents = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> feeds = new LinkedHashMap<>();
    private final Set<String> marketplaces = new LinkedHashSet<>(List.of(MARKETPLACE_ID));

    public FakeSpApiOutbound() throws IOException {
        addOrder(ORDER_ID, MARKETPLACE_ID, Map.of(ORDER_ITEM_ID, 1));
        addOrder(ORDER_ID_2, MARKETPLACE_ID, Map.of("68828574383266", 2, "68828574383267", 1));
        addListing(LISTING_SKU, "HOME");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.start();
    }

    // ------------------------------------------------------------------ set-up and inspection

    /** Base URL for the SP-API endpoints (stands in for https://sellingpartnerapi-na.amazon.com). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stands in for https://api.amazon.com/auth/o2/token. */
    public String tokenEndpoint() {
        return endpoint() + "/auth/o2/token";
    }

    public synchronized void setClock(InstantSource source) {
        clock = source;
    }

    /** Overrides an operation's rate and burst (selling partners may have more than the default); the bucket restarts full. */
    public synchronized void setUsagePlan(Operation op, double rate, int burst) {
        plans.put(op, new double[] {rate, burst});
        buckets.remove(op);
    }

    /** Whether a 429 carries x-amzn-RateLimit-Limit (default true; the models only declare it for 2xx/400/404). */
    public synchronized void rateLimitHeaderOn429(boolean on) {
        rateHeaderOn429 = on;
    }

    /** The next {@code n} requests (any route, the token endpoint included) fail with this status. */
    public synchronized void failNext(int n, int status) {
        failuresLeft = n;
        failureStatus = status;
    }

    /** An order the seller can confirm shipment for: order item id to ordered quantity. */
    public synchronized void addOrder(String orderId, String marketplaceId, Map<String, Integer> itemQuantities) {
        orders.put(orderId, new AmazonOrder(marketplaceId, new LinkedHashMap<>(itemQuantities)));
        marketplaces.add(marketplaceId);
    }

    public synchronized void addListing(String sku, String productType) {
        listings.put(sku, new Listing(productType));
    }

    /** Every access token issued so far stops working (as if an hour had passed for them). */
    public synchronized void expireTokens() {
        tokens.replaceAll((k, v) -> Instant.MIN);
    }

    public synchronized int tokensIssued() {
        return tokenCounter;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    /** The confirmShipment bodies accepted for an order, oldest first. */
    public synchronized List<Map<String, Object>> shipmentConfirmations(String orderId) {
        AmazonOrder o = orders.get(orderId);
        return o == null ? List.of() : List.copyOf(o.confirmations);
    }

    /** The updateShipmentStatus bodies accepted for an order, oldest first. */
    public synchronized List<Map<String, Object>> shipmentStatusUpdates(String orderId) {
        AmazonOrder o = orders.get(orderId);
        return o == null ? List.of() : List.copyOf(o.statusUpdates);
    }

    /** The listing's current attributes after the accepted patches (e.g. "fulfillment_availability"). */
    public synchronized Map<String, List<Map<String, Object>>> listingAttributes(String sku) {
        Listing l = listings.get(sku);
        return l == null ? null : Map.copyOf(l.attributes);
    }

    /** The uploaded content of a feed's input document, or null when nothing was uploaded. */
    public synchronized String feedContent(String feedId) {
        Map<String, Object> feed = feeds.get(feedId);
        if (feed == null) {
            return null;
        }
        FeedDocument d = documents.get((String) feed.get("inputFeedDocumentId"));
        return d == null || d.content == null ? null : new String(d.content, StandardCharsets.UTF_8);
    }

    public synchronized Map<String, Object> feed(String feedId) {
        Map<String, Object> f = feeds.get(feedId);
        return f == null ? null : feedJson(f);
    }

    /** Moves a feed on: IN_QUEUE (initial), IN_PROGRESS, DONE, FATAL or CANCELLED. */
    public synchronized void setFeedProcessingStatus(String feedId, String status) {
        feeds.get(feedId).put("processingStatus", status);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ model

    private static final class AmazonOrder {
        final String marketplaceId;
        final Map<String, Integer> ordered;
        final Map<String, Integer> shipped = new HashMap<>();
        /** Units per package reference: confirming a reference again edits that package (Amazon's docs). */
        final Map<String, Map<String, Integer>> packages = new HashMap<>();
        final List<Map<String, Object>> confirmations = new ArrayList<>();
        final List<Map<String, Object>> statusUpdates = new ArrayList<>();

        AmazonOrder(String marketplaceId, Map<String, Integer> ordered) {
            this.marketplaceId = marketplaceId;
            this.ordered = ordered;
        }
    }

    private static final class Listing {
        final String productType;
        final Map<String, List<Map<String, Object>>> attributes = new LinkedHashMap<>();

        Listing(String productType) {
            this.productType = productType;
        }
    }

    private static final class FeedDocument {
        final String contentType;
        final Instant created;
        byte[] content;

        FeedDocument(String contentType, Instant created) {
            this.contentType = contentType;
            this.created = created;
        }
    }

    private static final class Bucket {
        double tokens;
        Instant last;
    }

    /** An SP-API (or LWA, or S3) error answer. */
    private static final class ApiError extends RuntimeException {
        final Response response;

        ApiError(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, Object value) {
            return new Response(status, "application/json", FakeWooCommerce.JsonOut.write(value)
                    .getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0], new LinkedHashMap<>());
        }

        Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private static Response errors(int status, String code, String message, String details) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("details", details == null ? "" : details);
        return Response.json(status, Map.of("errors", List.of(e)));
    }

    // ------------------------------------------------------------------ HTTP plumbing

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = x.getRequestURI().getRawPath();
        Map<String, String> query = parseForm(x.getRequestURI().getRawQuery());
        byte[] raw = x.getRequestBody().readAllBytes();
        String contentType = x.getRequestHeaders().getFirst("Content-Type");
        String token = x.getRequestHeaders().getFirst("x-amz-access-token");
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        if (token != null) {
            headers.put("x-amz-access-token", token);
        }
        Response response;
        synchronized (this) {
            try {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    response = injectedFailure();
                } else {
                    response = route(method, rawPath, query, raw, contentType, token);
                }
            } catch (ApiError e) {
                response = e.response;
            } catch (RuntimeException e) {
                response = errors(500, "InternalFailure", "We encountered an internal error. Please try again.", String.valueOf(e));
            }
            calls.add(new Call(method, decodePath(rawPath), query, headers, recordedBody(raw, contentType), response.status()));
        }
        if (!response.headers().containsKey("x-amzn-RequestId") && !rawPath.startsWith("/fake-s3/")
                && !rawPath.startsWith("/auth/")) {
            response.headers().put("x-amzn-RequestId", UUID.randomUUID().toString());
        }
        response.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        if (response.contentType() != null) {
            x.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        x.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private Response injectedFailure() {
        return switch (failureStatus) {
            case 429 -> errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", null);
            case 503 -> errors(503, "ServiceUnavailable", "Service temporarily unavailable. Please try again.", null);
            case 500 -> errors(500, "InternalFailure", "We encountered an internal error. Please try again.", null);
            default -> errors(failureStatus, "InternalFailure", "Injected failure.", null);
        };
    }

    private Response route(String method, String rawPath, Map<String, String> query, byte[] raw,
                           String contentType, String token) {
        String path = rawPath;
        Matcher m;
        if (path.equals("/auth/o2/token")) {
            if (!method.equals("POST")) {
                throw new ApiError(Response.json(405, Map.of("error", "invalid_request",
                        "error_description", "The request method must be POST")));
            }
            return token(raw, contentType);
        }
        if ((m = UPLOAD.matcher(path)).matches() && method.equals("PUT")) {
            return upload(decode(m.group(1)), raw, contentType);
        }
        if ((m = CONFIRM.matcher(path)).matches() && method.equals("POST")) {
            String orderId = decode(m.group(1));
            authorize(token);
            return limited(Operation.CONFIRM_SHIPMENT, () -> confirmShipment(orderId, raw, contentType));
        }
        if ((m = SHIPMENT.matcher(path)).matches() && method.equals("POST")) {
            String orderId = decode(m.group(1));
            authorize(token);
            return limited(Operation.UPDATE_SHIPMENT_STATUS, () -> updateShipmentStatus(orderId, raw, contentType));
        }
        if ((m = LISTING.matcher(path)).matches() && method.equals("PATCH")) {
            String sellerId = decode(m.group(1));
            String sku = decode(m.group(2));
            authorize(token);
            return limited(Operation.PATCH_LISTINGS_ITEM, () -> patchListingsItem(sellerId, sku, query, raw, contentType));
        }
        if (path.equals("/feeds/2021-06-30/documents") && method.equals("POST")) {
            authorize(token);
            return limited(Operation.CREATE_FEED_DOCUMENT, () -> createFeedDocument(raw, contentType));
        }
        if (path.equals("/feeds/2021-06-30/feeds") && method.equals("POST")) {
            authorize(token);
            return limited(Operation.CREATE_FEED, () -> createFeed(raw, contentType));
        }
        if ((m = FEED.matcher(path)).matches() && method.equals("GET")) {
            String feedId = decode(m.group(1));
            authorize(token);
            return limited(Operation.GET_FEED, () -> getFeed(feedId));
        }
        throw new ApiError(errors(404, "NotFound", "Resource not found.", null));
    }

    // ------------------------------------------------------------------ Login with Amazon

    private Response token(byte[] raw, String contentType) {
        String text = new String(raw, StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            try {
                Json.parseObject(text).forEach((k, v) -> form.put(k, v == null ? null : String.valueOf(v)));
            } catch (RuntimeException e) {
                return lwaError(400, "invalid_request", "The request body is not valid");
            }
        } else {
            form.putAll(parseForm(text));
        }
        for (String required : List.of("grant_type", "client_id", "refresh_token")) {
            if (form.get(required) == null || form.get(required).isEmpty()) {
                return lwaError(400, "invalid_request", "The request is missing a required parameter : " + required);
            }
        }
        if (!form.get("grant_type").equals("refresh_token")) {
            return lwaError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return lwaError(401, "invalid_client", "Client authentication failed");
        }
        if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            return lwaError(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }
        String access = "Atza|outbound-fake-access-token-" + (++tokenCounter) + "-" + UUID.randomUUID();
        tokens.put(access, clock.instant().plusSeconds(3600));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("refresh_token", REFRESH_TOKEN);
        body.put("token_type", "bearer");
        body.put("expires_in", 3600);
        return new Response(200, "application/json;charset=UTF-8",
                FakeWooCommerce.JsonOut.write(body).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>())
                .header("Cache-Control", "no-cache, no-store, must-revalidate").header("Pragma", "no-cache");
    }

    private static Response lwaError(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_description", description);
        body.put("error", error);
        return new Response(status, "application/json;charset=UTF-8",
                FakeWooCommerce.JsonOut.write(body).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    private void authorize(String token) {
        if (token == null || token.isEmpty()) {
            throw new ApiError(errors(403, "Unauthorized", "Access to requested resource is denied.", ""));
        }
        Instant expiry = tokens.get(token);
        if (expiry == null) {
            throw new ApiError(errors(403, "Unauthorized", "Access to requested resource is denied.",
                    "The access token you provided is revoked, malformed or invalid."));
        }
        if (!clock.instant().isBefore(expiry)) {
            throw new ApiError(errors(403, "Unauthorized", "Access to requested resource is denied.",
                    "The access token you provided has expired."));
        }
    }

    // ------------------------------------------------------------------ rate limiting

    private interface Op {
        Response run();
    }

    private double rate(Operation op) {
        double[] p = plans.get(op);
        return p == null ? op.rate : p[0];
    }

    private int burst(Operation op) {
        double[] p = plans.get(op);
        return p == null ? op.burst : (int) p[1];
    }

    private String rateHeader(Operation op) {
        return BigDecimal.valueOf(rate(op)).stripTrailingZeros().scale() <= 0
                ? BigDecimal.valueOf(rate(op)).setScale(1).toPlainString()
                : BigDecimal.valueOf(rate(op)).toPlainString();
    }

    /** Takes a token from the operation's bucket (429 when empty), then runs it; 2xx/400/404 answers carry the rate header. */
    private Response limited(Operation op, Op body) {
        Instant now = clock.instant();
        Bucket b = buckets.computeIfAbsent(op, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst(op);
            fresh.last = now;
            return fresh;
        });
        if (now.isAfter(b.last)) {
            double elapsed = Duration.between(b.last, now).toNanos() / 1e9;
            b.tokens = Math.min(burst(op), b.tokens + elapsed * rate(op));
            b.last = now;
        }
        if (b.tokens < 1) {
            Response r = errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", null);
            return rateHeaderOn429 ? r.header("x-amzn-RateLimit-Limit", rateHeader(op)) : r;
        }
        b.tokens -= 1;
        Response r;
        try {
            r = body.run();
        } catch (ApiError e) {
            r = e.response;
        }
        if (r.status() < 300 || r.status() == 400 || r.status() == 404) {
            r.header("x-amzn-RateLimit-Limit", rateHeader(op));
        }
        return r;
    }

    // ------------------------------------------------------------------ Orders v0

    private static ApiError invalid(String message, String details) {
        return new ApiError(errors(400, "InvalidInput", message, details));
    }

    private Map<String, Object> jsonBody(byte[] raw, String contentType, boolean strictMediaType, String badCode) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            if (strictMediaType) {
                throw new ApiError(errors(415, "UnsupportedMediaType", "The request payload is in an unsupported format.", null));
            }
            throw new ApiError(errors(400, badCode, "Request has missing or invalid parameters and cannot be parsed.",
                    "Content-Type must be application/json"));
        }
        try {
            return Json.parseObject(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ApiError(errors(400, badCode, "Request has missing or invalid parameters and cannot be parsed.",
                    "The body is not a JSON object"));
        }
    }

    private AmazonOrder order(String orderId) {
        if (!ORDER_ID_FORMAT.matcher(orderId).matches()) {
            throw invalid("Invalid Input", "orderId must be an Amazon order id in 3-7-7 format");
        }
        AmazonOrder o = orders.get(orderId);
        if (o == null) {
            throw new ApiError(errors(404, "NotFound", "The specified resource does not exist.", "Order " + orderId));
        }
        return o;
    }

    private void checkMarketplace(Object marketplaceId, AmazonOrder order) {
        if (!(marketplaceId instanceof String id) || id.isEmpty()) {
            throw invalid("Invalid Input", "marketplaceId is required and must be a string");
        }
        if (!marketplaces.contains(id)) {
            throw invalid("Marketplace ID is not defined", "1001");
        }
        if (!id.equals(order.marketplaceId)) {
            throw invalid("Invalid Input", "The order does not belong to marketplace " + id);
        }
    }

    private static String requiredString(Map<?, ?> m, String field, String where) {
        Object v = m.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw invalid("Invalid Input", where + field + " is required and must be a non-empty string");
        }
        return s;
    }

    private static void optionalString(Map<?, ?> m, String field, String where) {
        if (m.containsKey(field) && !(m.get(field) instanceof String)) {
            throw invalid("Invalid Input", where + field + " must be a string");
        }
    }

    private static int requiredInteger(Map<?, ?> m, String field, String where) {
        Object v = m.get(field);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw invalid("Invalid Input", where + field + " is required and must be an integer");
        }
        long n = ((Number) v).longValue();
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw invalid("Invalid Input", where + field + " must be a positive integer");
        }
        return (int) n;
    }

    private Response confirmShipment(String orderId, byte[] raw, String contentType) {
        Map<String, Object> body = jsonBody(raw, contentType, false, "InvalidInput");
        AmazonOrder order = order(orderId);
        checkMarketplace(body.get("marketplaceId"), order);
        if (body.containsKey("codCollectionMethod") && !"DirectPayment".equals(body.get("codCollectionMethod"))) {
            throw invalid("Invalid Input", "codCollectionMethod must be one of: DirectPayment");
        }
        if (!(body.get("packageDetail") instanceof Map<?, ?> pkg)) {
            throw invalid("Invalid Input", "packageDetail is required and must be an object");
        }
        String ref = requiredString(pkg, "packageReferenceId", "packageDetail.");
        if (!ref.matches("[1-9][0-9]*")) {
            throw invalid("Invalid Input", "packageDetail.packageReferenceId must be a positive numeric value");
        }
        String carrierCode = requiredString(pkg, "carrierCode", "packageDetail.");
        optionalString(pkg, "carrierName", "packageDetail.");
        if (carrierCode.equals("Other")) {
            requiredString(pkg, "carrierName", "packageDetail.");
        }
        optionalString(pkg, "shippingMethod", "packageDetail.");
        requiredString(pkg, "trackingNumber", "packageDetail.");
        String shipDate = requiredString(pkg, "shipDate", "packageDetail.");
        try {
            OffsetDateTime.parse(shipDate);
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Input", "packageDetail.shipDate must be an ISO 8601 date-time, e.g. 2022-02-11T01:00:00.000Z");
        }
        optionalString(pkg, "shipFromSupplySourceId", "packageDetail.");
        if (!(pkg.get("orderItems") instanceof List<?> items) || items.isEmpty()) {
            throw invalid("Invalid Input", "packageDetail.orderItems is required and must be a non-empty array");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "packageDetail.orderItems[" + i + "].";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw invalid("Invalid Input", where + " must be an object");
            }
            String itemId = requiredString(item, "orderItemId", where);
            int qty = requiredInteger(item, "quantity", where);
            if (item.containsKey("transparencyCodes") && !(item.get("transparencyCodes") instanceof List<?> codes
                    && codes.stream().allMatch(c -> c instanceof String))) {
                throw invalid("Invalid Input", where + "transparencyCodes must be an array of strings");
            }
            if (!order.ordered.containsKey(itemId)) {
                throw invalid("Invalid Input", where + "orderItemId " + itemId + " is not an item of order " + orderId);
            }
            quantities.merge(itemId, qty, Integer::sum);
        }
        // "Confirm the shipment status" (developer-docs.amazon.com/sp-api): sending a packageReferenceId
        // again updates that package instead of adding one, so its earlier units are not counted twice.
        Map<String, Integer> earlier = order.packages.getOrDefault(ref, Map.of());
        for (Map.Entry<String, Integer> e : quantities.entrySet()) {
            int left = order.ordered.get(e.getKey()) - order.shipped.getOrDefault(e.getKey(), 0)
                    + earlier.getOrDefault(e.getKey(), 0);
            if (e.getValue() > left) {
                throw invalid("Invalid Input", "Quantity " + e.getValue() + " for order item " + e.getKey()
                        + " exceeds the " + left + " not yet confirmed as shipped");
            }
        }
        earlier.forEach((k, v) -> order.shipped.merge(k, -v, Integer::sum));
        quantities.forEach((k, v) -> order.shipped.merge(k, v, Integer::sum));
        order.packages.put(ref, quantities);
        order.confirmations.add(body);
        return Response.empty(204);
    }

    private Response updateShipmentStatus(String orderId, byte[] raw, String contentType) {
        Map<String, Object> body = jsonBody(raw, contentType, true, "InvalidInput");
        AmazonOrder order = order(orderId);
        checkMarketplace(body.get("marketplaceId"), order);
        Object status = body.get("shipmentStatus");
        if (!(status instanceof String s) || !List.of("ReadyForPickup", "PickedUp", "RefusedPickup").contains(s)) {
            throw invalid("Invalid Input", "shipmentStatus is required and must be one of: ReadyForPickup, PickedUp, RefusedPickup");
        }
        if (body.containsKey("orderItems")) {
            if (!(body.get("orderItems") instanceof List<?> items)) {
                throw invalid("Invalid Input", "orderItems must be an array");
            }
            for (int i = 0; i < items.size(); i++) {
                String where = "orderItems[" + i + "].";
                if (!(items.get(i) instanceof Map<?, ?> item)) {
                    throw invalid("Invalid Input", where + " must be an object");
                }
                optionalString(item, "orderItemId", where);
                if (item.containsKey("quantity") && !(item.get("quantity") instanceof Integer)) {
                    throw invalid("Invalid Input", where + "quantity must be an integer");
                }
                if (item.get("orderItemId") instanceof String id && !order.ordered.containsKey(id)) {
                    throw invalid("Invalid Input", where + "orderItemId " + id + " is not an item of order " + orderId);
                }
            }
        }
        order.statusUpdates.add(body);
        return Response.empty(204);
    }

    // ------------------------------------------------------------------ Listings Items 2021-08-01

    private static ApiError badRequest(String details) {
        return new ApiError(errors(400, "BAD_REQUEST", "Invalid input", details));
    }

    private Response patchListingsItem(String sellerId, String sku, Map<String, String> query, byte[] raw, String contentType) {
        if (!SELLER_ID.equals(sellerId)) {
            throw new ApiError(errors(403, "Unauthorized", "Access to requested resource is denied.",
                    "The seller " + sellerId + " has not authorized this application."));
        }
        String marketplaceIds = query.get("marketplaceIds");
        if (marketplaceIds == null || marketplaceIds.isBlank()) {
            throw badRequest("Missing required parameter: marketplaceIds");
        }
        for (String id : marketplaceIds.split(",")) {
            if (!marketplaces.contains(id.trim())) {
                throw badRequest("Invalid marketplaceIds: " + id);
            }
        }
        String mode = query.get("mode");
        if (mode != null && !mode.equals("VALIDATION_PREVIEW")) {
            throw badRequest("mode must be VALIDATION_PREVIEW");
        }
        if (query.containsKey("includedData")) {
            for (String d : query.get("includedData").split(",")) {
                if (!List.of("identifiers", "issues").contains(d.trim())) {
                    throw badRequest("includedData must be a list of: identifiers, issues");
                }
            }
        }
        Map<String, Object> body = jsonBody(raw, contentType, true, "BAD_REQUEST");
        if (!(body.get("productType") instanceof String productType) || productType.isBlank()) {
            throw badRequest("productType is required");
        }
        if (!(body.get("patches") instanceof List<?> patches) || patches.isEmpty()) {
            throw badRequest("patches is required and must contain at least one patch");
        }
        List<Map<String, Object>> issues = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            if (!(patches.get(i) instanceof Map<?, ?> patch)) {
                throw badRequest("patches[" + i + "] must be an object");
            }
            Object op = patch.get("op");
            if (!(op instanceof String o) || !List.of("add", "replace", "merge", "delete").contains(o)) {
                throw badRequest("patches[" + i + "].op must be one of: add, replace, merge, delete");
            }
            if (!(patch.get("path") instanceof String path) || path.isEmpty()) {
                throw badRequest("patches[" + i + "].path is required");
            }
            if (patch.containsKey("value") && !(patch.get("value") instanceof List<?> values
                    && values.stream().allMatch(v -> v instanceof Map))) {
                throw badRequest("patches[" + i + "].value must be an array of objects");
            }
            String attribute = path.substring(path.lastIndexOf('/') + 1);
            if (!TOP_LEVEL_ATTRIBUTE.matcher(path).matches()) {
                issues.add(issue("90000900", "Only top-level listings item attributes can be patched: " + path, attribute));
                continue;
            }
            if (!(patch.get("value") instanceof List<?>)) {
                issues.add(issue("90000900", "The " + op + " operation on " + path + " needs a value", attribute));
                continue;
            }
            if (attribute.equals("fulfillment_availability")) {
                List<?> values = (List<?>) patch.get("value");
                for (Object v : values) {
                    Map<?, ?> entry = (Map<?, ?>) v;
                    if (!(entry.get("fulfillment_channel_code") instanceof String code) || code.isBlank()) {
                        issues.add(issue("90000900", "fulfillment_channel_code is required in fulfillment_availability", attribute));
                    }
                    if (entry.containsKey("quantity") && !(entry.get("quantity") instanceof Integer q && q >= 0)) {
                        issues.add(issue("90000900", "fulfillment_availability quantity must be a non-negative integer", attribute));
                    }
                }
            }
        }
        Listing listing = listings.get(sku);
        if (listing == null) {
            issues.add(issue("LISTING_NOT_FOUND", "No listing exists for SKU " + sku + " (this fake's own issue code)", null));
        }
        String submissionId = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        boolean preview = "VALIDATION_PREVIEW".equals(mode);
        out.put("status", !issues.isEmpty() ? "INVALID" : preview ? "VALID" : "ACCEPTED");
        out.put("submissionId", submissionId);
        out.put("issues", issues);
        if (preview && query.getOrDefault("includedData", "").contains("identifiers")) {
            out.put("identifiers", List.of());
        }
        if (issues.isEmpty() && !preview) {
            for (Object p : patches) {
                applyPatch(listing, (Map<?, ?>) p);
            }
        }
        return Response.json(200, out);
    }

    private static Map<String, Object> issue(String code, String message, String attribute) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("code", code);
        i.put("message", message);
        i.put("severity", "ERROR");
        if (attribute != null) {
            i.put("attributeNames", List.of(attribute));
        }
        i.put("categories", List.of("INVALID_ATTRIBUTE"));
        return i;
    }

    @SuppressWarnings("unchecked")
    private static void applyPatch(Listing listing, Map<?, ?> patch) {
        String path = (String) patch.get("path");
        String attribute = path.substring(path.lastIndexOf('/') + 1);
        List<Map<String, Object>> value = new ArrayList<>();
        for (Object v : (List<?>) patch.get("value")) {
            value.add(new LinkedHashMap<>((Map<String, Object>) v));
        }
        switch ((String) patch.get("op")) {
            case "add", "replace" -> listing.attributes.put(attribute, value);
            case "merge" -> {
                List<Map<String, Object>> current = new ArrayList<>(listing.attributes.getOrDefault(attribute, List.of()));
                for (Map<String, Object> v : value) {
                    Object selector = v.get("fulfillment_channel_code");
                    Map<String, Object> match = current.stream()
                            .filter(c -> selector != null && selector.equals(c.get("fulfillment_channel_code")))
                            .findFirst().orElse(null);
                    if (match == null) {
                        current.add(v);
                    } else {
                        match.putAll(v);
                    }
                }
                listing.attributes.put(attribute, current);
            }
            case "delete" -> {
                List<Map<String, Object>> current = new ArrayList<>(listing.attributes.getOrDefault(attribute, List.of()));
                current.removeIf(c -> value.stream().anyMatch(v -> v.entrySet().stream()
                        .allMatch(e -> e.getValue() != null && e.getValue().equals(c.get(e.getKey())))));
                if (current.isEmpty()) {
                    listing.attributes.remove(attribute);
                } else {
                    listing.attributes.put(attribute, current);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    // ------------------------------------------------------------------ Feeds 2021-06-30

    private Response createFeedDocument(byte[] raw, String contentType) {
        Map<String, Object> body = jsonBody(raw, contentType, true, "InvalidInput");
        if (!(body.get("contentType") instanceof String type) || type.isBlank()) {
            throw invalid("Invalid Input", "contentType is required");
        }
        String id = "amzn1.tortuga.4.na." + UUID.randomUUID();
        documents.put(id, new FeedDocument(type, clock.instant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feedDocumentId", id);
        out.put("url", endpoint() + "/fake-s3/feed-documents/" + id
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=fake");
        return Response.json(201, out);
    }

    private Response upload(String documentId, byte[] raw, String contentType) {
        FeedDocument d = documents.get(documentId);
        if (d == null) {
            throw new ApiError(s3Error(404, "NoSuchKey", "The specified key does not exist."));
        }
        if (clock.instant().isAfter(d.created.plusSeconds(300))) {
            throw new ApiError(s3Error(403, "AccessDenied", "Request has expired"));
        }
        if (contentType == null || !contentType.equals(d.contentType)) {
            throw new ApiError(s3Error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method."));
        }
        d.content = raw;
        return Response.empty(200).header("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(raw)) + "\"");
    }

    private static Response s3Error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>";
        return new Response(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    private Response createFeed(byte[] raw, String contentType) {
        Map<String, Object> body = jsonBody(raw, contentType, true, "InvalidInput");
        if (!(body.get("feedType") instanceof String feedType) || feedType.isBlank()) {
            throw invalid("Invalid Input", "feedType is required");
        }
        if (!(body.get("marketplaceIds") instanceof List<?> ids) || ids.isEmpty() || ids.size() > 25
                || !ids.stream().allMatch(i -> i instanceof String)) {
            throw invalid("Invalid Input", "marketplaceIds is required: 1 to 25 marketplace ids");
        }
        for (Object id : ids) {
            if (!marketplaces.contains(id)) {
                throw invalid("Invalid Input", "Invalid marketplaceId: " + id);
            }
        }
        if (!(body.get("inputFeedDocumentId") instanceof String docId) || !documents.containsKey(docId)) {
            throw invalid("Invalid Input", "inputFeedDocumentId must be a document returned by createFeedDocument");
        }
        if (body.containsKey("feedOptions") && !(body.get("feedOptions") instanceof Map)) {
            throw invalid("Invalid Input", "feedOptions must be an object of strings");
        }
        String feedId = String.valueOf(50_000_000_000L + feeds.size() + 1);
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("feedId", feedId);
        feed.put("feedType", feedType);
        feed.put("marketplaceIds", ids);
        feed.put("createdTime", clock.instant().toString());
        feed.put("processingStatus", documents.get(docId).content == null ? "FATAL" : "IN_QUEUE");
        feed.put("inputFeedDocumentId", docId);
        feeds.put(feedId, feed);
        return Response.json(202, Map.of("feedId", feedId));
    }

    private Response getFeed(String feedId) {
        Map<String, Object> f = feeds.get(feedId);
        if (f == null) {
            throw new ApiError(errors(404, "NotFound", "The specified resource does not exist.", "Feed " + feedId));
        }
        return Response.json(200, feedJson(f));
    }

    private static Map<String, Object> feedJson(Map<String, Object> f) {
        Map<String, Object> out = new LinkedHashMap<>(f);
        out.remove("inputFeedDocumentId");
        return out;
    }

    // ------------------------------------------------------------------ small helpers

    /** Percent-decoding of a path segment ('+' stays '+', unlike form decoding). */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodePath(String rawPath) {
        return decode(rawPath);
    }

    private static Object recordedBody(byte[] raw, String contentType) {
        if (raw.length == 0) {
            return null;
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return parseForm(text);
        }
        try {
            return Json.parseObject(text);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
