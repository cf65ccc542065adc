package orderflow.shared.service;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.RefundWebhook;
import orderflow.shared.ports.Refunds;
import orderflow.shared.security.WebhookSignature;

/**
 * Tells the storefront about a refund so its payment provider can pay it: a JSON POST to the
 * storefront's refund URL, signed like our inbound webhooks (X-Orderflow-Signature, one v1 per
 * active secret) with the refund id as Idempotency-Key. A 2xx is the acknowledgement; anything
 * else is retried with exponential backoff (the queue message comes back later) until it is.
 */
public final class RefundDeliveryService {

    public static final String EVENT = "refund.issued";
    /** Longest wait between attempts; SQS allows up to 12 h of visibility. */
    static final Duration MAX_DELAY = Duration.ofHours(6);

    private final Refunds refunds;
    private final Orders orders;
    private final Accounts accounts;
    private final RefundWebhook webhook;
    private final Duration baseDelay;
    private final Clock clock;

    public RefundDeliveryService(Refunds refunds, Orders orders, Accounts accounts, RefundWebhook webhook,
                                 Duration baseDelay, Clock clock) {
        this.refunds = refunds;
        this.orders = orders;
        this.accounts = accounts;
        this.webhook = webhook;
        this.baseDelay = baseDelay;
        this.clock = clock;
    }

    public sealed interface Outcome {
    }

    /** The storefront answered 2xx (now or before). */
    public record Acknowledged() implements Outcome {
    }

    /** Nothing to send: no such refund, or the storefront has no refund URL (recorded as NO_ENDPOINT). */
    public record NothingToSend(String why) implements Outcome {
    }

    /** Not acknowledged: try again after {@code delay}. */
    public record Retry(Duration delay, String error) implements Outcome {
    }

    /** @param attempt the delivery attempt, from 1 (the queue's receive count) */
    public Outcome deliver(String orderId, String refundId, int attempt) {
        Optional<Refund> found = refunds.get(orderId, refundId);
        if (found.isEmpty()) {
            return new NothingToSend("no refund " + refundId + " on order " + orderId);
        }
        Refund refund = found.get();
        if (refund.delivery().status() == RefundDelivery.Status.ACKNOWLEDGED) {
            return new Acknowledged(); // a duplicate message: the storefront has it
        }
        if (refund.delivery().status() == RefundDelivery.Status.CHANNEL) {
            return new NothingToSend("refund " + refundId + " goes to the platform as a channel sync");
        }
        if (refund.delivery().status() == RefundDelivery.Status.PLATFORM) {
            // Paid on the platform by the seller: posting it would ask the storefront to pay it again.
            return new NothingToSend("refund " + refundId + " was paid on the platform itself");
        }
        if (refund.delivery().status() == RefundDelivery.Status.NO_ENDPOINT) {
            // The seller was told to pay it on the platform: a URL set since must not pay it again.
            return new NothingToSend("refund " + refundId + " is left to the seller (no refund URL when issued)");
        }
        Instant now = clock.instant();
        Storefront storefront = accounts.storefront(refund.storefrontId()).orElse(null);
        if (storefront == null || storefront.refundUrl() == null || storefront.secrets().isEmpty()) {
            refunds.recordDelivery(refund.withDelivery(refund.delivery().noEndpoint(now)));
            return new NothingToSend("storefront " + refund.storefrontId() + " has no refund URL: pay it on the"
                    + " platform");
        }
        Order order = orders.get(orderId).orElseThrow(() -> new IllegalStateException("refund of unknown order"));
        byte[] body = Json.write(notice(refund, order)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Orderflow-Event", EVENT);
        headers.put("Idempotency-Key", refund.refundId());
        headers.put("X-Orderflow-Signature", signature(storefront, now, body));
        String error;
        try {
            int status = webhook.post(storefront.refundUrl(), body, headers);
            if (status >= 200 && status < 300) {
                refunds.recordDelivery(refund.withDelivery(refund.delivery().acknowledged(now)));
                return new Acknowledged();
            }
            error = "HTTP " + status;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        refunds.recordDelivery(refund.withDelivery(refund.delivery().failed(now, error)));
        return new Retry(backoff(attempt), error);
    }

    /** base x 2^(attempt-1), at most {@link #MAX_DELAY}. */
    Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 20));
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** The documented body (docs/webhooks.md#refunds). */
    static Map<String, Object> notice(Refund refund, Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", EVENT);
        json.put("refundId", refund.refundId());
        json.put("orderId", order.orderId());
        json.put("storefrontId", order.storefrontId());
        json.put("externalOrderId", order.externalOrderId());
        json.put("amount", Map.of("amount", refund.amount().toDecimalString(), "currency", refund.amount().currency()));
        json.put("kind", refund.goodwill() ? "goodwill" : "return");
        json.put("reason", refund.reason());
        json.put("rmaId", refund.rmaId());
        json.put("createdAt", refund.createdAt().toString());
        return json;
    }

    /** One v1 per active secret, so the storefront verifies with whichever it has during a rotation. */
    private static String signature(Storefront storefront, Instant now, byte[] body) {
        StringBuilder header = new StringBuilder("t=").append(now.getEpochSecond());
        for (String secret : storefront.secrets().stream().sorted().toList()) {
            String one = WebhookSignature.sign(secret, now.getEpochSecond(), body);
            header.append(one.substring(one.indexOf(",v1=")));
        }
        return header.toString();
    }
}
