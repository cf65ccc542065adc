package orderflow.local.carriers;

import static orderflow.local.carriers.FakeHttp.map;
import static orderflow.local.carriers.FakeHttp.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import orderflow.local.carriers.FakeHttp.Refusal;
import orderflow.local.carriers.FakeHttp.Response;

/**
 * A loopback stand-in for the EasyPost API v2, written from EasyPost's documentation (docs.easypost.com:
 * Authentication, Errors, Shipments, Rates, Trackers, Events, Webhooks and the Webhooks Guide; the
 * response examples of github.com/EasyPost/examples).
 *
 * <ul>
 * <li>Authentication: HTTP Basic with the API key as the username and no password; anything else is
 * 401 {@code APIKEY.REQUIRED} / {@code APIKEY.INACTIVE}.</li>
 * <li>Errors: {@code {"error": {"code", "message", "errors": [{field, message}]}}} with the documented
 * statuses (401, 404 {@code NOT_FOUND}, 422 for input that parses but is invalid, 500, 503).</li>
 * <li>{@code POST /v2/shipments} ({@code {"shipment": {to_address, from_address, parcel, reference,
 * options}}}; parcel weight in ounces, dimensions in inches) answers 201 with the Shipment and its
 * {@code rates} ({@code id, carrier, service, rate} as a decimal string, {@code currency,
 * delivery_days}). {@code options.label_format} (PDF, ZPL, PNG; PNG when absent, as EasyPost does)
 * is the format of {@code postage_label.label_url}.</li>
 * <li>{@code GET /v2/shipments/{id}}; {@code POST /v2/shipments/{id}/buy} with {@code {"rate":
 * {"id"}}} charges once and answers the Shipment with {@code postage_label}, {@code tracking_code},
 * {@code selected_rate} and {@code tracker}; buying again is 422 {@code SHIPMENT.POSTAGE.EXISTS}.
 * {@code GET /v2/shipments/{id}/label?file_format=ZPL|PDF|PNG} adds {@code label_zpl_url} /
 * {@code label_pdf_url}. {@code POST /v2/shipments/{id}/refund} sets {@code refund_status}:
 * {@code submitted} while the parcel has not moved, else {@code rejected}.</li>
 * <li>{@code POST /v2/trackers} ({@code {"tracker": {tracking_code, carrier}}}) answers the tracker
 * of that code (a new {@code unknown} one for codes this fake never issued); {@code GET
 * /v2/trackers/{id}}.</li>
 * <li>Label files are served without authentication under {@code /files/} (EasyPost's label URLs are
 * public links).</li>
 * <li>Webhooks ({@link #webhook(String, String)}): each tracker change is an Event {@code {object:
 * "Event", description: "tracker.updated", result: Tracker, ...}} POSTed as JSON; with a secret it
 * carries {@code X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>}, keyed with the
 * secret NFKD-normalised and UTF-8 encoded, as EasyPost's client libraries' validate_webhook check.</li>
 * </ul>
 *
 * <p>Local control (no authentication): {@code POST /_local/trackers/{tracking_code}/advance} moves
 * the parcel one step (pre_transit, in_transit, out_for_delivery, delivered) or, with {@code
 * ?status=return_to_sender|failure|available_for_pickup|...}, to that status, and sends the webhook.
 * Test hooks: {@link #failNext(int)}, {@link #failNextBuyAfterCharging()}, {@link #purchases()},
 * {@link #advance(String, String)}, {@link #deliveries()}.
 */
public final class FakeEasyPost implements AutoCloseable {

    public static final String API_KEY = "EZTKfake0123456789abcdef0123456789";
    /** The steps of {@code advance} without a status. */
    public static final List<String> PROGRESSION = List.of("pre_transit", "in_transit", "out_for_delivery", "delivered");
    /** The tracker statuses EasyPost documents. */
    public static final List<String> STATUSES = List.of("unknown", "pre_transit", "in_transit", "out_for_delivery",
            "delivered", "available_for_pickup", "return_to_sender", "failure", "cancelled", "error");

    /** One webhook delivery: the raw body, the headers sent and the status the receiver answered (0: unreachable). */
    public record Delivery(byte[] body, Map<String, String> headers, int status) {
    }

    private static final Pattern SHIPMENT = Pattern.compile("/v2/shipments/(shp_[0-9a-f]+)(/buy|/refund|/label)?");
    private static final Pattern TRACKER = Pattern.compile("/v2/trackers/(trk_[0-9a-f]+)");
    private static final Pattern ADVANCE = Pattern.compile("/_local/trackers/([^/]+)/advance");
    private static final Pattern FILE = Pattern.compile("/files/(lbl_[0-9a-f]+)\\.(pdf|zpl|png)");

    private final HttpServer server;
    private final Map<String, Map<String, Object>> shipments = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> trackers = new LinkedHashMap<>();
    /** Label file id to [carrier, service, tracking code]. */
    private final Map<String, String[]> files = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private int purchases;
    private int failuresLeft;
    private int failureStatus;
    private boolean failBuyAfterCharging;
    private String webhookUrl;
    private String webhookSecret;
    private long trackingCounter = 1_000_000_000L;

    public FakeEasyPost() throws IOException {
        server = FakeHttp.start(this::handle);
    }

    /** The API root our client is configured with (its calls go to {@code baseUrl() + "/v2/..."}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where tracker events go, and the webhook secret they are signed with (null: unsigned). */
    public synchronized void webhook(String url, String secret) {
        this.webhookUrl = url;
        this.webhookSecret = secret;
    }

    /** The next {@code n} API calls fail with this status (500, 503, 429...) before doing anything. */
    public synchronized void failNext(int n, int status) {
        failuresLeft = n;
        failureStatus = status;
    }

    /** The next buy charges and buys the label, then answers 500 as if the answer were lost. */
    public synchronized void failNextBuyAfterCharging() {
        failBuyAfterCharging = true;
    }

    /** How many labels were charged. */
    public synchronized int purchases() {
        return purchases;
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** A shipment as the API shows it (a copy), or null. */
    public synchronized Map<String, Object> shipment(String id) {
        Map<String, Object> s = shipments.get(id);
        return s == null ? null : new LinkedHashMap<>(s);
    }

    /**
     * Moves the parcel of this tracking code one step (status null) or to the status given, and
     * sends the signed tracker.updated event; answers the event.
     */
    public Map<String, Object> advance(String trackingCode, String status) {
        Map<String, Object> event;
        String url;
        String secret;
        synchronized (this) {
            event = step(trackingCode, status);
            url = webhookUrl;
            secret = webhookSecret;
        }
        if (url != null) {
            // Sent outside the lock: the receiver may call this fake back.
            byte[] body = FakeHttp.write(event).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            if (secret != null) {
                headers.put("X-Hmac-Signature", signature(secret, body));
            }
            int answered = FakeHttp.post(url, body, headers);
            synchronized (this) {
                deliveries.add(new Delivery(body, headers, answered));
            }
        }
        return event;
    }

    private Map<String, Object> step(String trackingCode, String status) {
        Map<String, Object> tracker = null;
        for (Map<String, Object> t : trackers.values()) {
            if (trackingCode.equals(t.get("tracking_code"))) {
                tracker = t;
            }
        }
        if (tracker == null) {
            throw new IllegalArgumentException("no tracker for " + trackingCode);
        }
        String current = (String) tracker.get("status");
        String next = status;
        if (next == null) {
            int i = PROGRESSION.indexOf(current);
            next = PROGRESSION.get(Math.min(PROGRESSION.size() - 1, i + 1));
        } else if (!STATUSES.contains(next)) {
            throw new IllegalArgumentException("not an EasyPost tracker status: " + next);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        addDetail(tracker, next, message(next), now);
        tracker.put("updated_at", now.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("object", "Event");
        event.put("id", "evt_" + hex());
        event.put("mode", "test");
        event.put("description", "tracker.updated");
        event.put("previous_attributes", Map.of("status", current));
        event.put("created_at", now.toString());
        event.put("updated_at", now.toString());
        event.put("pending_urls", webhookUrl == null ? List.of() : List.of(webhookUrl));
        event.put("completed_urls", List.of());
        event.put("result", copy(tracker));
        return event;
    }

    /** EasyPost's webhook signature of a body: {@code hmac-sha256-hex=} + hex HMAC-SHA256, key = NFKD(secret) in UTF-8. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return "hmac-sha256-hex=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ routing

    private Response handle(HttpExchange x, byte[] body) {
        Matcher m = ADVANCE.matcher(x.getRequestURI().getPath());
        if (m.matches() && x.getRequestMethod().equals("POST")) {
            try {
                return Response.json(200, advance(m.group(1), FakeHttp.query(x.getRequestURI()).get("status")));
            } catch (IllegalArgumentException e) {
                return error(404, "NOT_FOUND", e.getMessage());
            }
        }
        return api(x, body);
    }

    private synchronized Response api(HttpExchange x, byte[] body) {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        Map<String, String> query = FakeHttp.query(x.getRequestURI());
        Matcher m;
        if ((m = FILE.matcher(path)).matches() && method.equals("GET")) {
            return file(m.group(1), m.group(2));
        }
        if (!path.startsWith("/v2/")) {
            return error(404, "NOT_FOUND", "The requested resource could not be found.");
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return failureStatus == 503
                    ? error(503, "SERVICE.UNAVAILABLE", "The service is temporarily unavailable.")
                    : error(failureStatus, "INTERNAL_SERVER_ERROR", "We're sorry, something went wrong.");
        }
        authenticate(x.getRequestHeaders().getFirst("Authorization"));
        Map<String, Object> json = body.length == 0 ? Map.of() : FakeHttp.object(body);
        if (json == null) {
            return error(400, "BAD_REQUEST", "The request could not be understood: the body is not valid JSON.");
        }
        if (path.equals("/v2/shipments") && method.equals("POST")) {
            return Response.json(201, createShipment(json));
        }
        if ((m = SHIPMENT.matcher(path)).matches()) {
            Map<String, Object> s = shipments.get(m.group(1));
            if (s == null) {
                return error(404, "NOT_FOUND", "The requested resource could not be found.");
            }
            String action = m.group(2) == null ? "" : m.group(2);
            return switch (method + " " + action) {
                case "GET " -> Response.json(200, s);
                case "POST /buy" -> buy(s, json);
                case "POST /refund" -> refund(s);
                case "GET /label" -> convertLabel(s, query.get("file_format"));
                default -> error(404, "NOT_FOUND", "The requested resource could not be found.");
            };
        }
        if (path.equals("/v2/trackers") && method.equals("POST")) {
            return createTracker(json);
        }
        if ((m = TRACKER.matcher(path)).matches() && method.equals("GET")) {
            Map<String, Object> t = trackers.get(m.group(1));
            return t == null ? error(404, "NOT_FOUND", "The requested resource could not be found.") : Response.json(200, t);
        }
        return error(404, "NOT_FOUND", "The requested resource could not be found.");
    }

    private static void authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            throw new Refusal(error(401, "APIKEY.REQUIRED",
                    "Unauthorized. Please check credentials and try again."));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        if (!API_KEY.equals(user)) {
            throw new Refusal(error(401, "APIKEY.INACTIVE", "This api key is no longer active. Please use a different"
                    + " api key or reactivate this key."));
        }
    }

    // ------------------------------------------------------------------ shipments

    private Map<String, Object> createShipment(Map<String, Object> json) {
        Map<String, Object> in = map(json.get("shipment"));
        if (in == null) {
            throw invalid("shipment", "is required");
        }
        Map<String, Object> to = address(in, "to_address");
        Map<String, Object> from = address(in, "from_address");
        Map<String, Object> parcel = map(in.get("parcel"));
        if (parcel == null) {
            throw invalid("parcel", "is required");
        }
        BigDecimal ounces = positive(parcel, "weight");
        for (String d : List.of("length", "width", "height")) {
            if (parcel.get(d) != null) {
                positive(parcel, d);
            }
        }
        Map<String, Object> options = map(in.get("options"));
        String format = options == null ? null : text(options.get("label_format"));
        if (format != null && !List.of("PDF", "ZPL", "PNG", "EPL2").contains(format)) {
            throw invalid("options.label_format", "must be one of PNG, PDF, ZPL, EPL2");
        }
        String id = "shp_" + hex();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("object", "Shipment");
        s.put("mode", "test");
        s.put("reference", in.get("reference"));
        s.put("status", "unknown");
        s.put("created_at", now.toString());
        s.put("updated_at", now.toString());
        s.put("to_address", withId("adr_", to));
        s.put("from_address", withId("adr_", from));
        Map<String, Object> p = withId("prcl_", parcel);
        s.put("parcel", p);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("label_format", format == null ? "PNG" : format);
        opts.put("currency", "USD");
        s.put("options", opts);
        List<Map<String, Object>> rates = new ArrayList<>();
        rates.add(rate(id, "USPS", "GroundAdvantage", ounces, "4.75", "0.25", 5));
        rates.add(rate(id, "USPS", "Priority", ounces, "8.90", "0.40", 2));
        rates.add(rate(id, "UPS", "Ground", ounces, "11.20", "0.30", 3));
        s.put("rates", rates);
        s.put("messages", List.of());
        s.put("selected_rate", null);
        s.put("postage_label", null);
        s.put("tracking_code", null);
        s.put("tracker", null);
        s.put("refund_status", null);
        s.put("fees", List.of());
        shipments.put(id, s);
        return s;
    }

    private static Map<String, Object> address(Map<String, Object> shipment, String field) {
        Map<String, Object> a = map(shipment.get(field));
        if (a == null) {
            throw invalid(field, "is required");
        }
        for (String required : List.of("street1", "city", "zip", "country")) {
            if (text(a.get(required)) == null) {
                throw invalid(field + "." + required, "cannot be blank");
            }
        }
        return a;
    }

    private static BigDecimal positive(Map<String, Object> parcel, String field) {
        Object v = parcel.get(field);
        BigDecimal n;
        try {
            n = v instanceof Number num ? new BigDecimal(num.toString()) : v instanceof String s ? new BigDecimal(s) : null;
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null || n.signum() <= 0) {
            throw invalid("parcel." + field, "must be greater than 0");
        }
        return n;
    }

    private static Map<String, Object> withId(String prefix, Map<String, Object> value) {
        Map<String, Object> copy = new LinkedHashMap<>(value);
        copy.put("id", prefix + hex());
        return copy;
    }

    /** A rate: base price plus a price per started pound. */
    private static Map<String, Object> rate(String shipmentId, String carrier, String service, BigDecimal ounces,
                                            String base, String perPound, int days) {
        BigDecimal pounds = ounces.divide(BigDecimal.valueOf(16), 0, RoundingMode.CEILING);
        BigDecimal price = new BigDecimal(base).add(new BigDecimal(perPound).multiply(pounds)).setScale(2, RoundingMode.UNNECESSARY);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "rate_" + hex());
        r.put("object", "Rate");
        r.put("mode", "test");
        r.put("service", service);
        r.put("carrier", carrier);
        r.put("rate", price.toPlainString());
        r.put("currency", "USD");
        r.put("retail_rate", price.add(new BigDecimal("1.00")).toPlainString());
        r.put("retail_currency", "USD");
        r.put("list_rate", price.add(new BigDecimal("0.50")).toPlainString());
        r.put("list_currency", "USD");
        r.put("delivery_days", days);
        r.put("delivery_date_guaranteed", false);
        r.put("shipment_id", shipmentId);
        r.put("carrier_account_id", "ca_" + hex());
        return r;
    }

    private Response buy(Map<String, Object> s, Map<String, Object> json) {
        if (s.get("postage_label") != null) {
            return error(422, "SHIPMENT.POSTAGE.EXISTS", "The shipment already has postage; a shipment can be bought once.");
        }
        Map<String, Object> rateRef = map(json.get("rate"));
        String rateId = rateRef == null ? null : text(rateRef.get("id"));
        if (rateId == null) {
            return fieldError(422, "PARAMETER.REQUIRED", "Missing required parameter.", "rate", "is required");
        }
        Map<String, Object> rate = null;
        for (Object o : (List<?>) s.get("rates")) {
            if (rateId.equals(map(o).get("id"))) {
                rate = map(o);
            }
        }
        if (rate == null) {
            return fieldError(422, "SHIPMENT.RATE.INVALID", "The rate does not belong to this shipment.", "rate.id",
                    "is invalid");
        }
        purchases++;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String code = "EZ" + (trackingCounter++) + "0";
        String carrier = (String) rate.get("carrier");
        String service = (String) rate.get("service");
        s.put("selected_rate", rate);
        s.put("tracking_code", code);
        s.put("status", "unknown");
        s.put("updated_at", now.toString());
        Map<String, Object> label = new LinkedHashMap<>();
        label.put("id", "pl_" + hex());
        label.put("object", "PostageLabel");
        label.put("label_date", now.toString());
        label.put("label_resolution", 300);
        label.put("label_size", "4x6");
        label.put("label_type", "default");
        String format = (String) map(s.get("options")).get("label_format");
        String ext = format.equals("PDF") ? "pdf" : format.equals("ZPL") ? "zpl" : "png";
        label.put("label_file_type", format.equals("PDF") ? "application/pdf" : format.equals("ZPL") ? "application/zpl" : "image/png");
        label.put("label_url", fileUrl(carrier, service, code, ext));
        label.put("label_pdf_url", null);
        label.put("label_zpl_url", null);
        label.put("label_epl2_url", null);
        s.put("postage_label", label);
        Map<String, Object> tracker = new LinkedHashMap<>();
        tracker.put("id", "trk_" + hex());
        tracker.put("object", "Tracker");
        tracker.put("mode", "test");
        tracker.put("tracking_code", code);
        tracker.put("status", "unknown");
        tracker.put("status_detail", "unknown");
        tracker.put("created_at", now.toString());
        tracker.put("updated_at", now.toString());
        tracker.put("signed_by", null);
        tracker.put("weight", null);
        tracker.put("est_delivery_date", now.plus(((Number) rate.get("delivery_days")).longValue(), ChronoUnit.DAYS).toString());
        tracker.put("shipment_id", s.get("id"));
        tracker.put("carrier", carrier);
        tracker.put("tracking_details", new ArrayList<>());
        tracker.put("fees", List.of());
        tracker.put("public_url", "https://track.easypost.com/" + code);
        addDetail(tracker, "pre_transit", message("pre_transit"), now);
        trackers.put((String) tracker.get("id"), tracker);
        s.put("tracker", tracker);
        if (failBuyAfterCharging) {
            failBuyAfterCharging = false;
            return error(500, "INTERNAL_SERVER_ERROR", "We're sorry, something went wrong.");
        }
        return Response.json(200, s);
    }

    private Response convertLabel(Map<String, Object> s, String format) {
        Map<String, Object> label = map(s.get("postage_label"));
        if (label == null) {
            return error(422, "SHIPMENT.POSTAGE.REQUIRED", "The shipment has no postage yet; buy it first.");
        }
        if (format == null || !List.of("PDF", "ZPL", "PNG").contains(format)) {
            return fieldError(422, "PARAMETER.INVALID", "Invalid parameter.", "file_format", "must be PDF, ZPL or PNG");
        }
        Map<String, Object> rate = map(s.get("selected_rate"));
        String url = fileUrl((String) rate.get("carrier"), (String) rate.get("service"), (String) s.get("tracking_code"),
                format.toLowerCase());
        label.put(format.equals("PNG") ? "label_url" : "label_" + format.toLowerCase() + "_url", url);
        return Response.json(200, s);
    }

    private Response refund(Map<String, Object> s) {
        if (s.get("postage_label") == null) {
            return error(422, "SHIPMENT.REFUND.UNAVAILABLE", "The shipment has no postage to refund.");
        }
        if (s.get("refund_status") == null) {
            String status = (String) map(s.get("tracker")).get("status");
            boolean moved = !List.of("unknown", "pre_transit").contains(status);
            s.put("refund_status", moved ? "rejected" : "submitted");
        }
        return Response.json(200, s);
    }

    private Response createTracker(Map<String, Object> json) {
        Map<String, Object> in = map(json.get("tracker"));
        String code = in == null ? null : text(in.get("tracking_code"));
        if (code == null) {
            return fieldError(422, "TRACKER.TRACKING_CODE.INVALID", "Invalid tracking code.", "tracking_code",
                    "cannot be blank");
        }
        for (Map<String, Object> t : trackers.values()) {
            if (code.equals(t.get("tracking_code"))) {
                return Response.json(200, t);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", "trk_" + hex());
        t.put("object", "Tracker");
        t.put("mode", "test");
        t.put("tracking_code", code);
        t.put("status", "unknown");
        t.put("status_detail", "unknown");
        t.put("created_at", now.toString());
        t.put("updated_at", now.toString());
        t.put("carrier", text(in.get("carrier")));
        t.put("tracking_details", new ArrayList<>());
        trackers.put((String) t.get("id"), t);
        return Response.json(201, t);
    }

    private Response file(String id, String ext) {
        String[] label = files.get(id + "." + ext);
        if (label == null) {
            return new Response(404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8), Map.of());
        }
        return switch (ext) {
            case "pdf" -> Response.bytes("application/pdf", Labels.pdf(label[0], label[1], label[2]));
            case "zpl" -> Response.bytes("application/zpl", Labels.zpl(label[0], label[1], label[2]));
            default -> Response.bytes("image/png", Labels.png(label[0], label[1], label[2]));
        };
    }

    private String fileUrl(String carrier, String service, String code, String ext) {
        String id = "lbl_" + hex();
        files.put(id + "." + ext, new String[] {carrier, service, code});
        return baseUrl() + "/files/" + id + "." + ext;
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static void addDetail(Map<String, Object> tracker, String status, String message, Instant at) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("object", "TrackingLocation");
        location.put("city", status.equals("pre_transit") ? null : "HOUSTON");
        location.put("state", status.equals("pre_transit") ? null : "TX");
        location.put("country", status.equals("pre_transit") ? null : "US");
        location.put("zip", status.equals("pre_transit") ? null : "77063");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("object", "TrackingDetail");
        d.put("message", message);
        d.put("description", "");
        d.put("status", status);
        d.put("status_detail", "status_update");
        d.put("datetime", at.toString());
        d.put("source", tracker.get("carrier"));
        d.put("carrier_code", "");
        d.put("tracking_location", location);
        ((List<Object>) tracker.get("tracking_details")).add(d);
        tracker.put("status", status);
    }

    private static String message(String status) {
        return switch (status) {
            case "pre_transit" -> "Shipping Label Created";
            case "in_transit" -> "Arrived at USPS Regional Facility";
            case "out_for_delivery" -> "Out for Delivery";
            case "delivered" -> "Delivered, In/At Mailbox";
            case "return_to_sender" -> "Return to Sender Processed";
            case "failure" -> "Delivery Exception, Animal Interference";
            case "available_for_pickup" -> "Available for Pickup";
            default -> "Status Update";
        };
    }

    private static Refusal invalid(String field, String message) {
        return new Refusal(fieldError(422, "SHIPMENT.INVALID_PARAMS", "Unable to create shipment, one or more parameters"
                + " were invalid.", field, message));
    }

    private static Response fieldError(int status, String code, String message, String field, String fieldMessage) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("errors", List.of(Map.of("field", field, "message", fieldMessage)));
        return Response.json(status, Map.of("error", e));
    }

    static Response error(int status, String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("errors", List.of());
        return Response.json(status, Map.of("error", e));
    }

    /** A deep copy through JSON, so an event keeps the tracker as it was when sent. */
    private static Map<String, Object> copy(Map<String, Object> value) {
        return FakeHttp.object(FakeHttp.write(value).getBytes(StandardCharsets.UTF_8));
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
