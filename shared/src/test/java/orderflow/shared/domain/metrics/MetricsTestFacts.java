package orderflow.shared.domain.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import orderflow.shared.domain.OrderStatus;

/** Facts for the metrics tests, written out by hand; every time is relative to {@link #NOW}. */
final class MetricsTestFacts {

    /** A Tuesday, noon UTC: the injected clock of every test. */
    static final Instant NOW = Instant.parse("2026-12-15T12:00:00Z");

    private MetricsTestFacts() {
    }

    static Instant hoursAgo(double hours) {
        return NOW.minus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    static Instant daysAgo(double days) {
        return hoursAgo(days * 24);
    }

    /**
     * Shipped in full in one package with valid tracking, confirmed at {@code confirmedAt} (also its
     * ship date); placed 3 days before ship-by, promised for 4 days after it, not delivered yet.
     */
    static OrderFacts shipped(String id, Instant shipBy, Instant confirmedAt) {
        ShipmentFacts pkg = new ShipmentFacts("shp_1", confirmedAt, true, null, null);
        return new OrderFacts(id, shipBy.minus(Duration.ofDays(3)), OrderStatus.SHIPPED, shipBy,
                shipBy.plus(Duration.ofDays(4)), confirmedAt, confirmedAt.isAfter(shipBy), null, List.of(pkg));
    }

    /** Stock reserved, nothing shipped; placed 3 days before ship-by. */
    static OrderFacts unshipped(String id, Instant shipBy) {
        return new OrderFacts(id, shipBy.minus(Duration.ofDays(3)), OrderStatus.UNSHIPPED, shipBy,
                shipBy.plus(Duration.ofDays(4)), null, false, null, List.of());
    }

    /** Placed at {@code createdAt}, not due yet (ship-by 3 days later), nothing shipped. */
    static OrderFacts placed(String id, Instant createdAt) {
        return unshipped(id, createdAt.plus(Duration.ofDays(3)));
    }

    static OrderFacts canceled(String id, Instant createdAt, OrderFacts.Cancel who) {
        return new OrderFacts(id, createdAt, OrderStatus.CANCELED, null, null, null, false, who, List.of());
    }

    /** Payment not verified yet. */
    static OrderFacts pending(String id, Instant createdAt) {
        return new OrderFacts(id, createdAt, OrderStatus.PENDING, null, null, null, false, null, List.of());
    }

    /** Shipped in full, promised for {@code deliverBy}, in these packages (each shipped 4 days before). */
    static OrderFacts withPackages(String id, Instant deliverBy, Pkg... packages) {
        Instant shipBy = deliverBy.minus(Duration.ofDays(4));
        List<ShipmentFacts> shipments = new ArrayList<>();
        for (Pkg p : packages) {
            shipments.add(new ShipmentFacts("shp_" + (shipments.size() + 1), shipBy, p.validTracking(),
                    p.deliveredAt(), p.deliveredAt() == null ? null : !p.deliveredAt().isAfter(deliverBy)));
        }
        return new OrderFacts(id, shipBy.minus(Duration.ofDays(3)), OrderStatus.SHIPPED, shipBy, deliverBy,
                shipBy, false, null, shipments);
    }

    /** A package: its tracking validity and when it was delivered (null: no delivery recorded). */
    record Pkg(boolean validTracking, Instant deliveredAt) {
    }

    static Pkg pkg(boolean validTracking) {
        return new Pkg(validTracking, null);
    }

    static Pkg delivered(boolean validTracking, Instant at) {
        return new Pkg(validTracking, at);
    }

    static MessageFacts answered(Instant received, double hoursLater) {
        return new MessageFacts("ord_m", received, received.plus(Duration.ofMinutes(Math.round(hoursLater * 60))));
    }

    static MessageFacts unanswered(Instant received) {
        return new MessageFacts("ord_m", received, null);
    }

    static Metric metric(List<OrderFacts> orders, List<MessageFacts> messages, String name) {
        return SellerMetrics.compute(orders, messages, NOW).stream()
                .filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    static Metric metric(List<OrderFacts> orders, String name) {
        return metric(orders, List.of(), name);
    }
}
