package orderflow.shared.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderStatus;
import org.junit.jupiter.api.Test;

class ShippingSpendTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static OrderFacts order(String id, int daysAgo, Money... labels) {
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        List<ShipmentFacts> shipments = new java.util.ArrayList<>();
        for (Money m : labels) {
            shipments.add(new ShipmentFacts("shp_" + (shipments.size() + 1), at, true, null, null, m));
        }
        return new OrderFacts(id, at, OrderStatus.SHIPPED, null, null, at, false, null, shipments);
    }

    @Test
    void spend_per_order_counts_orders_with_a_label_in_the_last_30_days_per_currency() {
        List<ShippingSpend> spend = ShippingSpend.of(List.of(
                order("o1", 1, new Money(745, "USD"), new Money(500, "USD")),
                order("o2", 5, new Money(800, "USD")),
                order("o3", 2), // typed-in tracking: no label cost
                order("o4", 40, new Money(9_999, "USD")), // outside the window
                order("o5", 3, new Money(650, "EUR"))), NOW);
        assertEquals(List.of(new ShippingSpend("EUR", new Money(650, "EUR"), 1, new Money(650, "EUR"), 30),
                new ShippingSpend("USD", new Money(2045, "USD"), 2, new Money(1023, "USD"), 30)), spend);
    }
}
