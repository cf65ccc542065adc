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

    /**
     * When the handling time starts: when the order could first ship, paid and reserved. An order
     * that arrived paid and is reserved on its first attempt (still version 1) could ship from its
     * purchase. One that became shippable later (paid after a wait, released from a hold, stock that
     * arrived for a backorder) could not ship before now: it is not late for days it could not ship.
     */
    public static Instant handlingStart(Order order, Instant now) {
        boolean firstAttempt = order.status() == OrderStatus.READY && order.version() == 1;
        return firstAttempt || order.createdAt().isAfter(now) ? order.createdAt() : now;
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
