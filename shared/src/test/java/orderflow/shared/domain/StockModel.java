package orderflow.shared.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InventoryTable in memory, for the property tests: one item per SKU with onHand, reserved and
 * available, changed exactly as DynamoOrders and DynamoInventory change it, and refused exactly
 * when their condition expressions would refuse (a refused transaction changes nothing).
 * <ul>
 *   <li>RESERVE: {@code available >= :q} (an absent item fails it), then reserved += q, available -= q</li>
 *   <li>COMMIT: {@code reserved >= :q AND onHand >= :q}, then onHand -= q, reserved -= q</li>
 *   <li>RELEASE: {@code reserved >= :q}, then reserved -= q, available += q</li>
 *   <li>RESTOCK: {@code attribute_exists(onHand)}, then onHand += q, available += q</li>
 *   <li>WRITE_OFF: no write to the item (only a movement is logged)</li>
 *   <li>count (PUT): {@code (attribute_not_exists(onHand) OR onHand = :prev) AND (attribute_not_exists(reserved)
 *       OR reserved <= :on)}, then onHand = :on, available = :on - reserved</li>
 *   <li>adjustment: {@code attribute_exists(onHand) AND available >= -:d AND onHand <= MAX - :d}, then
 *       onHand += d, available += d</li>
 * </ul>
 */
public final class StockModel {

    /** One stock item; available is stored, as in the table, not derived. */
    public static final class Item {
        public long onHand;
        public long reserved;
        public long available;

        Item copy() {
            Item i = new Item();
            i.onHand = onHand;
            i.reserved = reserved;
            i.available = available;
            return i;
        }

        @Override
        public String toString() {
            return "{onHand=" + onHand + ", reserved=" + reserved + ", available=" + available + "}";
        }
    }

    private final Map<String, Item> items = new LinkedHashMap<>();

    public Map<String, Item> items() {
        return items;
    }

    public Item item(String sku) {
        return items.get(sku);
    }

    /** The moves of one order change, all or nothing, as one TransactWriteItems; false when any condition fails. */
    public boolean apply(List<StockChange> moves) {
        Map<String, Item> staged = new LinkedHashMap<>();
        for (StockChange m : moves) {
            Item current = staged.containsKey(m.sku()) ? staged.get(m.sku()) : items.get(m.sku());
            if (m.kind() == StockChange.Kind.WRITE_OFF) {
                continue;
            }
            if (staged.containsKey(m.sku())) {
                // DynamoDB refuses two actions on one item in a transaction; the code never sends them.
                throw new IllegalArgumentException("two moves of " + m.sku() + " in one transaction");
            }
            if (current == null) {
                return false; // every condition needs the item (available, reserved, onHand exist)
            }
            Item next = current.copy();
            long q = m.quantity();
            switch (m.kind()) {
                case RESERVE -> {
                    if (current.available < q) {
                        return false;
                    }
                    next.reserved += q;
                    next.available -= q;
                }
                case COMMIT -> {
                    if (current.reserved < q || current.onHand < q) {
                        return false;
                    }
                    next.onHand -= q;
                    next.reserved -= q;
                }
                case RELEASE -> {
                    if (current.reserved < q) {
                        return false;
                    }
                    next.reserved -= q;
                    next.available += q;
                }
                case RESTOCK -> {
                    next.onHand += q;
                    next.available += q;
                }
                default -> throw new IllegalArgumentException(m.kind().name());
            }
            staged.put(m.sku(), next);
        }
        items.putAll(staged);
        return true;
    }

    /** A count (PUT /v1/inventory/{sku}) of what the caller read as previousOnHand. */
    public boolean count(String sku, long onHand, long previousOnHand) {
        Item current = items.get(sku);
        boolean countMatches = current == null ? previousOnHand == 0 : current.onHand == previousOnHand;
        if (!countMatches || (current != null && current.reserved > onHand)) {
            return false;
        }
        Item next = new Item();
        next.reserved = current == null ? 0 : current.reserved;
        next.onHand = onHand;
        next.available = onHand - next.reserved;
        items.put(sku, next);
        return true;
    }

    /** An adjustment (POST /v1/inventory/{sku}/adjustments). */
    public boolean adjust(String sku, long delta) {
        Item current = items.get(sku);
        if (current == null || current.available < -delta || current.onHand > InventoryRequests.MAX_UNITS - delta) {
            return false;
        }
        current.onHand += delta;
        current.available += delta;
        return true;
    }
}
