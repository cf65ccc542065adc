package orderflow.shared.domain.storefront;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;

/**
 * Refunds made on WooCommerce, read from the order body of order.updated: WooCommerce sends no
 * refund topic, and the REST order lists every refund it has as refunds[{id, reason, total}], total a
 * negative decimal string ("-5.00") in the order's currency (the legacy v1/v2 format names the reason
 * "refund"). A full refund also sets the status refunded; a partial one leaves it. Every delivery
 * lists them all again: those recorded here already (by id) or ours (by the marker in the reason)
 * record nothing further down. An entry we cannot read (no id, no amount) is left out.
 */
final class WooCommercePlatformRefunds {

    static final String PLATFORM = "woocommerce";

    private WooCommercePlatformRefunds() {
    }

    /**
     * The event the order's status gave, with the order's refunds: unchanged when it lists none, the
     * refunds alone when the status meant nothing to act on (refunded, or a status not handled).
     */
    static StorefrontEvent withRefunds(Map<String, Object> order, StorefrontEvent event) {
        StorefrontEvent.Refunded refunded = read(order);
        if (refunded == null) {
            return event;
        }
        return event instanceof StorefrontEvent.Ignored ? refunded : new StorefrontEvent.WithRefunds(event, refunded);
    }

    /** The order's readable refunds; null when there are none (or no order id to put them on). */
    static StorefrontEvent.Refunded read(Map<String, Object> order) {
        String orderId = PayloadReader.idText(order.get("id"));
        if (orderId == null || !(order.get("refunds") instanceof List<?> listed) || listed.isEmpty()) {
            return null;
        }
        Object currency = order.get("currency");
        List<PlatformRefund> refunds = new ArrayList<>();
        for (Object entry : listed) {
            if (!(entry instanceof Map<?, ?> r)) {
                continue;
            }
            String id = PayloadReader.idText(r.get("id"));
            // The total is what the refund took off the order: negative, so its amount is the digits after "-".
            Money amount = r.get("total") instanceof String t && t.strip().startsWith("-")
                    ? PayloadReader.exactAmount(t.strip().substring(1), currency) : null;
            if (id == null || amount == null || amount.minor() == 0) {
                continue; // nothing paid back that we can tell apart
            }
            Object reason = r.get("reason") != null ? r.get("reason") : r.get("refund");
            refunds.add(new PlatformRefund(PLATFORM, id, amount, reason instanceof String s ? s : null, null));
        }
        return refunds.isEmpty() ? null : new StorefrontEvent.Refunded(orderId, refunds);
    }
}
