package orderflow.shared.domain.metrics;

import static orderflow.shared.domain.metrics.MetricsTestFacts.NOW;
import static orderflow.shared.domain.metrics.MetricsTestFacts.canceled;
import static orderflow.shared.domain.metrics.MetricsTestFacts.daysAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.metric;
import static orderflow.shared.domain.metrics.MetricsTestFacts.pending;
import static orderflow.shared.domain.metrics.MetricsTestFacts.placed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.metrics.Metric.Status;

class MetricsCancelRateTest {

    private static final String CANCEL = "preFulfillmentCancelRate7d";

    private static List<OrderFacts> placedDaysAgo(int count, double days) {
        List<OrderFacts> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(placed("p" + i, daysAgo(days)));
        }
        return out;
    }

    @Test
    void cancel_rate_counts_seller_cancels_of_orders_placed_in_the_last_7_days() {
        List<OrderFacts> orders = new ArrayList<>(placedDaysAgo(38, 3));
        orders.add(canceled("s1", daysAgo(1), OrderFacts.Cancel.SELLER));
        orders.add(canceled("s2", daysAgo(6), OrderFacts.Cancel.SELLER));
        Metric m = metric(orders, CANCEL);
        // 2 seller cancels of 40 paid orders = 5%: FAILING
        assertEquals(2, m.numerator());
        assertEquals(40, m.denominator());
        assertEquals(0.05, m.value());
        assertEquals(Status.FAILING, m.status());
    }

    @Test
    void buyer_requested_cancels_stay_in_the_denominator_but_do_not_count_against_the_seller() {
        List<OrderFacts> orders = new ArrayList<>(placedDaysAgo(97, 2));
        orders.add(canceled("buyer1", daysAgo(2), OrderFacts.Cancel.BUYER_REQUESTED));
        orders.add(canceled("buyer2", daysAgo(2), OrderFacts.Cancel.BUYER_REQUESTED));
        orders.add(canceled("seller", daysAgo(2), OrderFacts.Cancel.SELLER));
        Metric m = metric(orders, CANCEL);
        // 1 of 100 = 1%: OK
        assertEquals(1, m.numerator());
        assertEquals(100, m.denominator());
        assertEquals(Status.OK, m.status());
    }

    @Test
    void orders_canceled_while_payment_was_pending_and_orders_still_pending_count_nowhere() {
        List<OrderFacts> orders = List.of(
                canceled("unpaid", daysAgo(1), OrderFacts.Cancel.BEFORE_PAYMENT),
                pending("pending", daysAgo(1)),
                placed("paid", daysAgo(1)));
        Metric m = metric(orders, CANCEL);
        assertEquals(0, m.numerator());
        assertEquals(1, m.denominator());
    }

    @Test
    void an_order_counts_by_its_order_date_exactly_7_days_ago_included() {
        Instant sevenDaysAgo = NOW.minus(Duration.ofDays(7));
        List<OrderFacts> orders = List.of(
                canceled("edge", sevenDaysAgo, OrderFacts.Cancel.SELLER),
                // canceled yesterday, but placed before the window: not counted
                canceled("placed-earlier", sevenDaysAgo.minusSeconds(1), OrderFacts.Cancel.SELLER),
                placed("recent", daysAgo(1)));
        Metric m = metric(orders, CANCEL);
        assertEquals(1, m.numerator());
        assertEquals(2, m.denominator());
        assertEquals(0.5, m.value());
    }

    @Test
    void no_orders_placed_in_7_days_means_no_value_and_ok() {
        Metric m = metric(List.of(canceled("old", daysAgo(8), OrderFacts.Cancel.SELLER)), CANCEL);
        assertNull(m.value());
        assertEquals(0, m.denominator());
        assertEquals(Status.OK, m.status());
    }
}
