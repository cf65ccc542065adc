package orderflow.shared.domain.metrics;

import static orderflow.shared.domain.metrics.MetricsTestFacts.NOW;
import static orderflow.shared.domain.metrics.MetricsTestFacts.canceled;
import static orderflow.shared.domain.metrics.MetricsTestFacts.daysAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.hoursAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.metric;
import static orderflow.shared.domain.metrics.MetricsTestFacts.shipped;
import static orderflow.shared.domain.metrics.MetricsTestFacts.unshipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.metrics.Metric.Status;

class MetricsLateShipmentTest {

    private static final String LSR_10 = "lateShipmentRate10d";

    @Test
    void late_shipment_rate_counts_orders_shipped_after_ship_by() {
        Instant shipBy = daysAgo(2);
        List<OrderFacts> orders = List.of(
                shipped("on-time", shipBy, shipBy.minusSeconds(60)),
                shipped("at-ship-by", shipBy, shipBy), // confirmed at the very moment: on time
                shipped("late", shipBy, shipBy.plusSeconds(1)),
                shipped("on-time-2", shipBy, shipBy.minus(Duration.ofHours(5))));
        Metric m = metric(orders, LSR_10);
        // 1 late of 4 due = 25%
        assertEquals(1, m.numerator());
        assertEquals(4, m.denominator());
        assertEquals(0.25, m.value());
        assertEquals(Status.FAILING, m.status());
    }

    @Test
    void a_confirmation_after_ship_by_is_late_even_with_an_earlier_ship_date_typed_in() {
        Instant shipBy = daysAgo(2);
        Instant confirmedLate = shipBy.plus(Duration.ofHours(20));
        // The seller typed a ship date before ship-by (so the stored late flag is false) but confirmed a day later.
        OrderFacts backdated = new OrderFacts("backdated", shipBy.minus(Duration.ofDays(3)), OrderStatus.SHIPPED,
                shipBy, shipBy.plus(Duration.ofDays(4)), confirmedLate, false, null,
                List.of(new ShipmentFacts("shp_1", shipBy.minusSeconds(3600), true, null, null)));
        assertEquals(1, metric(List.of(backdated), LSR_10).numerator());
    }

    @Test
    void an_order_still_unshipped_after_its_ship_by_is_late_and_one_not_yet_due_is_not_counted() {
        List<OrderFacts> orders = List.of(
                unshipped("overdue", hoursAgo(1)),
                unshipped("due-tomorrow", NOW.plus(Duration.ofDays(1))),
                shipped("fine", daysAgo(3), daysAgo(4)));
        Metric m = metric(orders, LSR_10);
        // overdue: late; due-tomorrow: ship-by not in the window yet. 1 / 2.
        assertEquals(1, m.numerator());
        assertEquals(2, m.denominator());
    }

    @Test
    void a_partly_shipped_order_past_ship_by_is_late() {
        Instant shipBy = daysAgo(1);
        OrderFacts partial = new OrderFacts("partial", shipBy.minus(Duration.ofDays(3)),
                OrderStatus.PARTIALLY_SHIPPED, shipBy, shipBy.plus(Duration.ofDays(4)), null, false, null,
                List.of(new ShipmentFacts("shp_1", shipBy.minus(Duration.ofHours(2)), true, null, null)));
        assertEquals(1, metric(List.of(partial), LSR_10).numerator());
    }

    @Test
    void canceled_orders_are_not_counted_for_late_shipment() {
        OrderFacts canceledAfterShipBy = new OrderFacts("c", daysAgo(5), OrderStatus.CANCELED, daysAgo(2),
                daysAgo(-2), null, false, OrderFacts.Cancel.SELLER, List.of());
        List<OrderFacts> orders = List.of(canceledAfterShipBy, canceled("c2", daysAgo(4), OrderFacts.Cancel.BUYER_REQUESTED),
                shipped("ok", daysAgo(2), daysAgo(3)));
        Metric m = metric(orders, LSR_10);
        assertEquals(0, m.numerator());
        assertEquals(1, m.denominator());
    }

    @Test
    void the_window_includes_an_order_due_exactly_10_days_ago_and_not_one_due_a_second_earlier() {
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        List<OrderFacts> orders = List.of(
                shipped("edge", tenDaysAgo, tenDaysAgo.plusSeconds(1)),                 // late, counted
                shipped("outside", tenDaysAgo.minusSeconds(1), tenDaysAgo.plusSeconds(60))); // late, not counted
        Metric tenDays = metric(orders, LSR_10);
        assertEquals(1, tenDays.numerator());
        assertEquals(1, tenDays.denominator());
        Metric thirtyDays = metric(orders, "lateShipmentRate30d");
        assertEquals(2, thirtyDays.denominator());
    }

    @Test
    void an_empty_window_has_no_value_and_is_ok() {
        // Only orders due 11 days ago: nothing in the 10-day window.
        Metric m = metric(List.of(shipped("old", daysAgo(11), daysAgo(10))), LSR_10);
        assertNull(m.value());
        assertEquals(0, m.numerator());
        assertEquals(0, m.denominator());
        assertEquals(Status.OK, m.status());
    }
}
