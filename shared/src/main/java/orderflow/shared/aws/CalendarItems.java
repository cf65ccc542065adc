package orderflow.shared.aws;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import orderflow.shared.domain.calendar.ShippingCalendar;
import orderflow.shared.domain.settings.SettingsChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seller's shipping calendar on its SELLER# item: {@code workingDays} (string set, MONDAY..),
 * {@code cutoff} (HH:mm), {@code holidayCountry} (ISO 3166 alpha-2), {@code holidaysAdded} and
 * {@code holidaysRemoved} (string sets of ISO dates). Absent attributes keep the default.
 */
final class CalendarItems {

    private CalendarItems() {
    }

    static ShippingCalendar read(Map<String, AttributeValue> item) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (item.containsKey("workingDays")) {
            item.get("workingDays").ss().forEach(d -> days.add(DayOfWeek.valueOf(d)));
        }
        String cutoff = Attr.str(item, "cutoff");
        return new ShippingCalendar(days.isEmpty() ? ShippingCalendar.DEFAULT.workingDays() : days,
                cutoff == null ? null : LocalTime.parse(cutoff), Attr.str(item, "holidayCountry"),
                dates(item.get("holidaysAdded")), dates(item.get("holidaysRemoved")));
    }

    /** The attributes to SET; names of empty ones (a set cannot be empty) come back in {@code remove}. */
    static void write(ShippingCalendar c, Map<String, AttributeValue> set, List<String> remove) {
        set.put("workingDays", AttributeValue.fromSs(c.workingDays().stream().map(Enum::name).sorted().toList()));
        if (c.cutoff() == null) {
            remove.add("cutoff");
        } else {
            set.put("cutoff", Attr.s(c.cutoff().toString()));
        }
        if (c.holidayCountry() == null) {
            remove.add("holidayCountry");
        } else {
            set.put("holidayCountry", Attr.s(c.holidayCountry()));
        }
        putDates(set, remove, "holidaysAdded", c.addedHolidays());
        putDates(set, remove, "holidaysRemoved", c.removedHolidays());
    }

    /** The attributes of the calendar fields a settings change holds (the others are left as they are). */
    static void writeChange(SettingsChange change, Map<String, AttributeValue> set, List<String> remove) {
        if (change.workingDays() != null) {
            set.put("workingDays", AttributeValue.fromSs(change.workingDays().stream().map(Enum::name).sorted().toList()));
        }
        if (change.cutoff() != null) {
            if (change.cutoff().value() == null) {
                remove.add("cutoff");
            } else {
                set.put("cutoff", Attr.s(change.cutoff().value().toString()));
            }
        }
        if (change.holidayCountry() != null) {
            if (change.holidayCountry().value() == null) {
                remove.add("holidayCountry");
            } else {
                set.put("holidayCountry", Attr.s(change.holidayCountry().value()));
            }
        }
        if (change.holidaysAdded() != null) {
            putDates(set, remove, "holidaysAdded", change.holidaysAdded());
        }
        if (change.holidaysRemoved() != null) {
            putDates(set, remove, "holidaysRemoved", change.holidaysRemoved());
        }
    }

    private static void putDates(Map<String, AttributeValue> set, List<String> remove, String name,
                                 SortedSet<LocalDate> dates) {
        if (dates.isEmpty()) {
            remove.add(name);
        } else {
            set.put(name, AttributeValue.fromSs(dates.stream().map(LocalDate::toString).toList()));
        }
    }

    private static SortedSet<LocalDate> dates(AttributeValue value) {
        TreeSet<LocalDate> out = new TreeSet<>();
        if (value != null && value.hasSs()) {
            value.ss().forEach(d -> out.add(LocalDate.parse(d)));
        }
        return out;
    }
}
