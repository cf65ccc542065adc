package orderflow.shared.domain.uploads;

import java.util.Comparator;
import java.util.List;

/** The outcome of one row of an upload, as the result file lists it. */
public record RowResult(int line, Outcome outcome, String reason, String orderId, String shipmentId, String sku) {

    public enum Outcome {
        ACCEPTED, REJECTED, UNCHANGED;

        public String csv() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String HEADER = "line,status,reason,order-id,shipment-id,sku\n";

    public static RowResult rejected(int line, String reason) {
        return new RowResult(line, Outcome.REJECTED, reason, null, null, null);
    }

    public String csv() {
        return line + "," + outcome.csv() + "," + cell(reason) + "," + cell(orderId) + "," + cell(shipmentId) + ","
                + cell(sku) + "\n";
    }

    /** The lines of a result file, in file order. */
    public static String csv(List<RowResult> results) {
        StringBuilder out = new StringBuilder();
        results.stream().sorted(Comparator.comparingInt(RowResult::line)).forEach(r -> out.append(r.csv()));
        return out.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
