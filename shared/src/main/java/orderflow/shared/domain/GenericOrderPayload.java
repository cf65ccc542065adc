package orderflow.shared.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads our generic webhook JSON (docs/webhooks.md) into an {@link IncomingOrder}, collecting every
 * bad field instead of stopping at the first; bad fields are the order's holds (a signed delivery is
 * never refused for its content), and what could be read is kept. Unknown fields are ignored.
 */
public final class GenericOrderPayload {

    /** One DynamoDB transaction reserves a whole order: 100 actions, two of them the order and its history entry. */
    public static final int MAX_LINES = 98;
    public static final int MAX_QUANTITY = 10_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]{1,64}@[^@\\s\"<>]+\\.[^@\\s\"<>]{2,}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final List<FieldError> errors = new ArrayList<>();

    private GenericOrderPayload() {
    }

    public static IncomingOrder parse(Map<String, Object> body) {
        return new GenericOrderPayload().read(body);
    }

    private IncomingOrder read(Map<String, Object> body) {
        String externalId = text(body, "externalOrderId", "externalOrderId", 1, 100, true);
        Instant createdAt = instant(body, "createdAt");
        String payment = text(body, "paymentStatus", "paymentStatus", 1, 20, true);
        if (payment != null && !payment.equals("PAID") && !payment.equals("PENDING")) {
            error("paymentStatus", "must be PAID or PENDING");
        }
        String currency = text(body, "currency", "currency", 3, 3, true);
        if (currency != null && !Money.isCurrency(currency)) {
            error("currency", "must be an ISO 4217 currency code such as USD");
            currency = null;
        }
        Map<String, Object> buyerJson = object(body, "buyer", "buyer", true);
        Buyer buyer = null;
        if (buyerJson != null) {
            String name = text(buyerJson, "name", "buyer.name", 1, 200, true);
            String email = text(buyerJson, "email", "buyer.email", 3, 254, true);
            if (email != null && !EMAIL.matcher(email).matches()) {
                error("buyer.email", "must be an email address");
                email = null; // never written to
            }
            buyer = new Buyer(name == null ? "unknown buyer" : name, email);
        }
        Address shipTo = address(object(body, "shipTo", "shipTo", true));
        List<OrderLine> lines = lines(body, currency);
        Money shipping = amount(body, "shippingTotal", "shippingTotal", currency, false);
        Money tax = amount(body, "taxTotal", "taxTotal", currency, false);
        Money declaredTotal = amount(body, "total", "total", currency, false);

        // Never refused once signed: what is wrong is a hold, and the rest of the order is kept.
        String money = currency == null ? "XXX" : currency;
        Totals totals;
        try {
            Money subtotal = Money.zero(money);
            for (OrderLine line : lines) {
                subtotal = subtotal.plus(line.lineTotal());
            }
            totals = Totals.of(subtotal, shipping == null ? Money.zero(money) : shipping,
                    tax == null ? Money.zero(money) : tax);
        } catch (ArithmeticException e) {
            // Prices and quantities each within bounds can still add up past a long in minor units
            // (3-decimal currencies): held with its reason, never a 500 the storefront retries forever.
            error("lines", "add up to more than the largest amount an order can hold in " + money
                    + ": check the order on the storefront, then cancel it or send it again corrected");
            Money zero = Money.zero(money);
            totals = Totals.of(zero, zero, zero);
            declaredTotal = null;
        }
        if (declaredTotal != null && !declaredTotal.equals(totals.total())) {
            error("total", "is " + declaredTotal.toDecimalString() + " but lines + shipping + tax = "
                    + totals.total().toDecimalString() + ": release the order accepting the difference, or resend it");
            totals = new Totals(totals.subtotal(), totals.shipping(), totals.tax(), declaredTotal);
        }
        return new IncomingOrder(externalId, createdAt, "PAID".equals(payment), money,
                buyer == null ? new Buyer("unknown buyer", null) : buyer, shipTo == null ? Address.NONE : shipTo,
                lines, totals, new Intake(null, false, false, errors, null, null, List.of()));
    }

    private Address address(Map<String, Object> json) {
        if (json == null) {
            return null;
        }
        String name = text(json, "name", "shipTo.name", 1, 200, true);
        String line1 = text(json, "line1", "shipTo.line1", 1, 200, true);
        String line2 = text(json, "line2", "shipTo.line2", 0, 200, false);
        String city = text(json, "city", "shipTo.city", 1, 100, true);
        String region = text(json, "region", "shipTo.region", 0, 100, false);
        String postal = text(json, "postalCode", "shipTo.postalCode", 1, 20, true);
        String country = text(json, "country", "shipTo.country", 2, 2, true);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            error("shipTo.country", "must be an ISO 3166-1 alpha-2 code such as US");
        }
        return new Address(name, line1, line2, city, region, postal, country);
    }

    private List<OrderLine> lines(Map<String, Object> body, String currency) {
        Object raw = body.get("lines");
        List<OrderLine> lines = new ArrayList<>();
        if (!(raw instanceof List<?> list)) {
            error("lines", raw == null ? "is required" : "must be an array");
            return lines;
        }
        if (list.isEmpty() || list.size() > MAX_LINES) {
            error("lines", "must have between 1 and " + MAX_LINES + " lines");
            return lines;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "lines[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                error(path, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> line = (Map<String, Object>) m;
            String sku = line.get("sku") == null ? null : text(line, "sku", path + ".sku", 1, Skus.MAX_LENGTH, true);
            if (line.get("sku") == null) {
                error(path + ".sku", "has no SKU: map it to a SKU");
            }
            if (sku != null && !Skus.isValid(sku)) {
                error(path + ".sku", Skus.RULE + ": map it to a SKU");
                sku = null;
            }
            String title = text(line, "title", path + ".title", 0, 500, false);
            Integer quantity = integer(line, "quantity", path + ".quantity", 1, MAX_QUANTITY);
            Money price = amount(line, "unitPrice", path + ".unitPrice", currency, true);
            if (quantity != null) { // kept even without a usable SKU or price: the seller maps it
                lines.add(new OrderLine(sku, title != null ? title : sku != null ? sku : path, quantity,
                        price != null ? price : Money.zero(currency == null ? "XXX" : currency)));
            }
        }
        return lines;
    }

    private String text(Map<String, Object> json, String key, String path, int min, int max, boolean required) {
        Object value = json.get(key);
        if (value == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            error(path, "must be a string");
            return null;
        }
        String trimmed = s.strip();
        if (trimmed.length() < min || trimmed.length() > max) {
            error(path, min == max ? "must be " + min + " characters"
                    : "must be between " + Math.max(min, required ? 1 : 0) + " and " + max + " characters");
            return null;
        }
        if (hasControlCharacters(trimmed)) {
            error(path, "must not contain control characters");
            return null;
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private Integer integer(Map<String, Object> json, String key, String path, int min, int max) {
        Object value = json.get(key);
        if (value == null) {
            error(path, "is required");
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            error(path, "must be a whole number");
            return null;
        }
        long n = ((Number) value).longValue();
        if (n < min || n > max) {
            error(path, "must be between " + min + " and " + max);
            return null;
        }
        return (int) n;
    }

    private Money amount(Map<String, Object> json, String key, String path, String currency, boolean required) {
        Object value = json.get(key);
        if (value == null) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            error(path, "must be a decimal string such as \"19.99\"");
            return null;
        }
        if (currency == null) {
            return null; // reported on the currency field already
        }
        try {
            Money money = Money.parse(s, currency);
            if (money.isNegative()) {
                error(path, "must not be negative");
                return null;
            }
            return money;
        } catch (IllegalArgumentException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    private Instant instant(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        error(key, "must be an ISO-8601 instant such as 2026-11-27T08:00:00Z");
        return null;
    }

    private Map<String, Object> object(Map<String, Object> json, String key, String path, boolean required) {
        Object value = json.get(key);
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

    private static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
