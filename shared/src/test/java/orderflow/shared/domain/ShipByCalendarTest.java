package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import orderflow.shared.domain.calendar.ShippingCalendar;
import org.junit.jupiter.api.Test;

/** Ship-by and deliver-by on a seller's calendar: cut-off, holidays, Saturdays, time zones and DST. */
class ShipByCalendarTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Set<DayOfWeek> MON_FRI = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> MON_SAT = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private static ShippingCalendar calendar(Set<DayOfWeek> days, String cutoff, String country, List<String> added,
                                             List<String> removed) {
        return new ShippingCalendar(days, cutoff == null ? null : LocalTime.parse(cutoff), country,
                new TreeSet<>(added.stream().map(LocalDate::parse).toList()),
                new TreeSet<>(removed.stream().map(LocalDate::parse).toList()));
    }

    /** A US seller shipping Monday to Friday, orders in by 14:00 New York time. */
    private static final ShippingCalendar US_2PM = calendar(MON_FRI, "14:00", "US", List.of(), List.of());

    private static Instant shipBy(String purchase, int handling, ZoneId zone, ShippingCalendar c) {
        return ShipByPolicy.shipBy(Instant.parse(purchase), handling, zone, c);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void an_order_just_before_the_cut_off_counts_from_that_day() {
        // Tuesday 24 Nov 2026, 13:59:59 EST (18:59:59Z), 1 day: ship by Wednesday, end of day in New York.
        assertEquals(at("2026-11-26T04:59:59.999999999Z"), shipBy("2026-11-24T18:59:59Z", 1, NEW_YORK, US_2PM));
    }

    @Test
    void an_order_at_or_after_the_cut_off_counts_from_the_next_shipping_day() {
        // Tuesday 24 Nov at 14:00 EST: handling starts Wednesday; 1 more day skips Thanksgiving to Friday.
        assertEquals(at("2026-11-26T04:59:59.999999999Z"), shipBy("2026-11-24T19:00:00Z", 0, NEW_YORK, US_2PM));
        assertEquals(at("2026-11-28T04:59:59.999999999Z"), shipBy("2026-11-24T19:00:00Z", 1, NEW_YORK, US_2PM));
    }

    @Test
    void a_holiday_is_skipped_when_starting_and_when_counting() {
        // Wednesday before Thanksgiving (Thu 26 Nov), before the cut-off, 1 day: Thursday is skipped, Friday.
        assertEquals(at("2026-11-28T04:59:59.999999999Z"), shipBy("2026-11-25T18:00:00Z", 1, NEW_YORK, US_2PM));
        // After the cut-off: handling starts Friday (not Thursday), 1 day: Monday 30 Nov.
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), shipBy("2026-11-25T19:30:00Z", 1, NEW_YORK, US_2PM));
        // An order placed on the holiday itself starts the next shipping day.
        assertEquals(at("2026-11-28T04:59:59.999999999Z"), shipBy("2026-11-26T15:00:00Z", 0, NEW_YORK, US_2PM));
    }

    @Test
    void weekend_orders_start_on_monday_whatever_the_time() {
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), shipBy("2026-11-28T14:00:00Z", 0, NEW_YORK, US_2PM));
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), shipBy("2026-11-29T23:30:00Z", 0, NEW_YORK, US_2PM));
    }

    @Test
    void saturday_shipping_makes_saturday_a_shipping_day() {
        ShippingCalendar saturdays = calendar(MON_SAT, "14:00", "US", List.of(), List.of());
        // Friday 27 Nov after the cut-off: Saturday with Saturday shipping, Monday without.
        assertEquals(at("2026-11-29T04:59:59.999999999Z"), shipBy("2026-11-27T20:00:00Z", 0, NEW_YORK, saturdays));
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), shipBy("2026-11-27T20:00:00Z", 0, NEW_YORK, US_2PM));
        // A holiday on a Saturday is still a day off for a Saturday shipper (4 July 2026).
        assertEquals(at("2026-07-07T03:59:59.999999999Z"), shipBy("2026-07-02T20:00:00Z", 0, NEW_YORK, saturdays));
    }

    @Test
    void added_holidays_are_days_off_and_removed_ones_are_working_days() {
        ShippingCalendar blackFridayOff = calendar(MON_FRI, "14:00", "US", List.of("2026-11-27"), List.of());
        // Wednesday 25 Nov taken off: an order that morning starts Friday (Thursday is Thanksgiving).
        assertEquals(at("2026-11-28T04:59:59.999999999Z"), shipBy("2026-11-25T18:00:00Z", 0, NEW_YORK,
                calendar(MON_FRI, "14:00", "US", List.of("2026-11-25"), List.of())));
        // Black Friday taken off: Wednesday + 1 skips Thursday and Friday to Monday 30 Nov.
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), shipBy("2026-11-25T18:00:00Z", 1, NEW_YORK, blackFridayOff));
        ShippingCalendar worksThanksgiving = calendar(MON_FRI, "14:00", "US", List.of(), List.of("2026-11-26"));
        assertEquals(at("2026-11-27T04:59:59.999999999Z"), shipBy("2026-11-25T19:30:00Z", 0, NEW_YORK, worksThanksgiving));
    }

    @Test
    void new_york_spring_forward_day_ends_on_daylight_time_and_the_cut_off_is_local() {
        ShippingCalendar daily = calendar(EVERY_DAY, "14:00", null, List.of(), List.of());
        // Sunday 8 Mar 2026: 13:30 EDT (17:30Z) is before the 14:00 cut-off, 14:00 EDT (18:00Z) is not,
        // though 18:00Z is still before 14:00 at the standard-time offset.
        assertEquals(at("2026-03-09T03:59:59.999999999Z"), shipBy("2026-03-08T17:30:00Z", 0, NEW_YORK, daily));
        assertEquals(at("2026-03-10T03:59:59.999999999Z"), shipBy("2026-03-08T18:00:00Z", 0, NEW_YORK, daily));
        // Friday 6 Mar (EST), 1 day: Monday 9 Mar, which ends at midnight daylight time (04:00Z).
        assertEquals(at("2026-03-10T03:59:59.999999999Z"), shipBy("2026-03-06T15:00:00Z", 1, NEW_YORK, US_2PM));
    }

    @Test
    void a_cut_off_in_the_skipped_hour_falls_just_after_the_gap() {
        ShippingCalendar daily = calendar(EVERY_DAY, "02:30", null, List.of(), List.of());
        // 02:30 does not exist on 8 Mar 2026 in New York; the cut-off is 03:30 EDT (07:30Z).
        assertEquals(at("2026-03-09T03:59:59.999999999Z"), shipBy("2026-03-08T07:15:00Z", 0, NEW_YORK, daily));
        assertEquals(at("2026-03-10T03:59:59.999999999Z"), shipBy("2026-03-08T07:30:00Z", 0, NEW_YORK, daily));
    }

    @Test
    void new_york_fall_back_day_has_25_hours_and_a_repeated_cut_off_is_the_first_one() {
        ShippingCalendar daily = calendar(EVERY_DAY, "01:30", null, List.of(), List.of());
        // Sunday 1 Nov 2026 ends at midnight standard time (05:00Z).
        assertEquals(at("2026-11-02T04:59:59.999999999Z"), shipBy("2026-11-01T05:15:00Z", 0, NEW_YORK, daily));
        // 01:15 EST (06:15Z) comes after the first 01:30 (EDT, 05:30Z): the next day.
        assertEquals(at("2026-11-03T04:59:59.999999999Z"), shipBy("2026-11-01T06:15:00Z", 0, NEW_YORK, daily));
    }

    @Test
    void london_clock_changes_move_the_cut_off_and_the_end_of_day() {
        ShippingCalendar daily = calendar(EVERY_DAY, "14:00", null, List.of(), List.of());
        // Sunday 29 Mar 2026 (BST from 01:00 GMT): 13:59 BST = 12:59Z before, 14:00 BST = 13:00Z after.
        assertEquals(at("2026-03-29T22:59:59.999999999Z"), shipBy("2026-03-29T12:59:00Z", 0, LONDON, daily));
        assertEquals(at("2026-03-30T22:59:59.999999999Z"), shipBy("2026-03-29T13:00:00Z", 0, LONDON, daily));
        // Sunday 25 Oct 2026 (GMT from 02:00 BST) ends at midnight GMT.
        assertEquals(at("2026-10-25T23:59:59.999999999Z"), shipBy("2026-10-25T12:00:00Z", 0, LONDON, daily));
        ShippingCalendar gb = calendar(MON_FRI, "14:00", "GB", List.of(), List.of());
        // Friday 23 Oct, 14:30 BST (13:30Z): after the cut-off, Monday 26 Oct on GMT.
        assertEquals(at("2026-10-26T23:59:59.999999999Z"), shipBy("2026-10-23T13:30:00Z", 0, LONDON, gb));
        // Friday 3 Apr 2026 is Good Friday and Monday 6 Apr Easter Monday: Thursday after the cut-off ships Tuesday.
        assertEquals(at("2026-04-07T22:59:59.999999999Z"), shipBy("2026-04-02T13:30:00Z", 0, LONDON, gb));
    }

    @Test
    void deliver_by_counts_carrier_days_monday_to_friday_without_the_calendars_holidays() {
        // Shipped by Wednesday 25 Nov, 1 day in transit: Thanksgiving skipped, Friday.
        Instant wednesday = at("2026-11-26T04:59:59.999999999Z");
        assertEquals(at("2026-11-28T04:59:59.999999999Z"), ShipByPolicy.deliverBy(wednesday, 1, NEW_YORK, US_2PM));
        // Shipped on a Saturday (Saturday shipping), 1 day: Monday; carriers do not deliver on Saturdays here.
        ShippingCalendar saturdays = calendar(MON_SAT, null, "US", List.of(), List.of());
        Instant saturday = at("2026-11-29T04:59:59.999999999Z");
        assertEquals(at("2026-12-01T04:59:59.999999999Z"), ShipByPolicy.deliverBy(saturday, 1, NEW_YORK, saturdays));
        assertEquals(saturday, ShipByPolicy.deliverBy(saturday, 0, NEW_YORK, saturdays));
        // GB: shipped Thursday 24 Dec 2026, 2 days: Christmas, Boxing Day (Sat) and its Monday substitute skipped.
        ShippingCalendar gb = calendar(MON_FRI, null, "GB", List.of(), List.of());
        assertEquals(at("2026-12-30T23:59:59.999999999Z"),
                ShipByPolicy.deliverBy(at("2026-12-24T23:59:59.999999999Z"), 2, LONDON, gb));
    }

    @Test
    void an_orders_handling_is_the_longest_of_its_skus_each_defaulting_to_the_sellers() {
        assertEquals(3, ShipByPolicy.handlingDays(List.of("MUG", "TEE"), Map.of("TEE", 3), 1));
        assertEquals(2, ShipByPolicy.handlingDays(List.of("MUG", "TEE"), Map.of("TEE", 0), 2));
        assertEquals(0, ShipByPolicy.handlingDays(List.of("TEE"), Map.of("TEE", 0), 2));
        assertEquals(2, ShipByPolicy.handlingDays(List.of(), Map.of(), 2));
    }

    @Test
    void a_calendar_without_a_shipping_day_is_refused_instead_of_looping() {
        TreeSet<LocalDate> everyMonday = new TreeSet<>();
        for (LocalDate d = LocalDate.parse("2026-01-05"); d.getYear() < 2028; d = d.plusWeeks(1)) {
            everyMonday.add(d);
        }
        ShippingCalendar never = new ShippingCalendar(EnumSet.of(DayOfWeek.MONDAY), null, null, everyMonday, null);
        assertThrows(IllegalArgumentException.class, () -> shipBy("2026-03-03T12:00:00Z", 0, NEW_YORK, never));
    }
}
