package orderflow.shared.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.metrics.Metric.Status;

/** AT_RISK is the worst quarter of the band that still meets Amazon's target. */
class MetricsStatusTest {

    private static Status lateShipment(long late, long due) {
        return SellerMetrics.LATE_SHIPMENT.status(new Rate(late, due).value());
    }

    @Test
    void late_shipment_is_ok_below_3_percent_at_risk_from_3_and_failing_from_4() {
        assertEquals(Status.OK, lateShipment(29, 1000));
        assertEquals(Status.AT_RISK, lateShipment(3, 100));   // 3% = 4% - 4% / 4
        assertEquals(Status.AT_RISK, lateShipment(39, 1000));
        assertEquals(Status.FAILING, lateShipment(4, 100));   // "< 4%" is missed at 4%
    }

    @Test
    void cancel_rate_is_at_risk_from_1_875_percent() {
        assertEquals(Status.OK, SellerMetrics.CANCEL.status(new Rate(18, 1000).value()));
        assertEquals(Status.AT_RISK, SellerMetrics.CANCEL.status(new Rate(15, 800).value())); // 1.875%
        assertEquals(Status.FAILING, SellerMetrics.CANCEL.status(new Rate(1, 40).value()));   // 2.5%
    }

    @Test
    void valid_tracking_is_failing_at_95_percent_and_at_risk_up_to_96_25() {
        assertEquals(Status.FAILING, SellerMetrics.VALID_TRACKING.status(new Rate(95, 100).value()));
        assertEquals(Status.AT_RISK, SellerMetrics.VALID_TRACKING.status(new Rate(77, 80).value())); // 96.25%
        assertEquals(Status.OK, SellerMetrics.VALID_TRACKING.status(new Rate(963, 1000).value()));
    }

    @Test
    void on_time_delivery_is_at_risk_up_to_97_75_percent() {
        assertEquals(Status.FAILING, SellerMetrics.ON_TIME_DELIVERY.status(0.97));
        assertEquals(Status.AT_RISK, SellerMetrics.ON_TIME_DELIVERY.status(new Rate(391, 400).value())); // 97.75%
        assertEquals(Status.OK, SellerMetrics.ON_TIME_DELIVERY.status(new Rate(98, 100).value()));
    }

    @Test
    void answering_exactly_90_percent_in_time_meets_the_target_but_is_at_risk() {
        assertEquals(Status.AT_RISK, SellerMetrics.RESPONDED_IN_24H.status(new Rate(9, 10).value()));
        assertEquals(Status.FAILING, SellerMetrics.RESPONDED_IN_24H.status(new Rate(899, 1000).value()));
        assertEquals(Status.AT_RISK, SellerMetrics.RESPONDED_IN_24H.status(new Rate(37, 40).value())); // 92.5%
        assertEquals(Status.OK, SellerMetrics.RESPONDED_IN_24H.status(new Rate(93, 100).value()));
    }

    @Test
    void a_median_of_24_hours_is_in_time_but_at_risk_from_18_hours() {
        assertEquals(Status.OK, SellerMetrics.RESPONSE_MEDIAN.status(17.99));
        assertEquals(Status.AT_RISK, SellerMetrics.RESPONSE_MEDIAN.status(18.0));
        assertEquals(Status.AT_RISK, SellerMetrics.RESPONSE_MEDIAN.status(24.0));
        assertEquals(Status.FAILING, SellerMetrics.RESPONSE_MEDIAN.status(24.01));
    }

    @Test
    void nothing_counted_is_ok() {
        assertEquals(Status.OK, SellerMetrics.LATE_SHIPMENT.status(Rate.NONE.value()));
        assertEquals(Status.OK, SellerMetrics.VALID_TRACKING.status(null));
    }

    @Test
    void thresholds_are_the_targets_and_their_worst_quarters() {
        assertEquals(0.04, SellerMetrics.LATE_SHIPMENT.limit());
        assertEquals(0.03, SellerMetrics.LATE_SHIPMENT.atRiskFrom());
        assertEquals(0.01875, SellerMetrics.CANCEL.atRiskFrom());
        assertEquals(0.9625, SellerMetrics.VALID_TRACKING.atRiskFrom());
        assertEquals(0.9775, SellerMetrics.ON_TIME_DELIVERY.atRiskFrom());
        assertEquals(0.925, SellerMetrics.RESPONDED_IN_24H.atRiskFrom());
        assertEquals(18.0, SellerMetrics.RESPONSE_MEDIAN.atRiskFrom());
    }
}
