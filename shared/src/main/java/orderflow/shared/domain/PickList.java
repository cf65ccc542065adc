package orderflow.shared.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to collect for a set of orders: every unit not yet shipped, grouped by SKU with the total,
 * its bin and the orders it goes to, in bin order so one walk through the warehouse collects it
 * all (SKUs without a bin come last, by SKU).
 */
public record PickList(List<Line> lines, int orders, int units, boolean more) {

    public record Line(String sku, String title, String binLocation, int quantity, List<Share> orders) {
    }

    public record Share(String orderId, String externalOrderId, int quantity) {
    }

    public static PickList of(List<Order> orders, Map<String, StockItem> stock) {
        Map<String, Map<String, Integer>> units = new LinkedHashMap<>();
        orders.forEach(o -> units.put(o.orderId(), o.unshippedBySku()));
        return of(orders, units, stock);
    }

    /** The units to pick of each order given (by order id): what is left to ship, or more (labels bought, not yet packed). */
    public static PickList of(List<Order> orders, Map<String, Map<String, Integer>> toPick, Map<String, StockItem> stock) {
        Map<String, List<Share>> shares = new TreeMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (Order o : orders) {
            toPick.get(o.orderId()).forEach((sku, q) -> shares.computeIfAbsent(sku, k -> new ArrayList<>())
                    .add(new Share(o.orderId(), o.externalOrderId(), q)));
            o.lines().forEach(l -> titles.putIfAbsent(l.sku(), l.title()));
        }
        List<Line> lines = new ArrayList<>();
        int units = 0;
        for (Map.Entry<String, List<Share>> e : shares.entrySet()) {
            int total = e.getValue().stream().mapToInt(Share::quantity).sum();
            StockItem item = stock.get(e.getKey());
            lines.add(new Line(e.getKey(), titles.get(e.getKey()), item == null ? null : item.binLocation(), total,
                    List.copyOf(e.getValue())));
            units += total;
        }
        lines.sort(Comparator.comparing(Line::binLocation, Comparator.nullsLast(PickList::compareBins))
                .thenComparing(Line::sku));
        return new PickList(List.copyOf(lines), orders.size(), units, false);
    }

    /** This list covers the oldest orders only: more are waiting to be picked. */
    public PickList truncated() {
        return new PickList(lines, orders, units, true);
    }

    /** "A-2" before "A-10": digit runs compare as numbers, the rest as text. */
    static int compareBins(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                int c = Character.compare(Character.toUpperCase(x), Character.toUpperCase(y));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
