package orderflow.shared.domain.calendar;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.Month.AUGUST;
import static java.time.Month.FEBRUARY;
import static java.time.Month.JANUARY;
import static java.time.Month.MAY;
import static java.time.Month.NOVEMBER;
import static java.time.Month.OCTOBER;
import static java.time.Month.SEPTEMBER;
import static orderflow.shared.domain.calendar.HolidayRules.easterSunday;
import static orderflow.shared.domain.calendar.HolidayRules.last;
import static orderflow.shared.domain.calendar.HolidayRules.nth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Public holidays a seller can take as a preset, per country (ISO 3166 alpha-2), computed by rule
 * for any year: the days themselves, plus the weekday they are observed on when the country moves
 * a weekend holiday (the weekend date stays in, for sellers who ship on Saturdays). Only holidays
 * of the whole country; a seller adds its region's own days as changes to the preset.
 * <ul>
 * <li>US: federal holidays, 5 U.S.C. 6103 (Juneteenth from 2021); Saturday observed on Friday,
 *     Sunday on Monday (OPM "Federal Holidays").</li>
 * <li>GB: bank holidays of England and Wales (gov.uk/bank-holidays, Banking and Financial Dealings
 *     Act 1971 and proclamations); weekend ones move to the next free weekday; the proclaimed
 *     moves and one-off days since 2011 are listed.</li>
 * <li>DE: the nine holidays of every Land (the Länder Feiertagsgesetze; 3 October by the
 *     Einigungsvertrag; Reformation Day 2017 once); no substitute days.</li>
 * <li>FR: the eleven "fêtes légales" of Code du travail art. L3133-1; no substitute days.</li>
 * <li>CA: the general holidays of the Canada Labour Code (s. 166; National Day for Truth and
 *     Reconciliation from 2021); those of s. 195 that fall on a weekend move to the next free
 *     weekday, as the federal public service observes them.</li>
 * <li>AU: the national public holidays of the Fair Work Act 2009 s. 115(1)(a) but the Sovereign's
 *     birthday (it differs by state); New Year's, Australia, Christmas and Boxing Day move to the
 *     next free weekday as in every state; Anzac Day is not moved (the states differ).</li>
 * <li>IT: the national holidays (Legge 260/1949 as amended; 2 June again from 2001); no substitutes.</li>
 * <li>AT: the holidays of the Arbeitsruhegesetz § 7(2); no substitutes.</li>
 * </ul>
 */
public final class HolidayPresets {

    private static final Map<String, BiConsumer<Integer, SortedMap<LocalDate, String>>> RULES = Map.of(
            "US", HolidayPresets::unitedStates, "GB", HolidayPresets::englandAndWales, "DE", HolidayPresets::germany,
            "FR", HolidayPresets::france, "CA", HolidayPresets::canada, "AU", HolidayPresets::australia,
            "IT", HolidayPresets::italy, "AT", HolidayPresets::austria);

    private HolidayPresets() {
    }

    /** The countries with a preset. */
    public static SortedSet<String> countries() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(RULES.keySet()));
    }

    /** The preset's holidays of one year, date to name; empty for a country without a preset. */
    public static SortedMap<LocalDate, String> holidays(String country, int year) {
        var rules = country == null ? null : RULES.get(country);
        TreeMap<LocalDate, String> days = new TreeMap<>();
        if (rules != null) {
            rules.accept(year, days);
            rules.accept(year + 1, days); // a 1 January on a Saturday is observed on 31 December before
            days.keySet().removeIf(d -> d.getYear() != year);
        }
        return Collections.unmodifiableSortedMap(days);
    }

    private static void unitedStates(int y, SortedMap<LocalDate, String> d) {
        HolidayRules.observeNearestWeekday(d, LocalDate.of(y, 1, 1), "New Year's Day");
        d.put(nth(y, JANUARY, MONDAY, 3), "Birthday of Martin Luther King, Jr.");
        d.put(nth(y, FEBRUARY, MONDAY, 3), "Washington's Birthday");
        d.put(last(y, MAY, MONDAY), "Memorial Day");
        if (y >= 2021) {
            HolidayRules.observeNearestWeekday(d, LocalDate.of(y, 6, 19), "Juneteenth National Independence Day");
        }
        HolidayRules.observeNearestWeekday(d, LocalDate.of(y, 7, 4), "Independence Day");
        d.put(nth(y, SEPTEMBER, MONDAY, 1), "Labor Day");
        d.put(nth(y, OCTOBER, MONDAY, 2), "Columbus Day");
        HolidayRules.observeNearestWeekday(d, LocalDate.of(y, 11, 11), "Veterans Day");
        d.put(nth(y, NOVEMBER, THURSDAY, 4), "Thanksgiving Day");
        HolidayRules.observeNearestWeekday(d, LocalDate.of(y, 12, 25), "Christmas Day");
    }

    /** Proclaimed changes to the England and Wales rules: the day moved to, or a one-off day. */
    private static final Map<LocalDate, String> GB_PROCLAIMED = Map.of(
            LocalDate.of(2011, 4, 29), "Royal wedding", LocalDate.of(2012, 6, 5), "Diamond Jubilee",
            LocalDate.of(2020, 5, 8), "Early May bank holiday (VE day)",
            LocalDate.of(2022, 6, 3), "Platinum Jubilee", LocalDate.of(2022, 9, 19), "State Funeral of Queen Elizabeth II",
            LocalDate.of(2023, 5, 8), "Coronation of King Charles III");

    private static void englandAndWales(int y, SortedMap<LocalDate, String> d) {
        LocalDate easter = easterSunday(y);
        d.put(easter.minusDays(2), "Good Friday");
        d.put(easter.plusDays(1), "Easter Monday");
        if (y != 2020) { // moved to Friday 8 May (VE day)
            d.put(nth(y, MAY, MONDAY, 1), "Early May bank holiday");
        }
        d.put(y == 2012 ? LocalDate.of(2012, 6, 4) : y == 2022 ? LocalDate.of(2022, 6, 2) : last(y, MAY, MONDAY),
                "Spring bank holiday");
        d.put(last(y, AUGUST, MONDAY), "Summer bank holiday");
        GB_PROCLAIMED.forEach((day, name) -> {
            if (day.getYear() == y) {
                d.put(day, name);
            }
        });
        HolidayRules.substituteNextFreeWeekday(d, ordered(LocalDate.of(y, 1, 1), "New Year's Day",
                LocalDate.of(y, 12, 25), "Christmas Day", LocalDate.of(y, 12, 26), "Boxing Day"));
    }

    private static void germany(int y, SortedMap<LocalDate, String> d) {
        LocalDate easter = easterSunday(y);
        d.put(LocalDate.of(y, 1, 1), "Neujahr");
        d.put(easter.minusDays(2), "Karfreitag");
        d.put(easter.plusDays(1), "Ostermontag");
        d.put(LocalDate.of(y, 5, 1), "Tag der Arbeit");
        d.put(easter.plusDays(39), "Christi Himmelfahrt");
        d.put(easter.plusDays(50), "Pfingstmontag");
        d.put(LocalDate.of(y, 10, 3), "Tag der Deutschen Einheit");
        if (y == 2017) {
            d.put(LocalDate.of(y, 10, 31), "Reformationstag (500 Jahre)");
        }
        d.put(LocalDate.of(y, 12, 25), "1. Weihnachtstag");
        d.put(LocalDate.of(y, 12, 26), "2. Weihnachtstag");
    }

    private static void france(int y, SortedMap<LocalDate, String> d) {
        LocalDate easter = easterSunday(y);
        d.put(LocalDate.of(y, 1, 1), "Jour de l'an");
        d.put(easter.plusDays(1), "Lundi de Pâques");
        d.put(LocalDate.of(y, 5, 1), "Fête du Travail");
        d.put(LocalDate.of(y, 5, 8), "Victoire 1945");
        d.put(easter.plusDays(39), "Ascension");
        d.put(easter.plusDays(50), "Lundi de Pentecôte");
        d.put(LocalDate.of(y, 7, 14), "Fête nationale");
        d.put(LocalDate.of(y, 8, 15), "Assomption");
        d.put(LocalDate.of(y, 11, 1), "Toussaint");
        d.put(LocalDate.of(y, 11, 11), "Armistice 1918");
        d.put(LocalDate.of(y, 12, 25), "Noël");
    }

    private static void canada(int y, SortedMap<LocalDate, String> d) {
        d.put(easterSunday(y).minusDays(2), "Good Friday");
        // The Monday before 25 May.
        d.put(LocalDate.of(y, 5, 25).with(TemporalAdjusters.previous(DayOfWeek.MONDAY)), "Victoria Day");
        d.put(nth(y, SEPTEMBER, MONDAY, 1), "Labour Day");
        d.put(nth(y, OCTOBER, MONDAY, 2), "Thanksgiving Day");
        Map<LocalDate, String> movable = ordered(LocalDate.of(y, 1, 1), "New Year's Day",
                LocalDate.of(y, 7, 1), "Canada Day", LocalDate.of(y, 11, 11), "Remembrance Day",
                LocalDate.of(y, 12, 25), "Christmas Day", LocalDate.of(y, 12, 26), "Boxing Day");
        if (y >= 2021) {
            movable.put(LocalDate.of(y, 9, 30), "National Day for Truth and Reconciliation");
        }
        HolidayRules.substituteNextFreeWeekday(d, movable);
    }

    private static void australia(int y, SortedMap<LocalDate, String> d) {
        LocalDate easter = easterSunday(y);
        d.put(easter.minusDays(2), "Good Friday");
        d.put(easter.plusDays(1), "Easter Monday");
        d.put(LocalDate.of(y, 4, 25), "Anzac Day");
        HolidayRules.substituteNextFreeWeekday(d, ordered(LocalDate.of(y, 1, 1), "New Year's Day",
                LocalDate.of(y, 1, 26), "Australia Day", LocalDate.of(y, 12, 25), "Christmas Day",
                LocalDate.of(y, 12, 26), "Boxing Day"));
    }

    private static void italy(int y, SortedMap<LocalDate, String> d) {
        d.put(LocalDate.of(y, 1, 1), "Capodanno");
        d.put(LocalDate.of(y, 1, 6), "Epifania");
        d.put(easterSunday(y).plusDays(1), "Lunedì dell'Angelo");
        d.put(LocalDate.of(y, 4, 25), "Festa della Liberazione");
        d.put(LocalDate.of(y, 5, 1), "Festa del Lavoro");
        if (y >= 2001) {
            d.put(LocalDate.of(y, 6, 2), "Festa della Repubblica");
        }
        d.put(LocalDate.of(y, 8, 15), "Ferragosto");
        d.put(LocalDate.of(y, 11, 1), "Ognissanti");
        d.put(LocalDate.of(y, 12, 8), "Immacolata Concezione");
        d.put(LocalDate.of(y, 12, 25), "Natale");
        d.put(LocalDate.of(y, 12, 26), "Santo Stefano");
    }

    private static void austria(int y, SortedMap<LocalDate, String> d) {
        LocalDate easter = easterSunday(y);
        d.put(LocalDate.of(y, 1, 1), "Neujahr");
        d.put(LocalDate.of(y, 1, 6), "Heilige Drei Könige");
        d.put(easter.plusDays(1), "Ostermontag");
        d.put(LocalDate.of(y, 5, 1), "Staatsfeiertag");
        d.put(easter.plusDays(39), "Christi Himmelfahrt");
        d.put(easter.plusDays(50), "Pfingstmontag");
        d.put(easter.plusDays(60), "Fronleichnam");
        d.put(LocalDate.of(y, 8, 15), "Mariä Himmelfahrt");
        d.put(LocalDate.of(y, 10, 26), "Nationalfeiertag");
        d.put(LocalDate.of(y, 11, 1), "Allerheiligen");
        d.put(LocalDate.of(y, 12, 8), "Mariä Empfängnis");
        d.put(LocalDate.of(y, 12, 25), "Christtag");
        d.put(LocalDate.of(y, 12, 26), "Stefanitag");
    }

    private static Map<LocalDate, String> ordered(Object... dateThenName) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dateThenName.length; i += 2) {
            out.put((LocalDate) dateThenName[i], (String) dateThenName[i + 1]);
        }
        return out;
    }
}
