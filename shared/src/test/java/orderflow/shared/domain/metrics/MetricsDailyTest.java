package orderflow.shared.domain.metrics;

import static orderflow.shared.domain.metrics.MetricsTestFacts.NOW;
import static orderflow.shared.domain.metrics.MetricsTestFacts.canceled;
import static orderflow.shared.domain.metrics.MetricsTestFacts.delivered;
import static orderflow.shared.domain.metrics.MetricsTestFacts.pkg;
import static orderflow.shared.domain.metrics.MetricsTestFacts.placed;
import static orderflow.shared.domain.metrics.MetricsTestFacts.shipped;
import static orderflow.shared.domain.metrics.MetricsTestFacts.unshipped;
import static orderflow.shared.domain.metrics.MetricsTestFacts.withPackages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** NOW is Tue 2026-12-15 12:00 UTC = 07:00 in New York, the seller's zone. */
class MetricsDailyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The end of that December day in New York, as ship-by dates are. */
    private static Instant endOf(int december) {
        return LocalDate.of(2026, 12, december).atTime(LocalTime.MAX).atZone(NEW_YORK).toInstant();
    }

    private static Instant at(int december, int hour) {
        return LocalDate.of(2026, 12, december).atTime(hour, 0).atZone(NEW_YORK).toInstant();
    }

    private static List<OrderFacts> orders() {
        return List.of(
                shipped("d13-ok", endOf(13), at(13, 9)),
                shipped("d13-evening", at(13, 22), at(13, 21)), // 03:00 UTC on the 14th: the 13th in New York
                shipped("d14-ok", endOf(14), at(14, 10)),
                shipped("d14-late", endOf(14), at(15, 1)),
                unshipped("d15-due-tonight", endOf(15)), // not due yet: not counted today
                canceled("c14", at(14, 10), OrderFacts.Cancel.SELLER),
                placed("p15", at(15, 6)),
                withPackages("v13", at(13, 12), pkg(true), delivered(false, at(13, 11))));
    }

    @Test
    void each_day_counts_what_is_due_placed_or_promised_on_that_day_in_the_sellers_zone() {
        List<DailyMetrics> days = SellerMetrics.daily(orders(), NOW, 3, NEW_YORK);
        assertEquals(List.of(
                // 13th: 2 due, none late; nothing placed; 2 packages promised, 1 valid
                new DailyMetrics(LocalDate.of(2026, 12, 13), new Rate(0, 2), Rate.NONE, new Rate(1, 2)),
                // 14th: 2 due, 1 late; 1 placed and canceled by the seller; nothing promised
                new DailyMetrics(LocalDate.of(2026, 12, 14), new Rate(1, 2), new Rate(1, 1), Rate.NONE),
                // 15th so far (to 07:00): nothing due yet; 1 placed; nothing promised
                new DailyMetrics(LocalDate.of(2026, 12, 15), Rate.NONE, new Rate(0, 1), Rate.NONE)),
                days);
        assertEquals(0.5, days.get(1).lateShipment().value());
        assertNull(days.get(2).lateShipment().value());
    }

    @Test
    void one_day_is_today_only_and_fewer_is_refused() {
        assertEquals(List.of(LocalDate.of(2026, 12, 15)),
                SellerMetrics.daily(orders(), NOW, 1, NEW_YORK).stream().map(DailyMetrics::day).toList());
        assertThrows(IllegalArgumentException.class, () -> SellerMetrics.daily(orders(), NOW, 0, NEW_YORK));
    }

    @Test
    void a_30_day_series_has_30_days_ending_today() {
        List<DailyMetrics> days = SellerMetrics.daily(List.of(), NOW, 30, NEW_YORK);
        assertEquals(30, days.size());
        assertEquals(LocalDate.of(2026, 11, 16), days.get(0).day());
        assertEquals(LocalDate.of(2026, 12, 15), days.get(29).day());
    }
}
