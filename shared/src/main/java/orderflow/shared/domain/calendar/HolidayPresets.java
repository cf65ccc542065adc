package orderflow.shared.domain.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Public holidays a seller can take as a preset, per country (ISO 3166 alpha-2), computed by rule
 * for any year. The rules are filled in with the calendar work; until then no country has one.
 */
public final class HolidayPresets {

    private HolidayPresets() {
    }

    /** The countries with a preset. */
    public static SortedSet<String> countries() {
        return Collections.unmodifiableSortedSet(new TreeSet<>());
    }

    /** The preset's holidays of one year, date to name; empty for a country without a preset. */
    public static SortedMap<LocalDate, String> holidays(String country, int year) {
        return Collections.unmodifiableSortedMap(new TreeMap<>());
    }
}
