package orderflow.shared.domain.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.HolidayPresets;
import orderflow.shared.domain.calendar.ShippingCalendar;

class SettingsRequestsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final Seller SELLER = new Seller("acme", "Acme", "ops@acme.example", "help@acme.example",
            "help@acme.example", 2, ZoneId.of("Europe/Berlin"), 5, 21,
            new ShippingCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(15, 0), null,
                    new TreeSet<>(List.of(LocalDate.of(2026, 12, 24))), new TreeSet<>()));

    private static List<String> fields(Map<String, Object> body) {
        var e = assertThrows(Failure.InvalidInput.class, () -> SettingsRequests.parse(body, TODAY));
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void a_partial_change_keeps_every_field_it_leaves_out() {
        Seller after = SettingsRequests.parse(Map.of("handlingDays", 1, "cutoff", "13:30"), TODAY).applyTo(SELLER);
        assertEquals(1, after.handlingDays());
        assertEquals(LocalTime.of(13, 30), after.calendar().cutoff());
        assertEquals(SELLER.calendar().workingDays(), after.calendar().workingDays());
        assertEquals(SELLER.calendar().addedHolidays(), after.calendar().addedHolidays());
        assertEquals(SELLER.notifyEmail(), after.notifyEmail());
        assertEquals(SELLER.timeZone(), after.timeZone());
        assertEquals(5, after.transitDays());
    }

    @Test
    void every_editable_field_is_read() {
        Map<String, Object> body = new HashMap<>();
        body.put("storeName", " Acme Outlet ");
        body.put("notifyEmail", "alerts@acme.example");
        body.put("replyTo", null);
        body.put("supportContact", "+49 30 1234");
        body.put("handlingDays", 0);
        body.put("transitDays", 3.0);
        body.put("timeZone", "America/New_York");
        body.put("unpaidCancelDays", 7);
        body.put("workingDays", List.of("monday", "TUESDAY", "Wednesday", "THURSDAY", "FRIDAY", "SATURDAY"));
        body.put("cutoff", null);
        body.put("holidayCountry", null);
        body.put("holidaysAdded", List.of("2027-01-02"));
        body.put("holidaysRemoved", List.of("2026-12-26"));
        Seller after = SettingsRequests.parse(body, TODAY).applyTo(SELLER);
        assertEquals("Acme Outlet", after.storeName());
        assertEquals("alerts@acme.example", after.notifyEmail());
        assertNull(after.replyTo());
        assertEquals("+49 30 1234", after.supportContact());
        assertEquals(0, after.handlingDays());
        assertEquals(3, after.transitDays());
        assertEquals(ZoneId.of("America/New_York"), after.timeZone());
        assertEquals(7, after.unpaidCancelDays());
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), after.calendar().workingDays());
        assertNull(after.calendar().cutoff());
        assertEquals(List.of(LocalDate.of(2027, 1, 2)), List.copyOf(after.calendar().addedHolidays()));
        assertEquals(List.of(LocalDate.of(2026, 12, 26)), List.copyOf(after.calendar().removedHolidays()));
    }

    @Test
    void every_bad_field_is_named_at_once() {
        Map<String, Object> body = new HashMap<>();
        body.put("handlingDays", 31);
        body.put("transitDays", 0);
        body.put("timeZone", "Mars/Olympus");
        body.put("cutoff", "25:00");
        body.put("workingDays", List.of());
        body.put("holidayCountry", "XX");
        body.put("holidaysAdded", List.of("2026-02-30", "1999-01-01"));
        body.put("unpaidCancelDays", 0);
        body.put("notifyEmail", "not-an-address");
        body.put("storeName", null);
        body.put("cutOff", "14:00");
        assertEquals(List.of("cutOff", "storeName", "notifyEmail", "handlingDays", "transitDays", "unpaidCancelDays",
                "timeZone", "workingDays", "cutoff", "holidayCountry", "holidaysAdded[0]", "holidaysAdded[1]"),
                fields(body));
    }

    @Test
    void numbers_must_be_whole_and_in_range() {
        assertEquals(List.of("handlingDays"), fields(Map.of("handlingDays", 1.5)));
        assertEquals(List.of("handlingDays"), fields(Map.of("handlingDays", "2")));
        assertEquals(List.of("handlingDays"), fields(Map.of("handlingDays", -1)));
        assertEquals(List.of("unpaidCancelDays"), fields(Map.of("unpaidCancelDays",
                SettingsRequests.MAX_UNPAID_CANCEL_DAYS + 1)));
        assertEquals(30, SettingsRequests.parse(Map.of("handlingDays", 30), TODAY).handlingDays());
    }

    @Test
    void cutoff_is_twenty_four_hour_hh_mm() {
        assertEquals(List.of("cutoff"), fields(Map.of("cutoff", "2pm")));
        assertEquals(List.of("cutoff"), fields(Map.of("cutoff", "14:00:00")));
        assertEquals(List.of("cutoff"), fields(Map.of("cutoff", "9:00")));
        assertEquals(LocalTime.of(23, 59), SettingsRequests.parse(Map.of("cutoff", "23:59"), TODAY).cutoff().value());
    }

    @Test
    void working_days_are_named_once_each() {
        assertEquals(List.of("workingDays[1]"), fields(Map.of("workingDays", List.of("MONDAY", "MONDAY"))));
        assertEquals(List.of("workingDays[0]"), fields(Map.of("workingDays", List.of("MON"))));
        assertEquals(List.of("workingDays"), fields(Map.of("workingDays", "MONDAY")));
    }

    @Test
    void holiday_dates_are_iso_days_from_last_year_to_five_years_ahead() {
        assertEquals(List.of("holidaysAdded[0]"), fields(Map.of("holidaysAdded", List.of("2024-12-31"))));
        assertEquals(List.of("holidaysAdded[0]"), fields(Map.of("holidaysAdded", List.of("2032-01-01"))));
        assertEquals(List.of("holidaysAdded[0]"), fields(Map.of("holidaysAdded", List.of("2026-1-5"))));
        assertEquals(List.of("holidaysAdded[1]"), fields(Map.of("holidaysAdded", List.of("2026-12-31", "2026-12-31"))));
        assertEquals(List.of("holidaysRemoved"), fields(Map.of("holidaysAdded", List.of("2026-12-31"),
                "holidaysRemoved", List.of("2026-12-31"))));
        assertEquals(2, SettingsRequests.parse(Map.of("holidaysAdded", List.of("2025-01-01", "2031-12-31")), TODAY)
                .holidaysAdded().size());
    }

    @Test
    void an_empty_or_null_holiday_list_removes_the_list() {
        Map<String, Object> body = new HashMap<>();
        body.put("holidaysAdded", null);
        body.put("holidaysRemoved", List.of());
        Seller after = SettingsRequests.parse(body, TODAY).applyTo(SELLER);
        assertTrue(after.calendar().addedHolidays().isEmpty());
        assertTrue(after.calendar().removedHolidays().isEmpty());
    }

    @Test
    void a_holiday_country_must_be_a_preset() {
        assertEquals(List.of("holidayCountry"), fields(Map.of("holidayCountry", "Narnia")));
        Assumptions.assumeFalse(HolidayPresets.countries().isEmpty(), "no presets yet");
        String country = HolidayPresets.countries().first();
        assertEquals(country, SettingsRequests.parse(Map.of("holidayCountry", country), TODAY)
                .applyTo(SELLER).calendar().holidayCountry());
    }

    @Test
    void an_empty_body_changes_nothing() {
        assertTrue(SettingsRequests.parse(Map.of(), TODAY).isEmpty());
        assertEquals(SELLER, SettingsRequests.parse(Map.of(), TODAY).applyTo(SELLER));
    }
}
