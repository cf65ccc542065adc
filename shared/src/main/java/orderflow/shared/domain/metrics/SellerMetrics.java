package orderflow.shared.domain.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import orderflow.shared.domain.metrics.Target.Goal;

/**
 * A seller's performance against Amazon's targets (reference.md, section 2; docs/metrics.md),
 * from plain facts and an injected {@code now}: nothing here reads a clock or a table.
 */
public final class SellerMetrics {

    public static final Target LATE_SHIPMENT = Target.of("< 4%", "0.04", Goal.BELOW, "0");
    public static final Target CANCEL = Target.of("< 2.5%", "0.025", Goal.BELOW, "0");
    public static final Target VALID_TRACKING = Target.of("> 95%", "0.95", Goal.ABOVE, "1");
    public static final Target ON_TIME_DELIVERY = Target.of("> 97%", "0.97", Goal.ABOVE, "1");
    /** Amazon's rule is an answer within 24 hours; 90% of messages is the share it asks for. */
    public static final Target RESPONSE_MEDIAN = Target.of("<= 24 h", "24", Goal.AT_MOST, "0");
    public static final Target RESPONDED_IN_24H = Target.of(">= 90%", "0.90", Goal.AT_LEAST, "1");

    public static final int RESPONSE_WINDOW_DAYS = 90;

    private SellerMetrics() {
    }

    /** Every metric, in a fixed order; orders and messages may hold facts outside the windows. */
    public static List<Metric> compute(List<OrderFacts> orders, List<MessageFacts> messages, Instant now) {
        List<Metric> out = new ArrayList<>();
        for (int days : new int[] {10, 30}) {
            out.add(Metric.of("lateShipmentRate" + days + "d", "Late shipment rate (" + days + " days)",
                    OrderCounts.lateShipment(orders, Window.lastDays(now, days), now), LATE_SHIPMENT, days));
        }
        out.add(Metric.of("preFulfillmentCancelRate7d", "Pre-fulfillment cancel rate (7 days)",
                OrderCounts.cancel(orders, Window.lastDays(now, 7)), CANCEL, 7));
        out.add(Metric.of("validTrackingRate30d", "Valid tracking rate (30 days)",
                OrderCounts.validTracking(orders, Window.lastDays(now, 30)), VALID_TRACKING, 30));
        out.add(Metric.of("onTimeDeliveryRate14d", "On-time delivery rate (14 days)",
                OrderCounts.onTimeDelivery(orders, Window.lastDays(now, 14)), ON_TIME_DELIVERY, 14));

        int days = RESPONSE_WINDOW_DAYS;
        List<MessageFacts> judged = ResponseCounts.judged(messages, Window.lastDays(now, days), now);
        Double median = ResponseCounts.medianHours(judged, now);
        out.add(new Metric("responseTimeMedianHours" + days + "d", "Median response time (" + days + " days)",
                median, Metric.Unit.HOURS, RESPONSE_MEDIAN.text(), RESPONSE_MEDIAN.limit(),
                RESPONSE_MEDIAN.status(median), null, judged.size(), days));
        out.add(Metric.of("respondedWithin24hRate" + days + "d", "Answered within 24 hours (" + days + " days)",
                ResponseCounts.within24h(judged, now), RESPONDED_IN_24H, days));
        return out;
    }

    /**
     * The last {@code days} calendar days in the seller's zone, oldest first, today (up to now)
     * last: each day's late shipment, cancel and valid tracking rates, by the same rules as above.
     */
    public static List<DailyMetrics> daily(List<OrderFacts> orders, Instant now, int days, ZoneId zone) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        List<DailyMetrics> out = new ArrayList<>();
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            Window w = Window.day(day, zone, now);
            out.add(new DailyMetrics(day, OrderCounts.lateShipment(orders, w, now), OrderCounts.cancel(orders, w),
                    OrderCounts.validTracking(orders, w)));
        }
        return out;
    }
}
