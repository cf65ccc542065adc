package orderflow.shared.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bodies of the seller's order actions, validated with every bad field named. Dates are an
 * RFC 3339 instant ("2026-11-27T15:04:05Z") or a calendar day ("2026-11-27", the start of that day
 * in the seller's time zone).
 */
public final class ActionRequests {

    /** Amazon's seller cancel reasons, simplified; BUYER_REQUESTED does not count against the seller. */
    public static final Set<String> CANCEL_REASONS = Set.of("BUYER_REQUESTED", "OUT_OF_STOCK",
            "ADDRESS_UNDELIVERABLE", "PRICING_ERROR", "FRAUD_SUSPECTED", "OTHER");

    private ActionRequests() {
    }

    public record Cancel(String reason, String note) {
        public boolean buyerRequested() {
            return reason.equals("BUYER_REQUESTED");
        }

        /** What the history and the buyer's email say. */
        public String describe() {
            return note == null ? reason : reason + ": " + note;
        }
    }

    /** quantities empty = every unit not yet shipped. */
    /** label: the label bought here that this package ships with (null when the seller typed the tracking in). */
    public record Ship(String carrier, String trackingNumber, Instant shipDate, Map<String, Integer> quantities,
                       orderflow.shared.domain.shipping.ShipmentLabel label) {

        public Ship(String carrier, String trackingNumber, Instant shipDate, Map<String, Integer> quantities) {
            this(carrier, trackingNumber, shipDate, quantities, null);
        }
    }

    /** shipmentId null = every shipment not yet delivered. */
    public record Delivery(Instant deliveredAt, String shipmentId) {
    }

    public static Cancel cancel(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        String reason = text(body, "reason", 1, 40, true, errors);
        if (reason != null && !CANCEL_REASONS.contains(reason)) {
            errors.add(new FieldError("reason", "must be one of " + new TreeSet<>(CANCEL_REASONS)));
        }
        String note = text(body, "note", 1, 500, false, errors);
        check(errors);
        return new Cancel(reason, note);
    }

    public static Ship ship(Map<String, Object> body, ZoneId zone, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String carrier = text(body, "carrier", 1, 40, true, errors);
        String tracking = text(body, "trackingNumber", 1, 40, true, errors);
        Instant shipDate = date(body, "shipDate", zone, now, errors);
        Map<String, Integer> quantities = lines(body, errors);
        check(errors);
        return new Ship(carrier, tracking, shipDate, quantities);
    }

    /**
     * The optional "lines" of a package, [{sku, quantity}], each SKU once; empty when left out
     * (everything left to ship). Errors are added to the list.
     */
    public static Map<String, Integer> lines(Map<String, Object> body, List<FieldError> errors) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        Object lines = body.get("lines");
        if (lines != null) {
            if (!(lines instanceof List<?> list) || list.isEmpty() || list.size() > GenericOrderPayload.MAX_LINES) {
                errors.add(new FieldError("lines", "must be a non-empty array of at most "
                        + GenericOrderPayload.MAX_LINES + " {sku, quantity}, or left out to ship everything left"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String path = "lines[" + i + "]";
                    if (!(list.get(i) instanceof Map<?, ?> raw)) {
                        errors.add(new FieldError(path, "must be an object {sku, quantity}"));
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> line = (Map<String, Object>) raw;
                    String sku = text(line, "sku", 1, 64, true, errors, path + ".sku");
                    Object q = line.get("quantity");
                    if (!(q instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                            || n.doubleValue() < 1 || n.doubleValue() > GenericOrderPayload.MAX_QUANTITY) {
                        errors.add(new FieldError(path + ".quantity", "must be a whole number from 1 to "
                                + GenericOrderPayload.MAX_QUANTITY));
                    } else if (sku != null && quantities.merge(sku, n.intValue(), Integer::sum) != n.intValue()) {
                        errors.add(new FieldError(path + ".sku", "appears twice; give each SKU once"));
                    }
                }
            }
        }
        return quantities;
    }

    public static Delivery delivery(Map<String, Object> body, ZoneId zone, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant at = date(body, "deliveredAt", zone, now, errors);
        String shipmentId = text(body, "shipmentId", 1, 40, false, errors);
        check(errors);
        return new Delivery(at, shipmentId);
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }

    private static String text(Map<String, Object> json, String name, int min, int max, boolean required,
                               List<FieldError> errors) {
        return text(json, name, min, max, required, errors, name);
    }

    private static String text(Map<String, Object> json, String name, int min, int max, boolean required,
                               List<FieldError> errors, String path) {
        Object v = json.get(name);
        if (v == null) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        String t = s.strip();
        if (t.length() < min || t.length() > max || t.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(path, "must be " + min + " to " + max + " characters without control characters"));
            return null;
        }
        return t;
    }

    /** A date that is not in the future (an hour's clock skew allowed). */
    private static Instant date(Map<String, Object> json, String name, ZoneId zone, Instant now,
                                List<FieldError> errors) {
        Object v = json.get(name);
        if (!(v instanceof String s)) {
            errors.add(new FieldError(name, v == null ? "is required" : "must be a string"));
            return null;
        }
        Instant at;
        try {
            at = s.length() == 10 ? LocalDate.parse(s).atStartOfDay(zone).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date (2026-11-27) or an RFC 3339 time (2026-11-27T15:04:05Z)"));
            return null;
        }
        if (at.isAfter(now.plusSeconds(3600))) {
            errors.add(new FieldError(name, "must not be in the future"));
            return null;
        }
        return at;
    }
}
