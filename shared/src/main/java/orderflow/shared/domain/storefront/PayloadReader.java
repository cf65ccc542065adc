package orderflow.shared.domain.storefront;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Skus;
import orderflow.shared.domain.Totals;

/**
 * Reads platform JSON (maps and lists from jackson-jr) field by field, collecting every bad field
 * under its JSON path instead of stopping at the first; they become the order's holds. The
 * rules on SKUs, emails, countries and lengths are those of {@link GenericOrderPayload}, so an order
 * from any platform satisfies the same invariants downstream.
 */
final class PayloadReader {

    static final int MAX_TITLE = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]{1,64}@[^@\\s\"<>]+\\.[^@\\s\"<>]{2,}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    PayloadReader() {
    }

    void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** What could not be read or acted on, field by field: the order's holds (a verified delivery is never refused). */
    List<FieldError> holds() {
        return List.copyOf(errors);
    }

    static String path(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    // --- structure ---------------------------------------------------------------------------

    Map<String, Object> object(Map<String, Object> json, String key, String path, boolean required) {
        Object value = json == null ? null : json.get(key);
        if (value == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            error(path, "must be an object");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) m;
        return object;
    }

    /** The elements of an array; an element that is not an object is reported and left out as null. */
    List<Map<String, Object>> objects(Map<String, Object> json, String key, String path, boolean required) {
        Object value = json == null ? null : json.get(key);
        if (value == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(value instanceof List<?> list)) {
            error(path, "must be an array");
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) m;
                out.add(object);
            } else {
                error(path + "[" + i + "]", "must be an object");
                out.add(null);
            }
        }
        return out;
    }

    // --- text ----------------------------------------------------------------------------------

    /**
     * A string, stripped; blank counts as absent (the platforms send "" for empty fields). Too long,
     * or with control characters, is an error.
     */
    String text(Map<String, Object> json, String key, String path, int max, boolean required) {
        Object value = json == null ? null : json.get(key);
        if (value != null && !(value instanceof String)) {
            error(path, "must be a string");
            return null;
        }
        return text((String) value, path, max, required);
    }

    /** A value already picked (from fallbacks, say), checked as {@link #text(Map, String, String, int, boolean)} does. */
    String text(String value, String path, int max, boolean required) {
        String s = value == null ? null : value.strip();
        if (s == null || s.isEmpty()) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (s.length() > max) {
            error(path, "must be at most " + max + " characters");
            return null;
        }
        if (hasControlCharacters(s)) {
            error(path, "must not contain control characters");
            return null;
        }
        return s;
    }

    /** Any string, never an error: absent, blank or not a string gives null. */
    static String loose(Map<String, Object> json, String key) {
        Object value = json == null ? null : json.get(key);
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        return null;
    }

    /** "first last" from whichever parts are there; null when neither is. */
    static String fullName(Map<String, Object> json, String firstKey, String lastKey) {
        String first = loose(json, firstKey);
        String last = loose(json, lastKey);
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }

    /**
     * A product title for display: informational only, so never a reason to refuse an order. Control
     * characters become spaces and an overlong title is cut.
     */
    static String title(String raw, String fallback) {
        String s = raw == null || raw.isBlank() ? fallback : raw.strip();
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TITLE));
        for (int i = 0; i < s.length() && out.length() < MAX_TITLE; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out.length() + 2 > MAX_TITLE) {
                        break;
                    }
                    out.append(c).append(s.charAt(++i));
                }
                continue; // a lone surrogate is dropped
            }
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        String title = out.toString().strip();
        return title.isEmpty() ? fallback : title;
    }

    /** The platform's order number for display (#1001): text or a number, control characters dropped, at most 64. */
    static String displayNumber(Object raw) {
        String s = raw instanceof String || raw instanceof Number ? raw.toString() : null;
        if (s == null || s.isBlank()) {
            return null;
        }
        String clean = title(s, s).replaceAll("\\s+", " ");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    /**
     * A platform's id of a line (kept to name the line when a change goes back to the platform): a
     * positive whole number or 1-64 printable ASCII characters, as text; anything else is not kept
     * (null), never a reason to hold the order.
     */
    static String idText(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            return new BigInteger(raw.toString()).signum() > 0 ? raw.toString() : null;
        }
        return raw instanceof String s && s.matches("[\\x21-\\x7e]{1,64}") ? s : null;
    }

    /** A platform id: a whole JSON number or a non-blank string, as text. */
    String id(Map<String, Object> json, String key, String path) {
        Object value = json == null ? null : json.get(key);
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            if (new BigInteger(value.toString()).signum() <= 0) {
                error(path, "must be a positive number");
                return null;
            }
            return value.toString();
        }
        if (value == null || value instanceof String) {
            return text(json, key, path, 100, true);
        }
        error(path, "must be a whole number or a string");
        return null;
    }

    /**
     * The line's SKU as the seller typed it on the platform (any printable text, see {@link Skus}).
     * Absent (a custom item, a gift card) or unusable: null and a hold, and the line is kept for the
     * seller to map.
     */
    String sku(Map<String, Object> json, String key, String path) {
        Object value = json == null ? null : json.get(key);
        if (value == null || value instanceof String s && s.isBlank()) {
            error(path, "has no SKU: map it to a SKU");
            return null;
        }
        String sku = value instanceof String s ? s.strip() : null;
        if (!Skus.isValid(sku)) {
            error(path, "is not a usable SKU (it " + Skus.RULE + "): map it to a SKU");
            return null;
        }
        return sku;
    }

    /**
     * The buyer's email, or null: absent (a phone-only or POS checkout, Amazon's hidden PII) or not an
     * address. Neither holds the order, which ships all the same; the buyer just gets no emails from
     * here, and a note says why.
     */
    String email(String value, String path) {
        String email = value == null ? null : value.strip();
        if (email == null || email.isEmpty()) {
            note("no buyer email: the buyer gets no emails from here");
            return null;
        }
        if (email.length() > 254 || hasControlCharacters(email) || !EMAIL.matcher(email).matches()) {
            note(path + " is not an email address (" + abbreviate(email) + "): the buyer gets no emails from here");
            return null;
        }
        return email;
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    String country(Map<String, Object> json, String key, String path) {
        String country = text(json, key, path, 2, true);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            error(path, "must be an ISO 3166-1 alpha-2 code such as US");
            return null;
        }
        return country;
    }

    String currency(Object value, String path) {
        if (value == null || value instanceof String s && s.isBlank()) {
            error(path, "is required");
            return null;
        }
        if (!(value instanceof String s) || !Money.isCurrency(s.strip())) {
            error(path, "must be an ISO 4217 currency code such as USD");
            return null;
        }
        return s.strip();
    }

    // --- numbers ---------------------------------------------------------------------------------

    /** A whole number of units between 1 and {@link GenericOrderPayload#MAX_QUANTITY}. */
    Integer quantity(Map<String, Object> json, String key, String path) {
        Object value = json == null ? null : json.get(key);
        if (value == null) {
            error(path, "is required");
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            error(path, "must be a whole number");
            return null;
        }
        long n = ((Number) value).longValue();
        if (n < 1 || n > GenericOrderPayload.MAX_QUANTITY) {
            error(path, "must be between 1 and " + GenericOrderPayload.MAX_QUANTITY);
            return null;
        }
        return (int) n;
    }

    /**
     * A non-negative amount: a decimal string ("19.99") or an exact JSON number (jackson-jr reads
     * decimals as BigDecimal, never through a binary double). More decimals than the currency has is
     * an error, never a rounding. Absent gives null (and an error when required); with currency
     * unknown nothing is parsed (the currency field carries the error).
     */
    Money amount(Map<String, Object> json, String key, String path, String currency, boolean required) {
        return amount(json == null ? null : json.get(key), path, currency, required, null);
    }

    Money amount(Object value, String path, String currency, boolean required, String missingHint) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                error(path, missingHint == null ? "is required" : "is required (" + missingHint + ")");
            }
            return null;
        }
        String decimal = decimalText(value);
        if (decimal == null) {
            error(path, "must be a decimal string such as \"19.99\"");
            return null;
        }
        if (currency == null || currency.equals("XXX")) {
            return null; // the currency field carries the error
        }
        try {
            Money money = Money.parse(decimal, currency);
            if (money.isNegative()) {
                error(path, "must not be negative");
                return null;
            }
            return money;
        } catch (IllegalArgumentException | ArithmeticException e) {
            error(path, e.getMessage() + " (got " + abbreviate(decimal) + ")");
            return null;
        }
    }

    private static String decimalText(Object value) {
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            // Not what jackson-jr gives us here (USE_BIG_DECIMAL_FOR_FLOATS); the shortest decimal
            // that reads back as this double is what the JSON text said.
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).toPlainString() : null;
        }
        return null;
    }

    /**
     * A non-negative amount (a decimal string or an exact JSON number) in an ISO currency, exactly, for
     * readers that skip what they cannot read rather than hold an order; null when it is not one.
     */
    static Money exactAmount(Object value, Object currency) {
        String decimal = value == null ? null : decimalText(value);
        if (decimal == null || !(currency instanceof String c) || !Money.isCurrency(c.strip())) {
            return null;
        }
        try {
            Money m = Money.parse(decimal, c.strip());
            return m.isNegative() ? null : m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** lineTotal / quantity, exactly in minor units, else an error on path. */
    Money unitPrice(Money lineTotal, int quantity, String path) {
        if (lineTotal.minor() % quantity != 0) {
            error(path, "is " + lineTotal.toDecimalString() + " for " + quantity
                    + " units: not a whole number of minor units each, and unit prices are kept exact");
            return null;
        }
        return new Money(lineTotal.minor() / quantity, lineTotal.currency());
    }

    // --- time ------------------------------------------------------------------------------------

    /**
     * An ISO-8601 date-time. With an offset (or Z) it is exact; without one it is taken as UTC only
     * when assumeUtc (WooCommerce's *_gmt fields), else it is an error. Absent gives null.
     */
    Instant instant(Map<String, Object> json, String key, String path, boolean assumeUtc) {
        Object value = json == null ? null : json.get(key);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof String s) {
            Instant parsed = parseInstant(s.strip(), assumeUtc);
            if (parsed != null) {
                return parsed;
            }
        }
        error(path, "must be an ISO-8601 date-time such as 2026-11-27T08:00:00Z");
        return null;
    }

    static Instant parseInstant(String s, boolean assumeUtc) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: maybe a local date-time
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // fall through
        }
        if (assumeUtc) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return null;
    }

    /** Reads one line item at its JSON path; null when it has errors (they are recorded). */
    interface LineReader {
        OrderLine read(Map<String, Object> item, String path);
    }

    /** line_items: 1 to MAX_LINES objects, each read by {@code reader}; errors are collected, not thrown. */
    List<OrderLine> lineItems(Map<String, Object> body, LineReader reader) {
        List<OrderLine> lines = new ArrayList<>();
        List<Map<String, Object>> items = objects(body, "line_items", "line_items", true);
        if (items == null) {
            return lines;
        }
        if (items.isEmpty() || items.size() > GenericOrderPayload.MAX_LINES) {
            error("line_items", "has " + items.size() + " lines; an order here has 1 to " + GenericOrderPayload.MAX_LINES
                    + ": split or cancel it on the platform");
            return lines;
        }
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            if (item != null) {
                OrderLine line = reader.read(item, "line_items[" + i + "]");
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * The platform's declared total must be what our reading adds up to; when it is not, the order is
     * held (never refused) with both numbers, and the declared total is the one kept: it is what the
     * buyer was charged.
     */
    Totals checkTotal(String field, Money declared, Totals computed, String formula) {
        if (declared == null || declared.equals(computed.total())) {
            return computed;
        }
        error(field, "is " + declared.toDecimalString() + " but " + formula + " = " + computed.total().toDecimalString()
                + ": check the order on the platform, then release it accepting the difference");
        return new Totals(computed.subtotal(), computed.shipping(), computed.tax(), declared, computed.discount(),
                computed.fees(), computed.taxIncluded());
    }

    /** The currency to keep money in: the order's, else "XXX" (ISO 4217's "no currency") on a held order. */
    static String currencyOrNone(String currency) {
        return currency == null ? "XXX" : currency;
    }

    static Totals totals(List<OrderLine> lines, String currency, Money shipping, Money tax, Money discount) {
        return totals(lines, currency, shipping, tax, discount, null, false);
    }

    static Totals totals(List<OrderLine> lines, String currency, Money shipping, Money tax, Money discount, Money fees,
                         boolean taxIncluded) {
        Money subtotal = Money.zero(currency);
        for (OrderLine line : lines) {
            subtotal = subtotal.plus(line.lineTotal());
        }
        Money zero = Money.zero(currency);
        return Totals.of(subtotal, orZero(shipping, zero), orZero(tax, zero), orZero(discount, zero), orZero(fees, zero),
                taxIncluded);
    }

    private static Money orZero(Money m, Money zero) {
        return m == null || !m.currency().equals(zero.currency()) ? zero : m;
    }

    /** a + b where either may be null (unread). */
    static Money plus(Money a, Money b) {
        return a == null ? b : b == null ? a : a.plus(b);
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    // --- helpers -------------------------------------------------------------------------------

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
