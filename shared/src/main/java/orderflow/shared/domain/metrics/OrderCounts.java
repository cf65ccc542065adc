package orderflow.shared.domain.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Which orders and packages each order metric counts, by which date, and which of them count
 * against the seller. One place for the rules, shared by the windowed metrics and the daily series.
 */
final class OrderCounts {

    private OrderCounts() {
    }

    /**
     * Orders whose ship-by date is in the window, canceled ones left out (they count for the
     * cancel rate); late when shipped after ship-by, or when ship-by has passed with units left.
     */
    static Rate lateShipment(List<OrderFacts> orders, Window window, Instant now) {
        long late = 0;
        long due = 0;
        for (OrderFacts o : orders) {
            if (o.cancel() == null && window.contains(o.shipBy())) {
                due++;
                late += late(o, now) ? 1 : 0;
            }
        }
        return new Rate(late, due);
    }

    /**
     * Late: a package's ship date is after ship-by (the stored flag), or the shipment was confirmed
     * after it (Amazon goes by the confirmation), or ship-by has passed and units still wait (they
     * can only be confirmed late now).
     */
    static boolean late(OrderFacts o, Instant now) {
        Instant confirmed = o.shipConfirmedAt();
        return o.shippedLate() || (confirmed == null ? now.isAfter(o.shipBy()) : confirmed.isAfter(o.shipBy()));
    }

    /** Paid orders placed in the window (by order date); canceled ones that count against the seller. */
    static Rate cancel(List<OrderFacts> orders, Window window) {
        long canceled = 0;
        long placed = 0;
        for (OrderFacts o : orders) {
            if (o.paid() && window.contains(o.createdAt())) {
                placed++;
                canceled += o.cancel() == OrderFacts.Cancel.SELLER ? 1 : 0;
            }
        }
        return new Rate(canceled, placed);
    }

    /** Packages whose promised delivery date is in the window; those with valid tracking. */
    static Rate validTracking(List<OrderFacts> orders, Window window) {
        long valid = 0;
        long packages = 0;
        for (OrderFacts o : orders) {
            for (ShipmentFacts s : o.shipments()) {
                if (window.contains(promised(o, s))) {
                    packages++;
                    valid += s.trackingValid() ? 1 : 0;
                }
            }
        }
        return new Rate(valid, packages);
    }

    /**
     * Delivered packages with valid tracking (Amazon times only tracked ones) whose promised
     * delivery date is in the window; those delivered by it. A package with no delivery recorded
     * is not counted: deliveries here are reported by the seller, not scanned by the carrier.
     */
    static Rate onTimeDelivery(List<OrderFacts> orders, Window window) {
        long onTime = 0;
        long delivered = 0;
        for (OrderFacts o : orders) {
            for (ShipmentFacts s : o.shipments()) {
                if (s.trackingValid() && s.deliveredAt() != null && window.contains(promised(o, s))) {
                    delivered++;
                    onTime += Boolean.TRUE.equals(s.deliveredOnTime()) ? 1 : 0;
                }
            }
        }
        return new Rate(onTime, delivered);
    }

    /** Amazon counts packages by their promised delivery date; an order stored without one, by the ship date. */
    private static Instant promised(OrderFacts o, ShipmentFacts s) {
        return o.deliverBy() != null ? o.deliverBy() : s.shipDate();
    }
}
