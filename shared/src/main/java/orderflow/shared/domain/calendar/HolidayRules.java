package orderflow.shared.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The date rules public holidays are made of, and the two ways countries move one off a weekend. */
final class HolidayRules {

    private HolidayRules() {
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Meeus/Jones/Butcher algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The nth (1-based) such weekday of the month: the 4th Thursday of November. */
    static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    static LocalDate last(int year, Month month, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(day));
    }

    static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** US federal: a Saturday holiday is observed the Friday before, a Sunday one the Monday after. */
    static void observeNearestWeekday(SortedMap<LocalDate, String> days, LocalDate date, String name) {
        days.put(date, name);
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            days.put(date.minusDays(1), name + " (observed)");
        } else if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            days.put(date.plusDays(1), name + " (observed)");
        }
    }

    /**
     * GB, CA, AU: each of these holidays that falls on a weekend gets the next weekday that is not a
     * holiday already (Christmas on a Saturday: Monday 27; Boxing Day on the Sunday: Tuesday 28).
     * The weekend date itself stays a holiday too, for sellers who ship on Saturdays.
     */
    static void substituteNextFreeWeekday(SortedMap<LocalDate, String> days, Map<LocalDate, String> movable) {
        movable.forEach(days::put);
        for (Map.Entry<LocalDate, String> h : new TreeMap<>(movable).entrySet()) {
            if (!weekend(h.getKey())) {
                continue;
            }
            LocalDate sub = h.getKey();
            while (weekend(sub) || days.containsKey(sub)) {
                sub = sub.plusDays(1);
            }
            days.put(sub, h.getValue() + " (substitute day)");
        }
    }
}
