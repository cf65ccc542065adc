package orderflow.shared.domain.uploads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stock count file: sku and the units on hand (column "quantity", "on-hand" or "quantity-on-hand"),
 * optionally the bin ("bin" or "bin-location") and the low-stock threshold ("low-stock-threshold" or
 * "threshold"). Each row becomes the body of PUT /v1/inventory/{sku}; a SKU counted twice in one file
 * keeps its first row and the others are refused.
 */
public final class StockCounts {

    public static final String SKU = "sku";
    static final List<String> ON_HAND = List.of("quantity", "on-hand", "quantity-on-hand", "onhand");
    static final List<String> BIN = List.of("bin", "bin-location");
    static final List<String> THRESHOLD = List.of("low-stock-threshold", "threshold");

    private StockCounts() {
    }

    /** A count: body is what PUT /v1/inventory/{sku} takes; refused, when set, says why the row is not used. */
    public record Count(int line, String sku, Map<String, Object> body, String refused) {
    }

    public static List<Count> counts(FlatFile file) {
        String onHand = first(file, ON_HAND);
        List<String> missing = new ArrayList<>();
        if (!file.header().contains(SKU)) {
            missing.add(SKU);
        }
        if (onHand == null) {
            missing.add("quantity (or on-hand)");
        }
        if (!missing.isEmpty()) {
            throw new UploadRefused("Missing column" + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", missing)
                    + ". The header row must name sku and quantity (or on-hand); optional: bin, low-stock-threshold.");
        }
        String bin = first(file, BIN);
        String threshold = first(file, THRESHOLD);
        Map<String, Integer> seen = new HashMap<>();
        List<Count> counts = new ArrayList<>();
        for (FlatFile.Row row : file.rows()) {
            String sku = row.get(SKU);
            Map<String, Object> body = new HashMap<>();
            String refused = null;
            if (sku == null) {
                refused = "sku is required";
            } else if (seen.containsKey(sku)) {
                refused = "sku " + sku + " is already counted on line " + seen.get(sku);
            } else {
                seen.put(sku, row.line());
                refused = units(row.get(onHand), onHand, true, body, "onHand");
                if (refused == null && threshold != null) {
                    refused = units(row.get(threshold), threshold, false, body, "lowStockThreshold");
                }
                if (bin != null && row.get(bin) != null) {
                    body.put("binLocation", row.get(bin));
                }
            }
            counts.add(new Count(row.line(), sku, body, refused));
        }
        return counts;
    }

    private static String units(String value, String column, boolean required, Map<String, Object> body, String field) {
        if (value == null) {
            return required ? column + " is required" : null;
        }
        if (!value.matches("[0-9]{1,8}")) {
            return column + " must be a whole number of at least 0, not \"" + ShippingConfirmations.shorten(value) + "\"";
        }
        body.put(field, Long.parseLong(value));
        return null;
    }

    private static String first(FlatFile file, List<String> names) {
        return names.stream().filter(file.header()::contains).findFirst().orElse(null);
    }
}
