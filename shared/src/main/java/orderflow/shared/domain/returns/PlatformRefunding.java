package orderflow.shared.domain.returns;

import java.time.Instant;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.storefront.PlatformRefund;

/**
 * Decides what a refund the seller made on the platform writes: the order change ({@link
 * OrderLifecycle#refundOnPlatform}) and a refund record whose id is derived from the platform's refund
 * id, so a redelivery can never record it twice. The record's request id names the platform refund
 * ("shopify refund 123") and its delivery is {@link RefundDelivery#PLATFORM}: the money went back on the
 * platform, so nothing is ever sent for it (no channel sync, no refund URL). Pure, like {@link Refunding}.
 */
public final class PlatformRefunding {

    private PlatformRefunding() {
    }

    public static String refundId(Order order, PlatformRefund refund) {
        return RefundIds.onPlatform(order.orderId(), refund.platform(), refund.refundId());
    }

    /** Null when nothing is recorded (ours coming back, nothing left to refund); see OrderLifecycle. */
    public static RefundChange record(Order order, PlatformRefund refund, Actor actor, Instant now) {
        OrderChange change = OrderLifecycle.refundOnPlatform(order, refund, actor, now);
        if (change == null) {
            return null;
        }
        // What the order change took, capped at what was left to refund.
        Money paid = new Money(change.after().refunded().minor() - order.refunded().minor(), order.currency());
        String note = refund.note() == null ? "" : ": " + (refund.note().length() > 300
                ? refund.note().substring(0, 300) + "..." : refund.note());
        String reason = "refunded on " + refund.platform() + note;
        Refund record = new Refund(refundId(order, refund), order.orderId(), order.sellerId(), order.storefrontId(),
                null, refund.platform() + " refund " + refund.refundId(), paid, reason,
                refund.createdAt() == null ? now : refund.createdAt(), null, RefundDelivery.PLATFORM);
        return new RefundChange(change, null, record);
    }
}
