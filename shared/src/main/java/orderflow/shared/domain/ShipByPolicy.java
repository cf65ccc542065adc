package orderflow.shared.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Latest ship date: the end of the day that is {@code handlingDays} business days after the
 * purchase, in the seller's zone. An order placed on a weekend starts counting on Monday.
 */
public final class ShipByPolicy {

    private ShipByPolicy() {
    }

    public static Instant shipBy(Instant purchasedAt, int handlingDays, ZoneId zone) {
        if (handlingDays < 0) {
            throw new IllegalArgumentException("handlingDays must not be negative");
        }
        LocalDate day = purchasedAt.atZone(zone).toLocalDate();
        while (isWeekend(day)) {
            day = day.plusDays(1);
        }
        int left = handlingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (!isWeekend(day)) {
                left--;
            }
        }
        return day.atTime(LocalTime.MAX).atZone(zone).toInstant();
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
