package orderflow.shared.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a seller ships: the days of the week it works, the daily order cut-off (an order placed
 * after it counts from the next working day; null = no cut-off), a country whose public holidays
 * it takes as a preset (null = none), and its own changes to that preset. Times are in the
 * seller's time zone ({@link orderflow.shared.domain.Seller#timeZone()}).
 */
public record ShippingCalendar(Set<DayOfWeek> workingDays, LocalTime cutoff, String holidayCountry,
                               SortedSet<LocalDate> addedHolidays, SortedSet<LocalDate> removedHolidays) {

    /** Monday to Friday, no cut-off, no holidays: what every seller had before calendars. */
    public static final ShippingCalendar DEFAULT = new ShippingCalendar(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), null, null, new TreeSet<>(), new TreeSet<>());

    public ShippingCalendar {
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
        workingDays = Set.copyOf(workingDays);
        addedHolidays = addedHolidays == null ? new TreeSet<>() : new TreeSet<>(addedHolidays);
        removedHolidays = removedHolidays == null ? new TreeSet<>() : new TreeSet<>(removedHolidays);
        holidayCountry = holidayCountry == null || holidayCountry.isBlank() ? null : holidayCountry;
    }

    /** The days off in a year: the country's preset, plus the seller's additions, minus its removals. */
    public SortedSet<LocalDate> holidays(int year) {
        TreeSet<LocalDate> days = new TreeSet<>();
        if (holidayCountry != null) {
            days.addAll(HolidayPresets.holidays(holidayCountry, year).keySet());
        }
        addedHolidays.stream().filter(d -> d.getYear() == year).forEach(days::add);
        days.removeAll(removedHolidays);
        return days;
    }
}
