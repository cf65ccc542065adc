package orderflow.shared.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order as stored. Immutable: every change returns the next version (optimistic locking),
 * decided by {@link OrderLifecycle} against the transitions in {@link OrderStatus}.
 */
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
        Instant confirmationQueuedAt,
        long version,
        Fulfillment fulfillment,
        Money refunded,
        Intake intake) {

    public Order {
        lines = List.copyOf(lines);
        if (intake == null) {
            intake = Intake.NONE;
        }
        if (fulfillment == null) {
            fulfillment = Fulfillment.NONE;
        }
        if (refunded == null) {
            refunded = Money.zero(currency);
        }
    }

    /** An order with no intake details (tests, orders made before they were kept). */
    public Order(String orderId, String sellerId, String storefrontId, String externalOrderId, OrderStatus status,
                 String statusReason, Instant createdAt, Instant receivedAt, String currency, Buyer buyer,
                 Address shipTo, List<OrderLine> lines, Totals totals, Instant shipBy, Instant confirmationQueuedAt,
                 long version, Fulfillment fulfillment, Money refunded) {
        this(orderId, sellerId, storefrontId, externalOrderId, status, statusReason, createdAt, receivedAt, currency,
                buyer, shipTo, lines, totals, shipBy, confirmationQueuedAt, version, fulfillment, refunded, null);
    }

    /** The number the seller and buyer know the order by: the platform's own (#1001), else its external id. */
    public String displayNumber() {
        return intake.displayNumber() != null ? intake.displayNumber() : externalOrderId;
    }

    /** The order total minus everything refunded so far: the cap on further refunds. */
    public Money refundable() {
        return new Money(Math.max(0, totals.total().minor() - refunded.minor()), currency);
    }

    /** Quantity per SKU, lines for the same SKU added up (one stock item, one transaction action). */
    public Map<String, Integer> quantitiesBySku() {
        Map<String, Integer> bySku = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            bySku.merge(line.sku(), line.quantity(), Integer::sum);
        }
        return bySku;
    }

    /** Units per SKU not yet in a shipment. */
    public Map<String, Integer> unshippedBySku() {
        Map<String, Integer> left = quantitiesBySku();
        fulfillment.shippedBySku().forEach((sku, q) -> left.merge(sku, -q, Integer::sum));
        left.values().removeIf(q -> q <= 0);
        return left;
    }

    /** The next version with another status; the transition must be allowed. */
    public Order withStatus(OrderStatus next, String reason) {
        status.requireCanBecome(next);
        return next(next, reason, shipBy, fulfillment);
    }

    /** Stock reserved: UNSHIPPED with its ship-by and promised delivery dates. */
    public Order confirmed(Instant shipBy, Instant deliverBy) {
        status.requireCanBecome(OrderStatus.UNSHIPPED);
        return next(OrderStatus.UNSHIPPED, null, shipBy, fulfillment.withDeliverBy(deliverBy));
    }

    /** The next version with the same status and new fulfillment details. */
    public Order withFulfillment(Fulfillment next) {
        return next(status, statusReason, shipBy, next);
    }

    public Order next(OrderStatus nextStatus, String reason, Instant nextShipBy, Fulfillment nextFulfillment) {
        return new Order(orderId, sellerId, storefrontId, externalOrderId, nextStatus, reason, createdAt, receivedAt,
                currency, buyer, shipTo, lines, totals, nextShipBy, confirmationQueuedAt, version + 1, nextFulfillment,
                refunded, intake);
    }

    /** The next version with {@code amount} more refunded and the status that follows from it. */
    public Order withRefund(Money amount, OrderStatus nextStatus, String reason) {
        if (!amount.currency().equals(currency) || amount.minor() < 0) {
            throw new IllegalArgumentException("a refund is a non-negative amount in " + currency);
        }
        return new Order(orderId, sellerId, storefrontId, externalOrderId, nextStatus, reason, createdAt, receivedAt,
                currency, buyer, shipTo, lines, totals, shipBy, confirmationQueuedAt, version + 1, fulfillment,
                refunded.plus(amount), intake);
    }

    /**
     * The next version with the content of a newer delivery of the same order (its status, reason,
     * buyer, address, lines, totals and intake): a fix made on the platform reaches a held order.
     */
    public Order refreshedFrom(Order delivered) {
        if (delivered.status != status) {
            status.requireCanBecome(delivered.status);
        }
        return new Order(orderId, sellerId, storefrontId, externalOrderId, delivered.status, delivered.statusReason,
                createdAt, receivedAt, delivered.currency, delivered.buyer, delivered.shipTo, delivered.lines,
                delivered.totals, shipBy, confirmationQueuedAt, version + 1, fulfillment,
                Money.zero(delivered.currency), delivered.intake);
    }

    /** The next version of a held order, released into {@code next} with its lines mapped and its holds answered. */
    public Order released(OrderStatus next, List<OrderLine> nextLines, Intake nextIntake) {
        status.requireCanBecome(next);
        return new Order(orderId, sellerId, storefrontId, externalOrderId, next, null, createdAt, receivedAt, currency,
                buyer, shipTo, nextLines, totals, shipBy, confirmationQueuedAt, version + 1, fulfillment, refunded,
                nextIntake);
    }

    public Order withConfirmationQueuedAt(Instant at) {
        return new Order(orderId, sellerId, storefrontId, externalOrderId, status, statusReason, createdAt, receivedAt,
                currency, buyer, shipTo, lines, totals, shipBy, at, version, fulfillment, refunded, intake);
    }
}
