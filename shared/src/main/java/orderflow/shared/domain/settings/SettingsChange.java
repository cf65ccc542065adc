package orderflow.shared.domain.settings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.SortedSet;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.ShippingCalendar;

/**
 * A validated partial change of a seller's settings (PATCH /v1/settings). A null component is a
 * field the request left out (kept as it is); a {@link Clear} holds a field that may be removed,
 * whose value null means "remove". Built only by {@link SettingsRequests#parse}.
 */
public record SettingsChange(String storeName, Clear<String> notifyEmail, Clear<String> replyTo,
                             Clear<String> supportContact, Integer handlingDays, Integer transitDays,
                             ZoneId timeZone, Integer unpaidCancelDays, Set<DayOfWeek> workingDays,
                             Clear<LocalTime> cutoff, Clear<String> holidayCountry,
                             SortedSet<LocalDate> holidaysAdded, SortedSet<LocalDate> holidaysRemoved) {

    /** A new value of a field that may also be removed (value null). */
    public record Clear<T>(T value) {
    }

    /** The seller as it is after this change: what the write stores, for tests and the answer. */
    public Seller applyTo(Seller s) {
        ShippingCalendar c = s.calendar();
        ShippingCalendar calendar = new ShippingCalendar(pick(workingDays, c.workingDays()),
                pick(cutoff, c.cutoff()), pick(holidayCountry, c.holidayCountry()),
                pick(holidaysAdded, c.addedHolidays()), pick(holidaysRemoved, c.removedHolidays()));
        return new Seller(s.sellerId(), pick(storeName, s.storeName()), pick(notifyEmail, s.notifyEmail()),
                pick(replyTo, s.replyTo()), pick(supportContact, s.supportContact()),
                pick(handlingDays, s.handlingDays()), pick(timeZone, s.timeZone()), pick(transitDays, s.transitDays()),
                pick(unpaidCancelDays, s.unpaidCancelDays()), calendar);
    }

    public boolean isEmpty() {
        return storeName == null && notifyEmail == null && replyTo == null && supportContact == null
                && handlingDays == null && transitDays == null && timeZone == null && unpaidCancelDays == null
                && workingDays == null && cutoff == null && holidayCountry == null && holidaysAdded == null
                && holidaysRemoved == null;
    }

    private static <T> T pick(T given, T current) {
        return given == null ? current : given;
    }

    private static <T> T pick(Clear<T> given, T current) {
        return given == null ? current : given.value();
    }
}
