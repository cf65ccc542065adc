package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Money;

/**
 * Refunds made on Shopify, read from the refunds/create body, a REST Refund: id, order_id, created_at,
 * note, refund_line_items (line_item_id, quantity, restock_type, subtotal, line_item), transactions
 * (id, kind, status, amount as a decimal string, currency) and order_adjustments. What went back to
 * the buyer is the transactions of kind "refund" with status "success": the line items and
 * adjustments say what it was for, not what was paid (a refund may pay less than its lines, or only
 * restock them). Restocked units are not moved here: stock is counted here, and goods come back
 * through our returns.
 */
final class ShopifyPlatformRefunds {

    static final String PLATFORM = "shopify";

    private ShopifyPlatformRefunds() {
    }

    static StorefrontEvent created(Map<String, Object> refund) {
        String orderId = PayloadReader.idText(refund.get("order_id"));
        if (orderId == null) {
            return new StorefrontEvent.Ignored("shopify: a refund without a usable order_id: no order to refund");
        }
        String refundId = PayloadReader.idText(refund.get("id"));
        if (refundId == null) {
            return new StorefrontEvent.Ignored("shopify: a refund of order " + orderId + " without a usable id: "
                    + "record it with the seller API");
        }
        String name = "shopify: refund " + refundId + " of order " + orderId;
        Money paid = null;
        int pending = 0;
        if (refund.get("transactions") instanceof Iterable<?> transactions) {
            for (Object t : transactions) {
                if (!(t instanceof Map<?, ?> tx) || !"refund".equals(lower(tx.get("kind")))) {
                    continue;
                }
                String status = lower(tx.get("status"));
                if ("pending".equals(status)) {
                    pending++;
                }
                if (!"success".equals(status)) {
                    continue; // failure, error, pending: no money went back (yet)
                }
                Money amount = PayloadReader.exactAmount(tx.get("amount"), tx.get("currency"));
                if (amount == null) {
                    return new StorefrontEvent.Ignored(name + " has a transaction without a usable amount and "
                            + "currency: record it with the seller API");
                }
                if (paid != null && !paid.currency().equals(amount.currency())) {
                    return new StorefrontEvent.Ignored(name + " pays back in several currencies: record it with "
                            + "the seller API");
                }
                paid = paid == null ? amount : paid.plus(amount);
            }
        }
        if (paid == null || paid.minor() == 0) {
            return new StorefrontEvent.Ignored(name + (pending > 0
                    ? " is pending at the payment provider: record it with the seller API once it succeeds"
                    : " paid nothing back (a restock only): nothing to record"));
        }
        String createdAt = loose(refund, "created_at");
        Instant at = createdAt == null ? null : PayloadReader.parseInstant(createdAt, false);
        return new StorefrontEvent.Refunded(orderId, List.of(
                new PlatformRefund(PLATFORM, refundId, paid, noteOf(refund), at)));
    }

    private static String noteOf(Map<String, Object> refund) {
        return refund.get("note") instanceof String s ? s : null;
    }

    private static String lower(Object o) {
        return o instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
    }
}
