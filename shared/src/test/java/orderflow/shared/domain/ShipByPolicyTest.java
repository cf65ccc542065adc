package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;

import orderflow.shared.domain.calendar.ShippingCalendar;
import org.junit.jupiter.api.Test;

class ShipByPolicyTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void counts_business_days_and_ends_at_end_of_day() {
        // Friday + 2 shipping days (Mon-Fri by default) = Tuesday.
        assertEquals(Instant.parse("2026-12-01T23:59:59.999999999Z"),
                ShipByPolicy.shipBy(Instant.parse("2026-11-27T10:00:00Z"), 2, UTC, ShippingCalendar.DEFAULT));
        // Same day when handling time is 0.
        assertEquals(Instant.parse("2026-11-27T23:59:59.999999999Z"),
                ShipByPolicy.shipBy(Instant.parse("2026-11-27T10:00:00Z"), 0, UTC, ShippingCalendar.DEFAULT));
    }

    @Test
    void weekend_orders_start_counting_on_monday() {
        assertEquals(Instant.parse("2026-11-30T23:59:59.999999999Z"),
                ShipByPolicy.shipBy(Instant.parse("2026-11-28T10:00:00Z"), 0, UTC, ShippingCalendar.DEFAULT));
        assertEquals(Instant.parse("2026-12-01T23:59:59.999999999Z"),
                ShipByPolicy.shipBy(Instant.parse("2026-11-29T10:00:00Z"), 1, UTC, ShippingCalendar.DEFAULT));
    }

    @Test
    void uses_the_sellers_time_zone() {
        // 03:00 UTC Saturday is still Friday evening in New York: Friday + 1 = Monday, NY end of day.
        Instant shipBy = ShipByPolicy.shipBy(Instant.parse("2026-11-28T03:00:00Z"), 1, ZoneId.of("America/New_York"),
                ShippingCalendar.DEFAULT);
        assertEquals(Instant.parse("2026-12-01T04:59:59.999999999Z"), shipBy);
    }

    private static Order order(String payment, java.time.Instant placed) {
        java.util.Map<String, Object> json = GenericOrderPayloadTestData.valid();
        json.put("paymentStatus", payment);
        json.put("createdAt", placed.toString());
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", placed.plusSeconds(60));
    }

    @Test
    void an_order_that_arrived_paid_counts_from_its_purchase() {
        Instant placed = Instant.parse("2026-11-02T09:00:00Z");
        Instant now = placed.plus(java.time.Duration.ofDays(3));
        assertEquals(placed, ShipByPolicy.handlingStart(order("PAID", placed), now));
    }

    @Test
    void an_order_paid_later_released_or_backordered_counts_from_when_it_could_ship() {
        Instant placed = Instant.parse("2026-11-02T09:00:00Z");
        Instant now = placed.plus(java.time.Duration.ofDays(3));
        Order paidLater = order("PENDING", placed).withStatus(OrderStatus.READY, null);
        assertEquals(now, ShipByPolicy.handlingStart(paidLater, now));
        Order backordered = order("PAID", placed).withStatus(OrderStatus.BACKORDERED, "short");
        assertEquals(now, ShipByPolicy.handlingStart(backordered, now));
    }
}
