package orderflow.shared.domain.metrics;

import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Cancellation;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Shipment;

/**
 * What the metrics need of one order, nothing more:
 * <ul>
 * <li>createdAt: the order date (counts the order for the cancel rate);</li>
 * <li>shipBy, deliverBy: the ship-by and promised delivery dates (null until stock is reserved);</li>
 * <li>shipConfirmedAt: when the last package was confirmed (recorded) once nothing is left to ship,
 *     null while units wait; Amazon judges a late shipment by the confirmation, not the date typed in;</li>
 * <li>shippedLate: some package's ship date is after shipBy (the stored {@code late} flag);</li>
 * <li>cancel: who the cancel counts against, null when not canceled.</li>
 * </ul>
 */
public record OrderFacts(String orderId, Instant createdAt, OrderStatus status, Instant shipBy, Instant deliverBy,
                         Instant shipConfirmedAt, boolean shippedLate, Cancel cancel, List<ShipmentFacts> shipments) {

    /**
     * SELLER: counts against the seller (the seller's, the storefront's or Amazon's own cancel of a
     * paid order); BUYER_REQUESTED and BEFORE_PAYMENT (canceled while PENDING) do not.
     */
    public enum Cancel { SELLER, BUYER_REQUESTED, BEFORE_PAYMENT }

    public OrderFacts {
        shipments = List.copyOf(shipments);
        if ((status == OrderStatus.CANCELED) != (cancel != null)) {
            throw new IllegalArgumentException("cancel is given exactly when the order is CANCELED");
        }
    }

    /**
     * The facts of an order; its cancellation records the status it was canceled from (for cancels
     * recorded before that was kept, pass {@link #canceledFrom} of its history to
     * {@link #from(Order, OrderStatus)}; unknown is taken as after payment).
     */
    public static OrderFacts from(Order order) {
        Cancellation c = order.fulfillment().cancellation();
        return from(order, c == null ? null : c.canceledFrom());
    }

    /** canceledFrom: the status before the cancel (null: unknown, taken as after payment). */
    public static OrderFacts from(Order order, OrderStatus canceledFrom) {
        List<Shipment> shipments = order.fulfillment().shipments();
        boolean shippedInFull = !shipments.isEmpty() && order.unshippedBySku().isEmpty(); // refunds included
        Instant confirmed = shippedInFull ? shipments.stream().map(Shipment::recordedAt)
                .max(Instant::compareTo).orElse(null) : null;
        return new OrderFacts(order.orderId(), order.createdAt(), order.status(), order.shipBy(),
                order.fulfillment().deliverBy(), confirmed, order.fulfillment().anyLate(),
                cancel(order, canceledFrom), shipments.stream().map(ShipmentFacts::from).toList());
    }

    /** The status an order was canceled from, from its history (oldest first); null when not canceled. */
    public static OrderStatus canceledFrom(List<HistoryEntry> history) {
        for (HistoryEntry e : history) {
            if (e.to() == OrderStatus.CANCELED) {
                return e.from(); // CANCELED is final: there is one such entry
            }
        }
        return null;
    }

    private static Cancel cancel(Order order, OrderStatus canceledFrom) {
        if (order.status() != OrderStatus.CANCELED) {
            return null;
        }
        if (canceledFrom == OrderStatus.PENDING) {
            return Cancel.BEFORE_PAYMENT; // whoever asked: never an order the seller could fulfil
        }
        Cancellation c = order.fulfillment().cancellation();
        // As Cancellation.countsAgainstSeller; with no record of who asked, the seller answers for it.
        return c != null && c.buyerRequested() ? Cancel.BUYER_REQUESTED : Cancel.SELLER;
    }

    /** Paid, so an order the seller was asked to fulfil: the cancel rate's denominator. */
    boolean paid() {
        return status != OrderStatus.PENDING && cancel != Cancel.BEFORE_PAYMENT;
    }
}
