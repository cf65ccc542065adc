package orderflow.shared.domain.metrics;

import static orderflow.shared.domain.metrics.MetricsTestFacts.NOW;
import static orderflow.shared.domain.metrics.MetricsTestFacts.daysAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.delivered;
import static orderflow.shared.domain.metrics.MetricsTestFacts.metric;
import static orderflow.shared.domain.metrics.MetricsTestFacts.pkg;
import static orderflow.shared.domain.metrics.MetricsTestFacts.withPackages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.metrics.Metric.Status;

class MetricsTrackingAndDeliveryTest {

    private static final String VTR = "validTrackingRate30d";
    private static final String OTDR = "onTimeDeliveryRate14d";

    @Test
    void valid_tracking_rate_counts_each_package_by_its_promised_delivery_date() {
        List<OrderFacts> orders = List.of(
                withPackages("two-boxes", daysAgo(5), pkg(true), pkg(false)),
                withPackages("one-box", daysAgo(29), pkg(true)),
                withPackages("promised-31-days-ago", daysAgo(31), pkg(false)),
                withPackages("promised-tomorrow", NOW.plus(Duration.ofDays(1)), pkg(false)));
        Metric m = metric(orders, VTR);
        // 2 valid of the 3 packages promised in the last 30 days = 66.67%
        assertEquals(2, m.numerator());
        assertEquals(3, m.denominator());
        assertEquals(Status.FAILING, m.status());
    }

    @Test
    void a_package_promised_exactly_30_days_ago_is_counted() {
        Instant edge = NOW.minus(Duration.ofDays(30));
        List<OrderFacts> orders = List.of(withPackages("edge", edge, pkg(false)),
                withPackages("before", edge.minusSeconds(1), pkg(false)));
        assertEquals(1, metric(orders, VTR).denominator());
    }

    @Test
    void an_order_without_a_promised_date_counts_its_packages_by_ship_date() {
        // Stored before deliverBy existed: the ship date decides.
        OrderFacts legacy = new OrderFacts("legacy", daysAgo(12), OrderStatus.SHIPPED, daysAgo(10), null,
                daysAgo(10), false, null, List.of(new ShipmentFacts("shp_1", daysAgo(10), true, null, null)));
        Metric m = metric(List.of(legacy), VTR);
        assertEquals(1, m.numerator());
        assertEquals(1, m.denominator());
    }

    @Test
    void on_time_delivery_counts_delivered_packages_with_valid_tracking_promised_in_14_days() {
        Instant promised = daysAgo(3);
        List<OrderFacts> orders = List.of(
                withPackages("on-time", promised, delivered(true, promised)), // at the promise: on time
                withPackages("late", promised, delivered(true, promised.plusSeconds(1))),
                withPackages("untracked-late", promised, delivered(false, daysAgo(1))), // not timed
                withPackages("no-delivery-recorded", promised, pkg(true)),              // not counted
                withPackages("promised-15-days-ago", daysAgo(15), delivered(true, daysAgo(10))));
        Metric m = metric(orders, OTDR);
        // 1 on time of 2 timed = 50%
        assertEquals(1, m.numerator());
        assertEquals(2, m.denominator());
        assertEquals(0.5, m.value());
        assertEquals(Status.FAILING, m.status());
    }

    @Test
    void no_deliveries_in_14_days_means_no_value_and_ok() {
        Metric m = metric(List.of(withPackages("in-transit", daysAgo(1), pkg(true))), OTDR);
        assertNull(m.value());
        assertEquals(0, m.denominator());
        assertEquals(Status.OK, m.status());
    }
}
