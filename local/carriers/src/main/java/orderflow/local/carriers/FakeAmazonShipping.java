package orderflow.local.carriers;

import static orderflow.local.carriers.FakeHttp.list;
import static orderflow.local.carriers.FakeHttp.map;
import static orderflow.local.carriers.FakeHttp.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.local.carriers.FakeHttp.Refusal;
import orderflow.local.carriers.FakeHttp.Response;

/**
 * A loopback stand-in for the Amazon Shipping API v2 of the Selling Partner API, written from the
 * official model (github.com/amzn/selling-partner-api-models, models/shipping-api-model/shippingV2.json)
 * and the SP-API and Login with Amazon documentation.
 *
 * <ul>
 * <li>{@code POST /auth/o2/token} stands in for Login with Amazon: the refresh-token grant (form
 * encoded) answers {@code {access_token, token_type: "bearer", expires_in: 3600, refresh_token}};
 * 401 {@code invalid_client}, 400 {@code invalid_grant} / {@code invalid_request}.</li>
 * <li>Every {@code /shipping/v2} call needs {@code x-amz-access-token} with a token issued here: else
 * 403 {@code Unauthorized}. Errors are {@code {"errors": [{code, message, details}]}}; answers are
 * {@code {"payload": ...}}.</li>
 * <li>getRates {@code POST /shipping/v2/shipments/rates}: the model's required fields are checked
 * (channelDetails, packages, shipFrom; each Address: name, addressLine1, city, stateOrRegion,
 * postalCode, countryCode; each Package: dimensions, weight, insuredValue, items,
 * packageClientReferenceId; Item: quantity; channelType AMAZON needs amazonOrderDetails.orderId,
 * EXTERNAL needs shipTo): else 400 {@code InvalidInput}. Answers a requestToken and rates
 * (rateId, carrierId, carrierName, serviceId, serviceName, totalCharge {value, unit}, promise,
 * supportedDocumentSpecifications, requiresAdditionalInputs). A request token lasts 10 minutes
 * ({@link #expireRequestTokens()}): then purchase is 400 {@code TOKEN_EXPIRED}, as documented.</li>
 * <li>purchaseShipment {@code POST /shipping/v2/shipments} (requestToken, rateId,
 * requestedDocumentSpecification {format, size, needFileJoining, requestedDocumentTypes}): the
 * format and size must be among the rate's supported ones. {@code x-amzn-IdempotencyKey}: a key
 * seen before answers the first purchase's answer again, with no second charge. A request token
 * already bought under another key is 400 {@code InvalidInput} (one shipment per token; the model
 * does not name this error, the fake's choice). Documents are base64 PDF (or ZPL, PNG).</li>
 * <li>getTracking {@code GET /shipping/v2/tracking?trackingId=&carrierId=}: eventHistory
 * {eventCode, eventTime, location}, summary.status, promisedDeliveryDate.</li>
 * <li>cancelShipment {@code PUT /shipping/v2/shipments/{shipmentId}/cancel}: {@code {"payload": {}}}
 * until the carrier has the parcel, then 400 {@code InvalidInput}; getShipmentDocuments
 * {@code GET /shipping/v2/shipments/{shipmentId}/documents?packageClientReferenceId=&format=}.</li>
 * </ul>
 *
 * <p>Local control: {@code POST /_local/tracking/{trackingId}/advance} moves the parcel one step
 * (ReadyForReceive, PickupDone, OutForDelivery, Delivered) or, with {@code ?eventCode=}, adds that
 * event (Undeliverable, Rejected, Lost, ReturnInitiated, ...). Test hooks: {@link #failNext(int, int)},
 * {@link #failNextPurchaseAfterCharging()}, {@link #purchases()}, {@link #advance(String, String)}.
 */
public final class FakeAmazonShipping implements AutoCloseable {

    public static final String CLIENT_ID = "amzn1.application-oa2-client.fakeshipping";
    public static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.fakeshippingsecret";
    public static final String REFRESH_TOKEN = "Atzr|shipping-fake-refresh-token";
    public static final String CARRIER_ID = "AMZN_US";
    /** The event codes {@code advance} walks through without one given. */
    public static final List<String> PROGRESSION = List.of("ReadyForReceive", "PickupDone", "OutForDelivery", "Delivered");
    private static final List<String> EVENT_CODES = List.of("ReadyForReceive", "PickupDone", "Delivered", "Departed",
            "DeliveryAttempted", "Lost", "OutForDelivery", "ArrivedAtCarrierFacility", "Rejected", "Undeliverable",
            "PickupCancelled", "ReturnInitiated", "AvailableForPickup", "RecipientRequestedAlternateDeliveryTiming");
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(10);

    private static final Pattern SHIPMENT = Pattern.compile("/shipping/v2/shipments/([^/]+)/(cancel|documents)");
    private static final Pattern ADVANCE = Pattern.compile("/_local/tracking/([^/]+)/advance");

    private record Quote(Map<String, Object> request, List<Map<String, Object>> rates, Instant created) {
    }

    private static final class Shipment {
        String id;
        String trackingId;
        String packageClientReferenceId;
        String carrierName;
        String serviceName;
        String format;
        boolean cancelled;
        final List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Object> promise;
    }

    private final HttpServer server;
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Map<String, Quote> quotes = new LinkedHashMap<>();
    /** Request token to the shipment bought with it. */
    private final Map<String, Shipment> boughtWith = new HashMap<>();
    private final Map<String, Shipment> shipments = new LinkedHashMap<>();
    /** Idempotency key to the answer given. */
    private final Map<String, Response> answered = new HashMap<>();
    private int purchases;
    private int failuresLeft;
    private int failureStatus;
    private boolean failPurchaseAfterCharging;
    private long counter = 9_300_000_000L;

    public FakeAmazonShipping() throws IOException {
        server = FakeHttp.start(this::handle);
    }

    /** The SP-API endpoint (an account's baseUrl). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stands in for https://api.amazon.com/auth/o2/token. */
    public String tokenEndpoint() {
        return baseUrl() + "/auth/o2/token";
    }

    /** The next {@code n} calls (the token endpoint included) fail with this status before acting. */
    public synchronized void failNext(int n, int status) {
        failuresLeft = n;
        failureStatus = status;
    }

    /** The next purchase charges and creates the shipment, then answers 500 (the answer is lost). */
    public synchronized void failNextPurchaseAfterCharging() {
        failPurchaseAfterCharging = true;
    }

    public synchronized int purchases() {
        return purchases;
    }

    /** Every request token is older than ten minutes from now on. */
    public synchronized void expireRequestTokens() {
        quotes.replaceAll((k, q) -> new Quote(q.request(), q.rates(), Instant.EPOCH));
    }

    /** Whether the shipment was cancelled. */
    public synchronized boolean cancelled(String shipmentId) {
        Shipment s = shipments.get(shipmentId);
        return s != null && s.cancelled;
    }

    /** Adds the next tracking event (eventCode null) or the one given; answers the event. */
    public synchronized Map<String, Object> advance(String trackingId, String eventCode) {
        Shipment s = null;
        for (Shipment candidate : shipments.values()) {
            if (candidate.trackingId.equals(trackingId)) {
                s = candidate;
            }
        }
        if (s == null) {
            throw new IllegalArgumentException("no shipment with tracking id " + trackingId);
        }
        String next = eventCode;
        if (next == null) {
            int i = PROGRESSION.indexOf((String) s.events.get(s.events.size() - 1).get("eventCode"));
            next = PROGRESSION.get(Math.min(PROGRESSION.size() - 1, i + 1));
        } else if (!EVENT_CODES.contains(next)) {
            throw new IllegalArgumentException("not an EventCode of the model: " + next);
        }
        return addEvent(s, next);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ routing

    private synchronized Response handle(HttpExchange x, byte[] body) {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        Map<String, String> query = FakeHttp.query(x.getRequestURI());
        Matcher m;
        if ((m = ADVANCE.matcher(path)).matches() && method.equals("POST")) {
            try {
                return Response.json(200, advance(m.group(1), query.get("eventCode")));
            } catch (IllegalArgumentException e) {
                return errors(404, "NotFound", e.getMessage(), null);
            }
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return switch (failureStatus) {
                case 429 -> errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", null);
                case 503 -> errors(503, "ServiceUnavailable", "Service temporarily unavailable. Please try again.", null);
                default -> errors(failureStatus, "InternalFailure", "We encountered an internal error. Please try again.", null);
            };
        }
        if (path.equals("/auth/o2/token") && method.equals("POST")) {
            return token(FakeHttp.form(body));
        }
        if (!path.startsWith("/shipping/v2/")) {
            return errors(404, "NotFound", "Resource not found.", null);
        }
        authorize(x.getRequestHeaders().getFirst("x-amz-access-token"));
        if (path.equals("/shipping/v2/shipments/rates") && method.equals("POST")) {
            return rates(json(body));
        }
        if (path.equals("/shipping/v2/shipments") && method.equals("POST")) {
            String key = x.getRequestHeaders().getFirst("x-amzn-IdempotencyKey");
            if (key != null && answered.containsKey(key)) {
                return answered.get(key);
            }
            Response r = purchase(json(body));
            if (key != null && r.status() == 200) {
                answered.put(key, r);
            }
            if (r.status() == 200 && failPurchaseAfterCharging) {
                failPurchaseAfterCharging = false;
                return errors(500, "InternalFailure", "We encountered an internal error. Please try again.", null);
            }
            return r;
        }
        if (path.equals("/shipping/v2/tracking") && method.equals("GET")) {
            return tracking(query.get("trackingId"), query.get("carrierId"));
        }
        if ((m = SHIPMENT.matcher(path)).matches()) {
            Shipment s = shipments.get(m.group(1));
            if (s == null) {
                return errors(404, "NotFound", "The requested shipment was not found.", "shipmentId " + m.group(1));
            }
            if (m.group(2).equals("cancel") && method.equals("PUT")) {
                return cancel(s);
            }
            if (m.group(2).equals("documents") && method.equals("GET")) {
                return documents(s, query);
            }
        }
        return errors(404, "NotFound", "Resource not found.", null);
    }

    private Response token(Map<String, String> form) {
        for (String required : List.of("grant_type", "client_id", "refresh_token")) {
            if (!form.containsKey(required)) {
                return lwa(400, "invalid_request", "The request is missing a required parameter : " + required);
            }
        }
        if (!form.get("grant_type").equals("refresh_token")) {
            return lwa(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return lwa(401, "invalid_client", "Client authentication failed");
        }
        if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            return lwa(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }
        String access = "Atza|shipping-fake-access-token-" + UUID.randomUUID();
        accessTokens.put(access, Instant.now().plusSeconds(3600));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("access_token", access);
        r.put("refresh_token", REFRESH_TOKEN);
        r.put("token_type", "bearer");
        r.put("expires_in", 3600);
        return Response.json(200, r);
    }

    private void authorize(String token) {
        Instant expires = token == null ? null : accessTokens.get(token);
        if (expires == null || expires.isBefore(Instant.now())) {
            throw new Refusal(errors(403, "Unauthorized", "Access to requested resource is denied.",
                    token == null ? "The access token is missing." : "The access token you provided is revoked, malformed or invalid."));
        }
    }

    private static Map<String, Object> json(byte[] body) {
        Map<String, Object> json = FakeHttp.object(body);
        if (json == null) {
            throw new Refusal(errors(400, "InvalidInput", "Request has missing or invalid parameters and cannot be parsed.", null));
        }
        return json;
    }

    // ------------------------------------------------------------------ operations

    private Response rates(Map<String, Object> in) {
        for (String required : List.of("channelDetails", "packages", "shipFrom")) {
            require(in, required, "");
        }
        address(map(in.get("shipFrom")), "shipFrom");
        Map<String, Object> channel = map(in.get("channelDetails"));
        String type = text(require(channel, "channelType", "channelDetails."));
        if (type.equals("AMAZON")) {
            Map<String, Object> order = map(channel.get("amazonOrderDetails"));
            if (order == null || text(order.get("orderId")) == null) {
                throw invalid("amazonOrderDetails.orderId is required when channelType is AMAZON.");
            }
        } else if (type.equals("EXTERNAL")) {
            address(map(require(in, "shipTo", "")), "shipTo");
        } else {
            throw invalid("channelDetails.channelType must be AMAZON or EXTERNAL.");
        }
        List<?> packages = list(in.get("packages"));
        if (packages == null || packages.isEmpty()) {
            throw invalid("packages must be a non-empty array.");
        }
        BigDecimal grams = BigDecimal.ZERO;
        String currency = null;
        for (Object o : packages) {
            Map<String, Object> p = map(o);
            if (p == null) {
                throw invalid("packages must hold objects.");
            }
            for (String required : List.of("dimensions", "weight", "insuredValue", "items", "packageClientReferenceId")) {
                require(p, required, "packages[].");
            }
            Map<String, Object> dims = map(p.get("dimensions"));
            for (String required : List.of("length", "width", "height", "unit")) {
                require(dims, required, "packages[].dimensions.");
            }
            if (!List.of("INCH", "CENTIMETER").contains(dims.get("unit"))) {
                throw invalid("packages[].dimensions.unit must be INCH or CENTIMETER.");
            }
            Map<String, Object> weight = map(p.get("weight"));
            BigDecimal value = number(require(weight, "value", "packages[].weight."), "packages[].weight.value");
            String unit = text(require(weight, "unit", "packages[].weight."));
            grams = grams.add(switch (unit) {
                case "GRAM" -> value;
                case "KILOGRAM" -> value.multiply(BigDecimal.valueOf(1000));
                case "OUNCE" -> value.multiply(new BigDecimal("28.349523125"));
                case "POUND" -> value.multiply(new BigDecimal("453.59237"));
                default -> throw invalid("packages[].weight.unit must be GRAM, KILOGRAM, OUNCE or POUND.");
            });
            Map<String, Object> insured = map(p.get("insuredValue"));
            number(require(insured, "value", "packages[].insuredValue."), "packages[].insuredValue.value");
            currency = text(require(insured, "unit", "packages[].insuredValue."));
            List<?> items = list(p.get("items"));
            if (items == null) {
                throw invalid("packages[].items must be an array.");
            }
            for (Object item : items) {
                if (map(item) == null || !(map(item).get("quantity") instanceof Number)) {
                    throw invalid("packages[].items[].quantity is required.");
                }
            }
        }
        String token = "amzn1.rq." + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BigDecimal kilos = grams.divide(BigDecimal.valueOf(1000), 0, RoundingMode.CEILING).max(BigDecimal.ONE);
        String unit = currency == null || currency.length() != 3 ? "USD" : currency;
        List<Map<String, Object>> rates = List.of(
                rate(CARRIER_ID, "Amazon Shipping", "SWA-US-GROUND", "Amazon Shipping Ground", "5.20", "0.60", kilos, unit, now, 4),
                rate("UPS", "UPS", "UPS_GROUND", "UPS Ground", "9.10", "0.90", kilos, unit, now, 3));
        quotes.put(token, new Quote(in, rates, now));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("requestToken", token);
        payload.put("rates", rates);
        payload.put("ineligibleRates", List.of());
        return Response.json(200, Map.of("payload", payload));
    }

    private Response purchase(Map<String, Object> in) {
        String token = text(require(in, "requestToken", ""));
        String rateId = text(require(in, "rateId", ""));
        Map<String, Object> spec = map(require(in, "requestedDocumentSpecification", ""));
        for (String required : List.of("format", "size", "needFileJoining", "requestedDocumentTypes")) {
            require(spec, required, "requestedDocumentSpecification.");
        }
        Quote quote = quotes.get(token);
        if (quote == null) {
            return errors(400, "InvalidInput", "The requestToken is not valid.", "requestToken " + token);
        }
        if (quote.created().plus(TOKEN_LIFE).isBefore(Instant.now())) {
            return errors(400, "TOKEN_EXPIRED", "The request token has expired; get rates again.", null);
        }
        if (boughtWith.containsKey(token)) {
            return errors(400, "InvalidInput", "A shipment was already purchased with this requestToken.", null);
        }
        Map<String, Object> rate = null;
        for (Map<String, Object> r : quote.rates()) {
            if (rateId.equals(r.get("rateId"))) {
                rate = r;
            }
        }
        if (rate == null) {
            return errors(400, "InvalidInput", "The rateId does not belong to this requestToken.", "rateId " + rateId);
        }
        String format = text(spec.get("format"));
        Map<String, Object> size = map(spec.get("size"));
        boolean supported = false;
        for (Object o : (List<?>) rate.get("supportedDocumentSpecifications")) {
            Map<String, Object> s = map(o);
            Map<String, Object> ss = map(s.get("size"));
            supported |= s.get("format").equals(format) && size != null && sameNumber(ss.get("width"), size.get("width"))
                    && sameNumber(ss.get("length"), size.get("length")) && ss.get("unit").equals(size.get("unit"));
        }
        if (!supported) {
            return errors(400, "InvalidInput", "The requested document specification is not supported by the rate.", null);
        }
        purchases++;
        Shipment s = new Shipment();
        s.id = "amzn1.sh." + UUID.randomUUID();
        s.trackingId = "TBA" + (counter++);
        s.packageClientReferenceId = (String) map(((List<?>) quote.request().get("packages")).get(0)).get("packageClientReferenceId");
        s.carrierName = (String) rate.get("carrierName");
        s.serviceName = (String) rate.get("serviceName");
        s.format = format;
        s.promise = map(rate.get("promise"));
        shipments.put(s.id, s);
        boughtWith.put(token, s);
        addEvent(s, "ReadyForReceive");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("shipmentId", s.id);
        payload.put("packageDocumentDetails", List.of(documentDetail(s, format)));
        payload.put("promise", s.promise);
        return Response.json(200, Map.of("payload", payload));
    }

    private Map<String, Object> documentDetail(Shipment s, String format) {
        byte[] bytes = switch (format) {
            case "ZPL" -> Labels.zpl(s.carrierName, s.serviceName, s.trackingId);
            case "PNG" -> Labels.png(s.carrierName, s.serviceName, s.trackingId);
            default -> Labels.pdf(s.carrierName, s.serviceName, s.trackingId);
        };
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "LABEL");
        doc.put("format", format);
        doc.put("contents", Base64.getEncoder().encodeToString(bytes));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("packageClientReferenceId", s.packageClientReferenceId);
        detail.put("packageDocuments", List.of(doc));
        detail.put("trackingId", s.trackingId);
        return detail;
    }

    private Response tracking(String trackingId, String carrierId) {
        if (trackingId == null || carrierId == null) {
            return errors(400, "InvalidInput", "Request has missing or invalid parameters and cannot be parsed.",
                    "trackingId and carrierId are required.");
        }
        Shipment s = null;
        for (Shipment candidate : shipments.values()) {
            if (candidate.trackingId.equals(trackingId)) {
                s = candidate;
            }
        }
        if (s == null) {
            return errors(404, "NotFound", "No tracking information was found.", "trackingId " + trackingId);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trackingId", s.trackingId);
        payload.put("alternateLegTrackingId", "");
        payload.put("eventHistory", s.events);
        Map<String, Object> window = map(s.promise.get("deliveryWindow"));
        payload.put("promisedDeliveryDate", window.get("end"));
        payload.put("summary", Map.of("status", status((String) s.events.get(s.events.size() - 1).get("eventCode")),
                "trackingDetailCodes", Map.of("forward", List.of(), "returns", List.of())));
        return Response.json(200, Map.of("payload", payload));
    }

    private Response cancel(Shipment s) {
        String last = (String) s.events.get(s.events.size() - 1).get("eventCode");
        if (!s.cancelled && !last.equals("ReadyForReceive")) {
            return errors(400, "InvalidInput", "The shipment can no longer be cancelled: the carrier has it.", null);
        }
        s.cancelled = true;
        return Response.json(200, Map.of("payload", Map.of()));
    }

    private Response documents(Shipment s, Map<String, String> query) {
        String ref = query.get("packageClientReferenceId");
        if (ref == null) {
            return errors(400, "InvalidInput", "packageClientReferenceId is required.", null);
        }
        if (!ref.equals(s.packageClientReferenceId)) {
            return errors(404, "NotFound", "No package with this packageClientReferenceId.", null);
        }
        String format = query.getOrDefault("format", s.format);
        if (!List.of("PDF", "ZPL", "PNG").contains(format)) {
            return errors(400, "InvalidInput", "format must be PDF, PNG or ZPL.", null);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("shipmentId", s.id);
        payload.put("packageDocumentDetail", documentDetail(s, format));
        return Response.json(200, Map.of("payload", payload));
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> rate(String carrierId, String carrierName, String serviceId, String serviceName,
                                            String base, String perKilo, BigDecimal kilos, String currency, Instant now,
                                            int days) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rateId", "amzn1.rt." + UUID.randomUUID());
        r.put("carrierId", carrierId);
        r.put("carrierName", carrierName);
        r.put("serviceId", serviceId);
        r.put("serviceName", serviceName);
        r.put("totalCharge", Map.of("value", new BigDecimal(base).add(new BigDecimal(perKilo).multiply(kilos)), "unit", currency));
        r.put("promise", Map.of(
                "deliveryWindow", Map.of("start", now.plus(days - 1, ChronoUnit.DAYS).toString(),
                        "end", now.plus(days, ChronoUnit.DAYS).toString()),
                "pickupWindow", Map.of("start", now.plus(1, ChronoUnit.HOURS).toString(),
                        "end", now.plus(8, ChronoUnit.HOURS).toString())));
        List<Map<String, Object>> specs = new ArrayList<>();
        for (String format : List.of("PDF", "ZPL", "PNG")) {
            specs.add(Map.of("format", format,
                    "size", Map.of("width", 4, "length", 6, "unit", "INCH"),
                    "printOptions", List.of(Map.of(
                            "supportedDPIs", List.of(203, 300),
                            "supportedPageLayouts", List.of("DEFAULT"),
                            "supportedFileJoiningOptions", List.of(false),
                            "supportedDocumentDetails", List.of(Map.of("name", "LABEL", "isMandatory", true))))));
        }
        r.put("supportedDocumentSpecifications", specs);
        r.put("requiresAdditionalInputs", false);
        return r;
    }

    private static Map<String, Object> addEvent(Shipment s, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventCode", code);
        e.put("eventTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!code.equals("ReadyForReceive")) {
            e.put("location", Map.of("city", "Seattle", "stateOrRegion", "WA", "countryCode", "US", "postalCode", "98109"));
        }
        s.events.add(e);
        return e;
    }

    /** The summary status the model's Status enum gives after an event. */
    private static String status(String eventCode) {
        return switch (eventCode) {
            case "ReadyForReceive" -> "PreTransit";
            case "PickupCancelled" -> "PickupCancelled";
            case "OutForDelivery" -> "OutForDelivery";
            case "Delivered" -> "Delivered";
            case "DeliveryAttempted" -> "DeliveryAttempted";
            case "Lost" -> "Lost";
            case "Rejected" -> "Rejected";
            case "Undeliverable" -> "Undeliverable";
            case "AvailableForPickup" -> "AwaitingCustomerPickup";
            default -> "InTransit";
        };
    }

    private static Object require(Map<String, Object> in, String field, String prefix) {
        Object v = in == null ? null : in.get(field);
        if (v == null || v instanceof String s && s.isBlank()) {
            throw invalid(prefix + field + " is required.");
        }
        return v;
    }

    private static void address(Map<String, Object> a, String name) {
        if (a == null) {
            throw invalid(name + " must be an object.");
        }
        for (String required : List.of("name", "addressLine1", "city", "countryCode", "postalCode", "stateOrRegion")) {
            require(a, required, name + ".");
        }
        if (((String) a.get("name")).length() > 50 || ((String) a.get("addressLine1")).length() > 60) {
            throw invalid(name + ": name is at most 50 characters, addressLine1 at most 60.");
        }
    }

    private static BigDecimal number(Object v, String field) {
        if (!(v instanceof Number n)) {
            throw invalid(field + " must be a number.");
        }
        return new BigDecimal(n.toString());
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }

    private static Refusal invalid(String details) {
        return new Refusal(errors(400, "InvalidInput", "Request has missing or invalid parameters and cannot be parsed.", details));
    }

    private static Response errors(int status, String code, String message, String details) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        if (details != null) {
            e.put("details", details);
        }
        return Response.json(status, Map.of("errors", List.of(e)));
    }

    private static Response lwa(int status, String error, String description) {
        return Response.json(status, Map.of("error", error, "error_description", description));
    }
}
