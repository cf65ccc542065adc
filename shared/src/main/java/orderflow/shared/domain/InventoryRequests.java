package orderflow.shared.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The bodies of the inventory routes, validated with every bad field named. */
public final class InventoryRequests {

    public static final long MAX_UNITS = 10_000_000L;
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private InventoryRequests() {
    }

    /**
     * PUT /v1/inventory/{sku}: the count and settings; settings left out keep their value.
     * handlingDays null keeps it, unless clearHandlingDays (an explicit JSON null: back to the seller's).
     */
    public record Put(long onHand, Long lowStockThreshold, String binLocation, String barcode,
                      orderflow.shared.domain.shipping.ShippingProfile shipping, Integer handlingDays,
                      boolean clearHandlingDays) {

        public Put(long onHand, Long lowStockThreshold, String binLocation, String barcode) {
            this(onHand, lowStockThreshold, binLocation, barcode, null);
        }

        public Put(long onHand, Long lowStockThreshold, String binLocation, String barcode,
                   orderflow.shared.domain.shipping.ShippingProfile shipping) {
            this(onHand, lowStockThreshold, binLocation, barcode, shipping, null, false);
        }
    }

    /** The longest handling time a SKU may have, in shipping days (Seller Central allows 30). */
    public static final int MAX_HANDLING_DAYS = 30;

    /** The heaviest unit and the largest side a label carrier takes (70 kg, 3 m). */
    public static final int MAX_WEIGHT_GRAMS = 70_000;
    public static final int MAX_SIDE_MM = 3_000;

    /** POST /v1/inventory/{sku}/adjustments. */
    public record Adjustment(long delta, String reason) {
    }

    public static String sku(String sku) {
        if (sku == null || !Skus.isValid(sku)) {
            throw new Failure.InvalidInput("The SKU in the path is not valid.", List.of(new FieldError("sku",
                    Skus.RULE)));
        }
        return sku;
    }

    public static Put put(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        Long onHand = units(body, "onHand", true, 0, errors);
        Long threshold = units(body, "lowStockThreshold", false, 0, errors);
        String bin = text(body, "binLocation", 32, errors);
        String barcode = text(body, "barcode", 64, errors);
        if (barcode != null && !CODE.matcher(barcode).matches()) {
            errors.add(new FieldError("barcode", "must be printable ASCII without spaces"));
        }
        orderflow.shared.domain.shipping.ShippingProfile shipping = shipping(body, errors);
        Integer handling = handlingDays(body.get("handlingDays"), errors);
        check(errors);
        return new Put(onHand, threshold, bin, barcode, shipping, handling,
                body.containsKey("handlingDays") && body.get("handlingDays") == null);
    }

    public static Adjustment adjustment(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        Long delta = units(body, "delta", true, -MAX_UNITS, errors);
        if (delta != null && delta == 0) {
            errors.add(new FieldError("delta", "must not be 0"));
        }
        String reason = text(body, "reason", 200, errors);
        if (reason == null && !errors.stream().anyMatch(e -> e.field().equals("reason"))) {
            errors.add(new FieldError("reason", "is required (for example \"received PO 1042\" or \"damaged\")"));
        }
        check(errors);
        return new Adjustment(delta, reason);
    }

    /**
     * weightGrams and box {lengthMm, widthMm, heightMm}, both optional; null when neither is given
     * (inventory settings and a parcel's rates read them alike).
     */
    public static orderflow.shared.domain.shipping.ShippingProfile shipping(Map<String, Object> body,
                                                                          List<FieldError> errors) {
        Integer weight = whole(body.get("weightGrams"), "weightGrams", MAX_WEIGHT_GRAMS, errors);
        Object box = body.get("box");
        Integer length = null;
        Integer width = null;
        Integer height = null;
        if (box != null) {
            if (box instanceof Map<?, ?> m) {
                length = whole(m.get("lengthMm"), "box.lengthMm", MAX_SIDE_MM, errors);
                width = whole(m.get("widthMm"), "box.widthMm", MAX_SIDE_MM, errors);
                height = whole(m.get("heightMm"), "box.heightMm", MAX_SIDE_MM, errors);
                if (m.get("lengthMm") == null || m.get("widthMm") == null || m.get("heightMm") == null) {
                    errors.add(new FieldError("box", "needs lengthMm, widthMm and heightMm"));
                }
            } else {
                errors.add(new FieldError("box", "must be an object {lengthMm, widthMm, heightMm}"));
            }
        }
        return weight == null && box == null ? null
                : new orderflow.shared.domain.shipping.ShippingProfile(weight, length, width, height);
    }

    private static Integer handlingDays(Object v, List<FieldError> errors) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0
                || n.doubleValue() > MAX_HANDLING_DAYS) {
            errors.add(new FieldError("handlingDays", "must be a whole number of shipping days from 0 to "
                    + MAX_HANDLING_DAYS + ", or null for the seller's handling time"));
            return null;
        }
        return n.intValue();
    }

    static Integer whole(Object v, String name, int max, List<FieldError> errors) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
                || n.doubleValue() > max) {
            errors.add(new FieldError(name, "must be a whole number from 1 to " + max));
            return null;
        }
        return n.intValue();
    }

    private static Long units(Map<String, Object> json, String name, boolean required, long min,
                              List<FieldError> errors) {
        Object v = json.get(name);
        if (v == null) {
            if (required) {
                errors.add(new FieldError(name, "is required"));
            }
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min || n.doubleValue() > MAX_UNITS) {
            errors.add(new FieldError(name, "must be a whole number from " + min + " to " + MAX_UNITS));
            return null;
        }
        return n.longValue();
    }

    private static String text(Map<String, Object> json, String name, int max, List<FieldError> errors) {
        Object v = json.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.strip().length() > max
                || s.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(name, "must be 1 to " + max + " characters without control characters"));
            return null;
        }
        return s.strip();
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }
}
