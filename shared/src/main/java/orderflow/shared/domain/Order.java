package orderflow.shared.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An order as stored. Immutable; transitions return a copy and are checked by {@link OrderStatus}. */
public record Order(
        String orderId,
        String sellerId,
        String storefrontId,
        String externalOrderId,
        OrderStatus status,
        String statusReason,
        Instant createdAt,
        Instant receivedAt,
        String currency,
        Buyer buyer,
        Address shipTo,
        List<OrderLine> lines,
        Totals totals,
        Instant shipBy,
        Instant confirmationQueuedAt) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** Quantity per SKU, lines for the same SKU added up (one stock item, one transaction action). */
    public Map<String, Integer> quantitiesBySku() {
        Map<String, Integer> bySku = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            bySku.merge(line.sku(), line.quantity(), Integer::sum);
        }
        return bySku;
    }

    public Order withStatus(OrderStatus next, String reason) {
        status.requireCanBecome(next);
        return new Order(orderId, sellerId, storefrontId, externalOrderId, next, reason, createdAt,
                receivedAt, currency, buyer, shipTo, lines, totals, shipBy, confirmationQueuedAt);
    }

    public Order confirmed(Instant shipBy) {
        status.requireCanBecome(OrderStatus.UNSHIPPED);
        return new Order(orderId, sellerId, storefrontId, externalOrderId, OrderStatus.UNSHIPPED, null,
                createdAt, receivedAt, currency, buyer, shipTo, lines, totals, shipBy, confirmationQueuedAt);
    }
}
