package orderflow.shared.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

/** Known dates from the official lists (OPM, gov.uk, Légifrance, Fair Work, Canada Labour Code). */
class HolidayPresetsTest {

    private static List<LocalDate> dates(String country, int year) {
        return List.copyOf(HolidayPresets.holidays(country, year).keySet());
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void easter_sunday_matches_known_years() {
        assertEquals(d("2024-03-31"), HolidayRules.easterSunday(2024));
        assertEquals(d("2025-04-20"), HolidayRules.easterSunday(2025));
        assertEquals(d("2026-04-05"), HolidayRules.easterSunday(2026));
        assertEquals(d("2027-03-28"), HolidayRules.easterSunday(2027));
        assertEquals(d("2038-04-25"), HolidayRules.easterSunday(2038)); // the latest possible
        assertEquals(d("2285-03-22"), HolidayRules.easterSunday(2285)); // the earliest possible
    }

    @Test
    void us_2026_federal_holidays_with_independence_day_observed_on_friday() {
        assertEquals(List.of(d("2026-01-01"), d("2026-01-19"), d("2026-02-16"), d("2026-05-25"), d("2026-06-19"),
                d("2026-07-03"), d("2026-07-04"), d("2026-09-07"), d("2026-10-12"), d("2026-11-11"),
                d("2026-11-26"), d("2026-12-25")), dates("US", 2026));
        assertEquals("Independence Day (observed)", HolidayPresets.holidays("US", 2026).get(d("2026-07-03")));
        assertEquals("Thanksgiving Day", HolidayPresets.holidays("US", 2026).get(d("2026-11-26")));
    }

    @Test
    void us_sunday_holidays_move_to_monday_and_a_saturday_new_year_to_the_last_day_of_the_year_before() {
        SortedMap<LocalDate, String> y2021 = HolidayPresets.holidays("US", 2021);
        assertEquals("New Year's Day (observed)", y2021.get(d("2021-12-31"))); // 1 January 2022 is a Saturday
        assertEquals("Juneteenth National Independence Day (observed)", y2021.get(d("2021-06-18")));
        SortedMap<LocalDate, String> y2027 = HolidayPresets.holidays("US", 2027);
        assertTrue(y2027.containsKey(d("2027-07-05"))); // 4 July 2027 is a Sunday
        assertTrue(y2027.containsKey(d("2027-12-24"))); // Christmas 2027 is a Saturday
        assertFalse(HolidayPresets.holidays("US", 2020).containsValue("Juneteenth National Independence Day"));
    }

    @Test
    void england_and_wales_2026_bank_holidays_with_boxing_day_on_monday_28() {
        assertEquals(List.of(d("2026-01-01"), d("2026-04-03"), d("2026-04-06"), d("2026-05-04"), d("2026-05-25"),
                d("2026-08-31"), d("2026-12-25"), d("2026-12-26"), d("2026-12-28")), dates("GB", 2026));
        assertEquals("Easter Monday", HolidayPresets.holidays("GB", 2026).get(d("2026-04-06")));
        assertEquals("Boxing Day (substitute day)", HolidayPresets.holidays("GB", 2026).get(d("2026-12-28")));
    }

    @Test
    void england_and_wales_substitutes_and_proclaimed_days() {
        SortedMap<LocalDate, String> y2021 = HolidayPresets.holidays("GB", 2021);
        assertEquals("Christmas Day (substitute day)", y2021.get(d("2021-12-27")));
        assertEquals("Boxing Day (substitute day)", y2021.get(d("2021-12-28")));
        SortedMap<LocalDate, String> y2022 = HolidayPresets.holidays("GB", 2022);
        assertEquals("New Year's Day (substitute day)", y2022.get(d("2022-01-03")));
        assertTrue(y2022.containsKey(d("2022-06-02")) && y2022.containsKey(d("2022-06-03")));
        assertFalse(y2022.containsKey(d("2022-05-30"))); // the spring bank holiday moved to 2 June
        assertTrue(y2022.containsKey(d("2022-09-19")));
        assertEquals("Boxing Day", y2022.get(d("2022-12-26"))); // Christmas on Sunday: Boxing Day keeps Monday,
        assertEquals("Christmas Day (substitute day)", y2022.get(d("2022-12-27"))); // Christmas takes Tuesday
        assertTrue(HolidayPresets.holidays("GB", 2020).containsKey(d("2020-05-08")));
        assertFalse(HolidayPresets.holidays("GB", 2020).containsKey(d("2020-05-04")));
    }

    @Test
    void germany_2026_nine_national_holidays() {
        assertEquals(List.of(d("2026-01-01"), d("2026-04-03"), d("2026-04-06"), d("2026-05-01"), d("2026-05-14"),
                d("2026-05-25"), d("2026-10-03"), d("2026-12-25"), d("2026-12-26")), dates("DE", 2026));
        assertTrue(HolidayPresets.holidays("DE", 2017).containsKey(d("2017-10-31")));
        assertFalse(HolidayPresets.holidays("DE", 2018).containsKey(d("2018-10-31")));
    }

    @Test
    void france_2026_eleven_legal_holidays_without_substitutes() {
        assertEquals(List.of(d("2026-01-01"), d("2026-04-06"), d("2026-05-01"), d("2026-05-08"), d("2026-05-14"),
                d("2026-05-25"), d("2026-07-14"), d("2026-08-15"), d("2026-11-01"), d("2026-11-11"),
                d("2026-12-25")), dates("FR", 2026));
    }

    @Test
    void canada_2026_general_holidays_with_victoria_day_and_boxing_day_moved() {
        assertEquals(List.of(d("2026-01-01"), d("2026-04-03"), d("2026-05-18"), d("2026-07-01"), d("2026-09-07"),
                d("2026-09-30"), d("2026-10-12"), d("2026-11-11"), d("2026-12-25"), d("2026-12-26"),
                d("2026-12-28")), dates("CA", 2026));
        assertEquals(d("2025-05-19"), HolidayPresets.holidays("CA", 2025).entrySet().stream()
                .filter(e -> e.getValue().equals("Victoria Day")).findFirst().orElseThrow().getKey());
        assertTrue(HolidayPresets.holidays("CA", 2023).containsKey(d("2023-10-02"))); // 30 Sept 2023: Saturday
    }

    @Test
    void australia_2026_national_holidays_anzac_day_not_moved() {
        assertEquals(List.of(d("2026-01-01"), d("2026-01-26"), d("2026-04-03"), d("2026-04-06"), d("2026-04-25"),
                d("2026-12-25"), d("2026-12-26"), d("2026-12-28")), dates("AU", 2026));
        assertTrue(HolidayPresets.holidays("AU", 2025).containsKey(d("2025-01-27"))); // Australia Day on Sunday
    }

    @Test
    void countries_with_presets_and_none_for_others() {
        assertEquals(Set.of("AT", "AU", "CA", "DE", "FR", "GB", "IT", "US"), HolidayPresets.countries());
        assertTrue(HolidayPresets.holidays("ZZ", 2026).isEmpty());
        assertTrue(HolidayPresets.holidays(null, 2026).isEmpty());
        assertEquals(11, HolidayPresets.holidays("IT", 2026).size());
        assertEquals(13, HolidayPresets.holidays("AT", 2026).size());
    }

    @Test
    void every_preset_gives_only_days_of_the_year_asked_for_many_years() {
        for (String country : HolidayPresets.countries()) {
            for (int year = 1990; year <= 2100; year++) {
                int y = year;
                assertTrue(HolidayPresets.holidays(country, y).keySet().stream().allMatch(x -> x.getYear() == y),
                        country + " " + y);
                assertTrue(HolidayPresets.holidays(country, y).size() >= 7, country + " " + y);
            }
        }
    }
}
