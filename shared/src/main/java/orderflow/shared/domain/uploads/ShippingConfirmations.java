package orderflow.shared.domain.uploads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.TrackingNumbers;

/**
 * Seller Central's shipping confirmation flat file: order-id, order-item-id, quantity, ship-date,
 * carrier-code, carrier-name, tracking-number, ship-method (Amazon's template; "sku" is accepted in
 * place of order-item-id). Rows of one order with one tracking number are one package, shipped as
 * one shipment. Unlike Seller Central, a tracking number is required: our shipments are tracked.
 */
public final class ShippingConfirmations {

    public static final String ORDER_ID = "order-id";
    public static final String ORDER_ITEM_ID = "order-item-id";
    public static final String SKU = "sku";
    public static final String QUANTITY = "quantity";
    public static final String SHIP_DATE = "ship-date";
    public static final String CARRIER_CODE = "carrier-code";
    public static final String CARRIER_NAME = "carrier-name";
    public static final String TRACKING_NUMBER = "tracking-number";
    public static final String SHIP_METHOD = "ship-method";

    private ShippingConfirmations() {
    }

    /** A row of a package: which line of the order (its platform line id or SKU; neither = all left) and how many. */
    public record Item(int line, String orderItemId, String sku, Integer quantity) {
        public boolean wholeOrder() {
            return orderItemId == null && sku == null;
        }
    }

    /**
     * One package: the order as the file names it (ours or the platform's id), the carrier, tracking
     * number and ship date of its first row, its items; refused holds the rows that cannot be read
     * (the package is then refused as a whole, so no package ships with a line missing).
     */
    public record Package(String orderRef, String carrier, String trackingNumber, String shipDate, List<Item> items,
                          List<RowResult> refused) {
        public List<Integer> lines() {
            List<Integer> lines = new ArrayList<>(items.stream().map(Item::line).toList());
            refused.forEach(r -> lines.add(r.line()));
            return lines;
        }
    }

    /** Throws {@link UploadRefused} naming every missing column. */
    public static List<Package> packages(FlatFile file) {
        List<String> missing = new ArrayList<>();
        for (String column : List.of(ORDER_ID, SHIP_DATE, TRACKING_NUMBER)) {
            if (!file.header().contains(column)) {
                missing.add(column);
            }
        }
        if (!file.header().contains(CARRIER_CODE) && !file.header().contains(CARRIER_NAME)) {
            missing.add(CARRIER_CODE + " (or " + CARRIER_NAME + ")");
        }
        if (!missing.isEmpty()) {
            throw new UploadRefused("Missing column" + (missing.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", missing) + ". The header row must name " + ORDER_ID + ", " + SHIP_DATE + ", "
                    + CARRIER_CODE + " or " + CARRIER_NAME + ", " + TRACKING_NUMBER + "; optional: " + ORDER_ITEM_ID
                    + " or " + SKU + ", " + QUANTITY + ", " + SHIP_METHOD + ".");
        }
        Map<String, Builder> packages = new LinkedHashMap<>();
        List<Package> unreadable = new ArrayList<>();
        for (FlatFile.Row row : file.rows()) {
            String order = row.get(ORDER_ID);
            String tracking = row.get(TRACKING_NUMBER);
            if (order == null || tracking == null) {
                unreadable.add(new Package(order, null, tracking, null, List.of(), List.of(RowResult.rejected(row.line(),
                        (order == null ? ORDER_ID : TRACKING_NUMBER) + " is required"))));
                continue;
            }
            String key = order + "\u0000" + TrackingNumbers.check(null, tracking).number();
            Builder b = packages.computeIfAbsent(key, k -> new Builder(order, carrier(row), tracking, row.get(SHIP_DATE)));
            String problem = problem(row);
            if (problem != null) {
                b.refused.add(RowResult.rejected(row.line(), problem));
            } else {
                b.items.add(new Item(row.line(), row.get(ORDER_ITEM_ID), row.get(SKU), quantity(row)));
            }
        }
        List<Package> all = new ArrayList<>();
        packages.values().forEach(b -> all.add(b.build()));
        all.addAll(unreadable);
        return all;
    }

    private static String carrier(FlatFile.Row row) {
        String code = row.get(CARRIER_CODE);
        return code == null || code.equalsIgnoreCase("other") ? row.get(CARRIER_NAME) : code;
    }

    /** What makes a row unusable on its own, before any order is read; null when nothing does. */
    private static String problem(FlatFile.Row row) {
        if (row.get(SHIP_DATE) == null) {
            return SHIP_DATE + " is required (yyyy-mm-dd)";
        }
        if (carrier(row) == null) {
            return CARRIER_CODE + " is required (or Other with " + CARRIER_NAME + ")";
        }
        String q = row.get(QUANTITY);
        if (q != null && (!q.matches("[0-9]{1,6}") || Integer.parseInt(q) < 1)) {
            return QUANTITY + " must be a whole number of at least 1, not \"" + shorten(q) + "\"";
        }
        if (q != null && row.get(ORDER_ITEM_ID) == null && row.get(SKU) == null) {
            return QUANTITY + " needs the " + ORDER_ITEM_ID + " or " + SKU + " it counts";
        }
        return null;
    }

    private static Integer quantity(FlatFile.Row row) {
        String q = row.get(QUANTITY);
        return q == null ? null : Integer.valueOf(q);
    }

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    private static final class Builder {
        final String order;
        final String carrier;
        final String tracking;
        final String shipDate;
        final List<Item> items = new ArrayList<>();
        final List<RowResult> refused = new ArrayList<>();

        Builder(String order, String carrier, String tracking, String shipDate) {
            this.order = order;
            this.carrier = carrier;
            this.tracking = tracking;
            this.shipDate = shipDate;
        }

        Package build() {
            return new Package(order, carrier, tracking.toUpperCase(Locale.ROOT), shipDate, List.copyOf(items),
                    List.copyOf(refused));
        }
    }
}
