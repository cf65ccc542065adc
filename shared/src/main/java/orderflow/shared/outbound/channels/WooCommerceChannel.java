package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * WooCommerce REST API v3 ({site}/wp-json/wc/v3, HTTP Basic with the consumer key and secret, which
 * WooCommerce accepts over HTTPS only). A shipment becomes a customer note on the order ("Shipped
 * with ..., tracking ..."), WooCommerce emails it to the buyer; the last shipment also completes the
 * order. A note already holding the tracking number means an earlier call went through: no second
 * note (the buyer would get a second email). An acknowledgement and a cancel leave private notes
 * (the cancel also sets the status cancelled); a refund goes through the order's payment gateway.
 * Each looks first for what an earlier call made: the note, the status, a refund with our id.
 *
 * <p>Settings: siteUrl (used when the link has no baseUrl). Secrets: consumerKey, consumerSecret.
 */
public final class WooCommerceChannel implements ChannelClient {

    /** Statuses the order is left in: already completed, or ended otherwise (the seller decides). */
    private static final Set<String> NOT_COMPLETED_BY_US = Set.of("completed", "cancelled", "refunded", "trash",
            "checkout-draft");
    /** Statuses a cancel must not overwrite: the goods went or the money came back already. */
    private static final Set<String> NOT_CANCELLABLE = Set.of("completed", "refunded", "trash");

    private final ChannelHttp http;

    public WooCommerceChannel(OutboundRules rules) {
        this(ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    WooCommerceChannel(Duration requestTimeout, OutboundRules rules) {
        this.http = new ChannelHttp(requestTimeout, rules);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            return new PushResult.Refused("The shipment has no tracking number to send to WooCommerce.");
        }
        return onOrder(link, externalOrderId, order -> {
            Step note = ensureNote(order, shipment.trackingNumber(), noteText(shipment), true, "the shipment note");
            if (note.stop() != null) {
                return note.stop();
            }
            if (shipment.fullyShipped()) {
                Step status = status(order);
                if (status.stop() != null) {
                    return status.stop();
                }
                if (status.value() == null || !NOT_COMPLETED_BY_US.contains(status.value())) {
                    PushResult failed = order.failure(order.send("PUT", "", Json.write(Map.of("status", "completed"))),
                            "completing the order");
                    if (failed != null) {
                        return failed;
                    }
                }
            }
            return new PushResult.Done(note.value());
        });
    }

    /** A private note naming our order: the seller sees it in WooCommerce; the buyer gets no email. */
    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        String text = "Acknowledged in orderflow as " + notice.merchantOrderId();
        return onOrder(link, externalOrderId, order -> {
            Step note = ensureNote(order, text, text, false, "the acknowledgement note");
            return note.stop() != null ? note.stop() : new PushResult.Done(note.value());
        });
    }

    /**
     * Status cancelled, then a private note with our reason. WooCommerce's cancel moves no money (the
     * seller's refund is its own sync), so a completed or refunded order is refused: cancelling it
     * would hide what happened. The status goes first so no note claims a cancel WooCommerce refused.
     */
    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        String text = "Cancelled in orderflow as " + notice.merchantOrderId() + ": " + notice.describe();
        return onOrder(link, externalOrderId, order -> {
            Step status = status(order);
            if (status.stop() != null) {
                return status.stop();
            }
            if (status.value() != null && NOT_CANCELLABLE.contains(status.value())) {
                return new PushResult.Refused("The WooCommerce order is " + status.value() + ": it cannot be cancelled"
                        + " any more (" + ("trash".equals(status.value()) ? "restore it first"
                        : "refund the buyer instead") + ").");
            }
            if (!"cancelled".equals(status.value())) {
                PushResult failed = order.failure(order.send("PUT", "", Json.write(Map.of("status", "cancelled"))),
                        "cancelling the order");
                if (failed != null) {
                    return failed;
                }
            }
            Step note = ensureNote(order, text, text, false, "the cancel note");
            return note.stop() != null ? note.stop() : new PushResult.Done(note.value());
        });
    }

    /**
     * A refund through the order's payment gateway (api_refund), our refund id in its reason so a
     * retry finds it; stock is counted here, so WooCommerce must not restock (api_restock false).
     */
    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        if (notice.amount().minor() <= 0) {
            return new PushResult.Refused("A refund to WooCommerce needs an amount above zero.");
        }
        String marker = "[" + notice.refundId() + "]";
        return onOrder(link, externalOrderId, order -> {
            ChannelHttp.Response existing = order.send("GET", "/refunds?per_page=100", null);
            PushResult failed = order.failure(existing, "reading the order's refunds");
            if (failed != null) {
                return failed;
            }
            for (Object r : list(existing.json())) {
                String reason = text(map(r).get("reason"));
                if (reason != null && reason.contains(marker)) {
                    return new PushResult.Done(text(map(r).get("id")));
                }
            }
            ChannelHttp.Response created = order.send("POST", "/refunds", Json.write(refundRequest(notice)));
            if (created.status() / 100 != 2 && "woocommerce_rest_cannot_create_order_refund".equals(
                    text(map(created.json()).get("code"))) && !tryAgain(created)) {
                // WooCommerce answers a refund its gateway turned down with HTTP 500 and this code (no
                // automatic refunds, gateway error, more than is left): no retry makes it pass.
                return new PushResult.Refused(ChannelHttp.clean("WooCommerce could not refund through the payment"
                        + " gateway: " + text(map(created.json()).get("message")) + " Nothing was refunded; pay the"
                        + " buyer by hand and record the refund in WooCommerce.", order.secrets()));
            }
            failed = order.failure(created, "creating the refund");
            if (failed != null) {
                return failed;
            }
            String id = text(map(created.json()).get("id"));
            return id != null ? new PushResult.Done(id) : new PushResult.Retry("WooCommerce answered the refund"
                    + " without its id (HTTP " + created.status() + "): it is checked for again on the next try.");
        });
    }

    static Map<String, Object> refundRequest(RefundNotice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", notice.amount().toDecimalString());
        String reason = notice.reason() == null || notice.reason().isBlank() ? "Refund" : notice.reason().strip();
        body.put("reason", reason + " [" + notice.refundId() + "]");
        body.put("api_refund", true);
        body.put("api_restock", false);
        List<Object> lines = new ArrayList<>();
        for (RefundNotice.Line line : notice.lines()) {
            // WooCommerce's line item ids are integers; a line without one is refunded as money only.
            if (line.quantity() > 0 && line.lineId() != null && line.lineId().strip().matches("\\d{1,18}")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", Long.parseLong(line.lineId().strip()));
                item.put("quantity", line.quantity());
                item.put("refund_total", line.amount().toDecimalString());
                lines.add(item);
            }
        }
        if (!lines.isEmpty()) {
            body.put("line_items", lines);
        }
        return body;
    }

    private static boolean tryAgain(ChannelHttp.Response r) {
        String message = text(map(r.json()).get("message"));
        return message != null && message.toLowerCase(Locale.ROOT).contains("try again");
    }

    /** One order's URL, the call's credentials and the secrets no answer may carry. */
    private final class Order {
        private final String url;
        private final String authorization;
        private final List<String> secrets;

        Order(String url, String authorization, List<String> secrets) {
            this.url = url;
            this.authorization = authorization;
            this.secrets = secrets;
        }

        /** path: "" for the order itself, "/notes", "/refunds?..." */
        ChannelHttp.Response send(String method, String path, String body) throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", authorization);
            headers.put("Accept", "application/json");
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            return http.send(method, URI.create(url + path), headers, body);
        }

        PushResult failure(ChannelHttp.Response r, String doing) {
            return WooCommerceChannel.failure(r, doing, secrets);
        }

        List<String> secrets() {
            return secrets;
        }
    }

    @FunctionalInterface
    private interface OrderCall {
        PushResult run(Order order) throws IOException;
    }

    /** A value found or made, or the result to stop with. */
    private record Step(String value, PushResult stop) {
    }

    /**
     * Checks the link and order id, then runs the calls on the order; a call that gets no answer is
     * retried later.
     */
    private PushResult onOrder(ChannelLink link, String externalOrderId, OrderCall call) {
        String key = link.secret("consumerKey");
        String secret = link.secret("consumerSecret");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return new PushResult.Refused("The WooCommerce link has no consumer key and secret: reconnect the store.");
        }
        String authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        List<String> secrets = List.of(key, secret, authorization.substring("Basic ".length()));
        String api = api(link);
        if (api == null) {
            return new PushResult.Refused("The WooCommerce link has neither a base URL nor a valid siteUrl setting.");
        }
        if (externalOrderId == null || !externalOrderId.strip().matches("\\d{1,19}")) {
            return new PushResult.Refused("The order has no WooCommerce order id (a number): " + externalOrderId);
        }
        try {
            return call.run(new Order(api + "/orders/" + externalOrderId.strip(), authorization, secrets));
        } catch (IOException e) {
            return new PushResult.Retry(ChannelHttp.clean("WooCommerce did not answer: " + ChannelHttp.describe(e),
                    secrets));
        }
    }

    /**
     * The id of a note already holding match (an earlier call's, or the seller's), else of the note
     * added with text.
     */
    private static Step ensureNote(Order order, String match, String text, boolean customerNote, String what)
            throws IOException {
        ChannelHttp.Response notes = order.send("GET", "/notes", null);
        PushResult failed = order.failure(notes, "reading the order's notes");
        if (failed != null) {
            return new Step(null, failed);
        }
        String noteId = noteContaining(notes.json(), match);
        if (noteId != null) {
            return new Step(noteId, null);
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("note", text);
        note.put("customer_note", customerNote);
        ChannelHttp.Response created = order.send("POST", "/notes", Json.write(note));
        failed = order.failure(created, "adding " + what);
        if (failed != null) {
            return new Step(null, failed);
        }
        noteId = text(map(created.json()).get("id"));
        return noteId != null ? new Step(noteId, null) : new Step(null, new PushResult.Retry("WooCommerce answered"
                + " the note without its id (HTTP " + created.status() + "): it is checked for again on the next try."));
    }

    /** The order's status in lower case (null when WooCommerce did not say). */
    private static Step status(Order order) throws IOException {
        ChannelHttp.Response current = order.send("GET", "?_fields=id,status", null);
        PushResult failed = order.failure(current, "reading the order's status");
        if (failed != null) {
            return new Step(null, failed);
        }
        String status = text(map(current.json()).get("status"));
        return new Step(status == null ? null : status.toLowerCase(Locale.ROOT), null);
    }

    /** {baseUrl or siteUrl}/wp-json/wc/v3, or null when neither is a URL. */
    static String api(ChannelLink link) {
        String base = link.baseUrl();
        if (base == null || base.isBlank()) {
            base = link.setting("siteUrl");
        }
        if (base == null || base.isBlank()) {
            return null;
        }
        base = base.strip().replaceAll("/+$", "");
        if (!base.endsWith("/wp-json/wc/v3")) {
            base = base + "/wp-json/wc/v3";
        }
        try {
            URI uri = URI.create(base);
            String scheme = uri.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null ? base : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String noteText(ShipmentNotice shipment) {
        String carrier = shipment.carrier() == null || shipment.carrier().isBlank() ? "the carrier"
                : shipment.carrier().strip();
        String url = shipment.trackingUrl() == null || shipment.trackingUrl().isBlank() ? ""
                : " " + shipment.trackingUrl().strip();
        return "Shipped with " + carrier + ", tracking " + shipment.trackingNumber().strip() + url;
    }

    /** The id of a note (customer or private) that already holds text (case aside), or null. */
    static String noteContaining(Object notes, String text) {
        String ours = text.strip().toUpperCase(Locale.ROOT);
        for (Object n : list(notes)) {
            Map<String, Object> note = map(n);
            String content = text(note.get("note"));
            if (content != null && content.toUpperCase(Locale.ROOT).contains(ours)) {
                return text(note.get("id"));
            }
        }
        return null;
    }

    /**
     * null for a 2xx; else Retry for 408, 429 and 5xx, Refused for the rest with WooCommerce's own
     * error ({"code": ..., "message": ..., "data": {"status": ...}}).
     */
    private static PushResult failure(ChannelHttp.Response r, String doing, List<String> secrets) {
        int status = r.status();
        if (status / 100 == 2) {
            return null;
        }
        Map<String, Object> error = map(r.json());
        String code = text(error.get("code"));
        String message = text(error.get("message"));
        String words = message == null ? ChannelHttp.snippet(r.body())
                : message + (code == null ? "" : " (" + code + ")");
        if (status == 408 || status == 429 || status >= 500) {
            String retryAfter = r.header("Retry-After");
            return new PushResult.Retry(ChannelHttp.clean("WooCommerce answered HTTP " + status + " while " + doing
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + ": " + words, secrets));
        }
        if (status / 100 == 3) {
            return new PushResult.Refused(ChannelHttp.clean("WooCommerce redirected the call (" + status + ") to "
                    + r.header("Location") + ": set the store's site URL to the address it redirects to.", secrets));
        }
        if (status == 401) {
            return new PushResult.Refused(ChannelHttp.clean("WooCommerce refused the consumer key (401) while " + doing
                    + ": check the key and secret, that the site is on HTTPS, and that the server passes the"
                    + " Authorization header on. WooCommerce said: " + words, secrets));
        }
        if (status == 403) {
            return new PushResult.Refused(ChannelHttp.clean("WooCommerce refused the call (403) while " + doing
                    + ": the consumer key needs Read/Write permissions. WooCommerce said: " + words, secrets));
        }
        return new PushResult.Refused(ChannelHttp.clean("WooCommerce refused " + doing + " (HTTP " + status + "): "
                + words, secrets));
    }
}
