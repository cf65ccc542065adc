package orderflow.shared.domain.settings;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.HolidayPresets;

/**
 * Reads a PATCH /v1/settings body: every field is optional, a field left out keeps its value, and
 * every bad field is named at once (nothing is written when one is bad). Fields that may be
 * removed take null: notifyEmail, replyTo, supportContact, cutoff, holidayCountry; an empty or null
 * holiday list removes the list.
 */
public final class SettingsRequests {

    public static final int MAX_HANDLING_DAYS = 30;
    public static final int MAX_TRANSIT_DAYS = 30;
    /** Longer than any marketplace waits for a payment (Amazon: 21 days for pending orders). */
    public static final int MAX_UNPAID_CANCEL_DAYS = 90;
    /** Holiday changes may name dates from last year to this many years ahead. */
    public static final int HOLIDAY_YEARS_AHEAD = 5;
    public static final int MAX_HOLIDAY_CHANGES = 200;
    /** The fields a PATCH may hold; anything else is refused (a misspelt field must not pass unseen). */
    public static final Set<String> FIELDS = Set.of("storeName", "notifyEmail", "replyTo", "supportContact",
            "handlingDays", "transitDays", "timeZone", "unpaidCancelDays", "workingDays", "cutoff",
            "holidayCountry", "holidaysAdded", "holidaysRemoved");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]{1,64}@[^@\\s\"<>]+\\.[^@\\s\"<>]{2,}");
    private static final Pattern CUTOFF = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private SettingsRequests() {
    }

    /** today: the seller's date, bounding the holiday dates a change may name. */
    public static SettingsChange parse(Map<String, Object> body, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a setting that can be changed; editable: "
                        + new TreeSet<>(FIELDS))));
        Reader in = new Reader(body, errors);
        String storeName = in.has("storeName") ? in.text("storeName", 100, false) : null;
        SettingsChange.Clear<String> notifyEmail = in.email("notifyEmail");
        SettingsChange.Clear<String> replyTo = in.email("replyTo");
        SettingsChange.Clear<String> supportContact = in.has("supportContact")
                ? new SettingsChange.Clear<>(in.text("supportContact", 200, true)) : null;
        Integer handling = in.whole("handlingDays", 0, MAX_HANDLING_DAYS);
        Integer transit = in.whole("transitDays", 1, MAX_TRANSIT_DAYS);
        Integer unpaid = in.whole("unpaidCancelDays", Seller.MIN_UNPAID_CANCEL_DAYS, MAX_UNPAID_CANCEL_DAYS);
        ZoneId zone = in.zone("timeZone");
        Set<DayOfWeek> days = in.weekdays("workingDays");
        SettingsChange.Clear<LocalTime> cutoff = in.cutoff("cutoff");
        SettingsChange.Clear<String> country = in.country("holidayCountry");
        SortedSet<LocalDate> added = in.dates("holidaysAdded", today);
        SortedSet<LocalDate> removed = in.dates("holidaysRemoved", today);
        if (added != null && removed != null) {
            for (LocalDate d : added) {
                if (removed.contains(d)) {
                    errors.add(new FieldError("holidaysRemoved", d + " is also in holidaysAdded; give it in one list"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The settings have " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
        return new SettingsChange(storeName, notifyEmail, replyTo, supportContact, handling, transit, zone, unpaid,
                days, cutoff, country, added, removed);
    }

    /** Field by field, collecting errors; each reader returns null for a field left out or bad. */
    private record Reader(Map<String, Object> body, List<FieldError> errors) {

        boolean has(String key) {
            return body.containsKey(key);
        }

        private void error(String key, String message) {
            errors.add(new FieldError(key, message));
        }

        String text(String key, int max, boolean nullable) {
            Object v = body.get(key);
            if (v == null) {
                if (!nullable) {
                    error(key, "must be 1 to " + max + " characters (it cannot be removed)");
                }
                return null;
            }
            if (!(v instanceof String s) || s.isBlank() || s.strip().length() > max
                    || s.chars().anyMatch(Character::isISOControl)) {
                error(key, "must be 1 to " + max + " characters without control characters"
                        + (nullable ? ", or null to remove it" : ""));
                return null;
            }
            return s.strip();
        }

        SettingsChange.Clear<String> email(String key) {
            if (!has(key)) {
                return null;
            }
            Object v = body.get(key);
            if (v == null) {
                return new SettingsChange.Clear<>(null);
            }
            if (!(v instanceof String s) || s.strip().length() > 254 || !EMAIL.matcher(s.strip()).matches()) {
                error(key, "must be an email address (at most 254 characters), or null to remove it");
                return null;
            }
            return new SettingsChange.Clear<>(s.strip());
        }

        Integer whole(String key, int min, int max) {
            if (!has(key)) {
                return null;
            }
            // jackson-jr reads 3 as Integer, 3.0 as Double: a number counts when it is whole and in range
            double x = body.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!Double.isFinite(x) || x != Math.rint(x) || x < min || x > max) {
                error(key, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return (int) x;
        }

        ZoneId zone(String key) {
            if (!has(key)) {
                return null;
            }
            if (body.get(key) instanceof String s && ZoneId.getAvailableZoneIds().contains(s.strip())) {
                try {
                    return ZoneId.of(s.strip());
                } catch (DateTimeException e) {
                    // falls through to the error: listed but not loadable
                }
            }
            error(key, "must be an IANA time zone such as Europe/Berlin or America/New_York");
            return null;
        }

        Set<DayOfWeek> weekdays(String key) {
            if (!has(key)) {
                return null;
            }
            if (!(body.get(key) instanceof List<?> list) || list.isEmpty() || list.size() > 7) {
                error(key, "must be a list of 1 to 7 weekdays, e.g. [\"MONDAY\", ..., \"SATURDAY\"]");
                return null;
            }
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (int i = 0; i < list.size(); i++) {
                DayOfWeek day = list.get(i) instanceof String s ? weekday(s) : null;
                if (day == null) {
                    error(key + "[" + i + "]", "must be a weekday name: MONDAY to SUNDAY");
                } else if (!days.add(day)) {
                    error(key + "[" + i + "]", day + " appears twice");
                }
            }
            return days;
        }

        private static DayOfWeek weekday(String name) {
            try {
                return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        SettingsChange.Clear<LocalTime> cutoff(String key) {
            if (!has(key)) {
                return null;
            }
            Object v = body.get(key);
            if (v == null) {
                return new SettingsChange.Clear<>(null);
            }
            if (!(v instanceof String s) || !CUTOFF.matcher(s).matches()) {
                error(key, "must be a time of day HH:mm (24-hour, e.g. 14:00), or null for no cut-off");
                return null;
            }
            return new SettingsChange.Clear<>(LocalTime.parse(s));
        }

        SettingsChange.Clear<String> country(String key) {
            if (!has(key)) {
                return null;
            }
            Object v = body.get(key);
            if (v == null) {
                return new SettingsChange.Clear<>(null);
            }
            if (!(v instanceof String s) || !HolidayPresets.countries().contains(s)) {
                error(key, "must be one of the preset countries " + HolidayPresets.countries()
                        + ", or null for no preset");
                return null;
            }
            return new SettingsChange.Clear<>(s);
        }

        SortedSet<LocalDate> dates(String key, LocalDate today) {
            if (!has(key)) {
                return null;
            }
            Object v = body.get(key);
            if (v == null) {
                return new TreeSet<>();
            }
            if (!(v instanceof List<?> list) || list.size() > MAX_HOLIDAY_CHANGES) {
                error(key, "must be a list of at most " + MAX_HOLIDAY_CHANGES + " dates (YYYY-MM-DD)");
                return null;
            }
            LocalDate first = LocalDate.of(today.getYear() - 1, 1, 1);
            LocalDate last = LocalDate.of(today.getYear() + HOLIDAY_YEARS_AHEAD, 12, 31);
            TreeSet<LocalDate> dates = new TreeSet<>();
            for (int i = 0; i < list.size(); i++) {
                LocalDate d = list.get(i) instanceof String s ? date(s) : null;
                if (d == null || d.isBefore(first) || d.isAfter(last)) {
                    error(key + "[" + i + "]", "must be a date YYYY-MM-DD from " + first + " to " + last);
                } else if (!dates.add(d)) {
                    error(key + "[" + i + "]", d + " appears twice");
                }
            }
            return dates;
        }

        private static LocalDate date(String s) {
            if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
