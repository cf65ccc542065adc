package orderflow.shared.outbound.channels;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;

/**
 * WooCommerce REST API v3 ({site}/wp-json/wc/v3, HTTP Basic with the consumer key and secret, which
 * WooCommerce accepts over HTTPS only). A shipment becomes a customer note on the order ("Shipped
 * with ..., tracking ..."), WooCommerce emails it to the buyer; the last shipment also completes the
 * order. A note already holding the tracking number means an earlier call went through: no second
 * note (the buyer would get a second email).
 *
 * <p>Settings: siteUrl (used when the link has no baseUrl). Secrets: consumerKey, consumerSecret.
 */
public final class WooCommerceChannel implements ChannelClient {

    /** Statuses the order is left in: already completed, or ended otherwise (the seller decides). */
    private static final Set<String> NOT_COMPLETED_BY_US = Set.of("completed", "cancelled", "refunded", "trash",
            "checkout-draft");

    private final ChannelHttp http;

    public WooCommerceChannel() {
        this(ChannelHttp.REQUEST_TIMEOUT);
    }

    WooCommerceChannel(Duration requestTimeout) {
        this.http = new ChannelHttp(requestTimeout);
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
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
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            return new PushResult.Refused("The shipment has no tracking number to send to WooCommerce.");
        }
        String order = api + "/orders/" + externalOrderId.strip();
        try {
            ChannelHttp.Response notes = send("GET", order + "/notes", authorization, null);
            PushResult failed = failure(notes, "reading the order's notes", secrets);
            if (failed != null) {
                return failed;
            }
            String noteId = noteWithTracking(notes.json(), shipment.trackingNumber());
            if (noteId == null) {
                Map<String, Object> note = new LinkedHashMap<>();
                note.put("note", noteText(shipment));
                note.put("customer_note", true);
                ChannelHttp.Response created = send("POST", order + "/notes", authorization, Json.write(note));
                failed = failure(created, "adding the shipment note", secrets);
                if (failed != null) {
                    return failed;
                }
                noteId = text(map(created.json()).get("id"));
                if (noteId == null) {
                    return new PushResult.Retry("WooCommerce answered the note without its id (HTTP " + created.status()
                            + "): it is checked for again on the next try.");
                }
            }
            if (shipment.fullyShipped()) {
                ChannelHttp.Response current = send("GET", order + "?_fields=id,status", authorization, null);
                failed = failure(current, "reading the order's status", secrets);
                if (failed != null) {
                    return failed;
                }
                String status = text(map(current.json()).get("status"));
                if (status == null || !NOT_COMPLETED_BY_US.contains(status.toLowerCase(Locale.ROOT))) {
                    ChannelHttp.Response completed = send("PUT", order, authorization,
                            Json.write(Map.of("status", "completed")));
                    failed = failure(completed, "completing the order", secrets);
                    if (failed != null) {
                        return failed;
                    }
                }
            }
            return new PushResult.Done(noteId);
        } catch (IOException e) {
            return new PushResult.Retry(ChannelHttp.clean("WooCommerce did not answer: " + ChannelHttp.describe(e),
                    secrets));
        }
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

    /** The id of a note (customer or private) that already names the tracking number, or null. */
    static String noteWithTracking(Object notes, String trackingNumber) {
        String ours = trackingNumber.strip().toUpperCase(Locale.ROOT);
        for (Object n : list(notes)) {
            Map<String, Object> note = map(n);
            String content = text(note.get("note"));
            if (content != null && content.toUpperCase(Locale.ROOT).contains(ours)) {
                return text(note.get("id"));
            }
        }
        return null;
    }

    private ChannelHttp.Response send(String method, String url, String authorization, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return http.send(method, URI.create(url), headers, body);
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
