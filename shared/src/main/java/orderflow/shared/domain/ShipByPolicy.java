package orderflow.shared.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import orderflow.shared.domain.calendar.ShippingCalendar;

/**
 * The one place dates are counted on the seller's shipping calendar, in the seller's zone:
 * <ul>
 * <li>a shipping day is a working day of the calendar that is not one of its holidays;</li>
 * <li>handling starts on the day the order could first ship if that is a shipping day and it came
 *     before the cut-off, else on the next shipping day;</li>
 * <li>ship-by is the end of the day {@code handlingDays} shipping days after that (0: that day);</li>
 * <li>deliver-by is the end of the day {@code transitDays} carrier days after the ship-by day, a
 *     carrier day being Monday to Friday and not a holiday of the calendar: carriers do not deliver
 *     on Saturdays because the seller ships then, and the calendar's holidays (the country's, and
 *     the seller's own, mostly regional ones) are taken as days carriers rest too, so the promise
 *     errs late rather than early.</li>
 * </ul>
 * The cut-off is the moment the seller's clock shows it that day (on a day the clocks skip that
 * hour, the moment after the gap; on a day they repeat it, the first time). The end of a day is
 * the instant before the next day starts there, so a 23- or 25-hour day ends at the right instant.
 */
public final class ShipByPolicy {

    /** How far the search for the next shipping (or carrier) day goes before the calendar is refused. */
    private static final int MAX_SEARCH_DAYS = 400;

    private ShipByPolicy() {
    }

    public static Instant shipBy(Instant start, int handlingDays, ZoneId zone, ShippingCalendar calendar) {
        if (handlingDays < 0) {
            throw new IllegalArgumentException("handlingDays must not be negative");
        }
        Days days = new Days(calendar);
        LocalDate day = firstShippingDay(start, zone, days);
        for (int left = handlingDays; left > 0; left--) {
            day = next(day, days::shipping);
        }
        return endOfDay(day, zone);
    }

    public static Instant deliverBy(Instant shipBy, int transitDays, ZoneId zone, ShippingCalendar calendar) {
        if (transitDays < 0) {
            throw new IllegalArgumentException("transitDays must not be negative");
        }
        Days days = new Days(calendar);
        LocalDate day = shipBy.atZone(zone).toLocalDate();
        for (int left = transitDays; left > 0; left--) {
            day = next(day, days::carrier);
        }
        return endOfDay(day, zone);
    }

    /**
     * An order's handling time: the longest of its lines', a line taking its SKU's own handling time
     * where the SKU has one (shorter than the seller's too) and the seller's otherwise.
     */
    public static int handlingDays(Collection<String> skus, Map<String, Integer> skuHandlingDays, int sellerDays) {
        return skus.stream().mapToInt(sku -> skuHandlingDays.getOrDefault(sku, sellerDays)).max().orElse(sellerDays);
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

    /** The last instant of a day in the zone. */
    public static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
    }

    /** The day handling starts for an order that could first ship at {@code start}. */
    private static LocalDate firstShippingDay(Instant start, ZoneId zone, Days days) {
        LocalDate day = start.atZone(zone).toLocalDate();
        LocalTime cutoff = days.calendar.cutoff();
        boolean beforeCutoff = cutoff == null || start.isBefore(ZonedDateTime.of(day, cutoff, zone).toInstant());
        return days.shipping(day) && beforeCutoff ? day : next(day, days::shipping);
    }

    private static LocalDate next(LocalDate after, Predicate<LocalDate> counts) {
        LocalDate day = after.plusDays(1);
        for (int i = 0; !counts.test(day); i++) {
            if (i > MAX_SEARCH_DAYS) {
                throw new IllegalArgumentException("the shipping calendar has no shipping day within a year after "
                        + after);
            }
            day = day.plusDays(1);
        }
        return day;
    }

    /** The calendar's holidays, computed once per year per count. */
    private static final class Days {
        private final ShippingCalendar calendar;
        private final Map<Integer, Set<LocalDate>> holidays = new HashMap<>();

        Days(ShippingCalendar calendar) {
            this.calendar = calendar == null ? ShippingCalendar.DEFAULT : calendar;
        }

        boolean shipping(LocalDate day) {
            return calendar.workingDays().contains(day.getDayOfWeek()) && !holiday(day);
        }

        boolean carrier(LocalDate day) {
            DayOfWeek d = day.getDayOfWeek();
            return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holiday(day);
        }

        private boolean holiday(LocalDate day) {
            return holidays.computeIfAbsent(day.getYear(), calendar::holidays).contains(day);
        }
    }
}
