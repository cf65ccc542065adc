package orderflow.shared.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A box checked at the packing bench: the scanned codes against what the order still has to ship.
 * Missing = expected units not scanned; extra = more units of an expected SKU than it needs;
 * wrong = codes of nothing in this order. It passes when all three are empty.
 */
public record PackCheck(boolean passed, List<Count> missing, List<Count> extra, List<String> wrong, int scanned) {

    public record Count(String sku, int expected, int scanned) {
    }

    public static final int MAX_SCANS = 2_000;

    /** {@code codes} maps each scan code (barcode, or the SKU without one) to its SKU. */
    public static PackCheck of(Map<String, Integer> expected, Map<String, String> codes, List<String> scans) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (String scan : scans) {
            String sku = codes.get(scan.strip());
            if (sku == null || !expected.containsKey(sku)) {
                wrong.add(scan.strip());
            } else {
                counted.merge(sku, 1, Integer::sum);
            }
        }
        List<Count> missing = new ArrayList<>();
        List<Count> extra = new ArrayList<>();
        expected.forEach((sku, want) -> {
            int got = counted.getOrDefault(sku, 0);
            if (got < want) {
                missing.add(new Count(sku, want, got));
            } else if (got > want) {
                extra.add(new Count(sku, want, got));
            }
        });
        return new PackCheck(missing.isEmpty() && extra.isEmpty() && wrong.isEmpty(), List.copyOf(missing),
                List.copyOf(extra), List.copyOf(wrong), scans.size());
    }

    /** The body {scans: [code, ...]}, every field named when wrong. */
    public static List<String> scans(Map<String, Object> body) {
        Object v = body.get("scans");
        List<FieldError> errors = new ArrayList<>();
        List<String> scans = new ArrayList<>();
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_SCANS) {
            errors.add(new FieldError("scans", "must be a non-empty array of at most " + MAX_SCANS + " scanned codes"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s && !s.isBlank() && s.strip().length() <= 64) {
                    scans.add(s.strip());
                } else {
                    errors.add(new FieldError("scans[" + i + "]", "must be a scanned code of 1 to 64 characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
        return scans;
    }
}
