package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random reserve / commit / release / restock / write-off transactions, counts and adjustments on a
 * few SKUs, applied to {@link StockModel} (DynamoOrders' and DynamoInventory's conditions): on hand,
 * reserved and available never go negative, available is always on hand minus reserved, and a
 * refused write changes nothing.
 */
class StockProperties {

    private static final List<String> SKUS = List.of("MUG-BLUE", "TEE-BLACK-L", "SCARF-GREEN");

    /** One operation; its numbers are read against the stock as it is when it runs. */
    record Op(int kind, int sku, int quantity, int other, boolean staleRead) {
        @Override
        public String toString() {
            String[] names = {"reserve", "commit", "release", "restock", "write-off", "count", "adjust", "transaction"};
            return names[kind] + " " + SKUS.get(sku) + " q=" + quantity + " other=" + other + (staleRead ? " stale" : "");
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, SKUS.size() - 1), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(-15, 40), Arbitraries.of(false, false, false, true))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400)
    void on_hand_reserved_and_available_never_go_negative(@ForAll("operations") List<Op> ops) {
        StockModel stock = new StockModel();
        stock.count("MUG-BLUE", 5, 0); // one SKU starts with stock, the others have no item yet
        int refused = 0;
        for (Op op : ops) {
            String sku = SKUS.get(op.sku());
            Map<String, StockModel.Item> before = snapshot(stock);
            boolean applied = switch (op.kind()) {
                case 0 -> stock.apply(List.of(new StockChange(sku, op.quantity(), StockChange.Kind.RESERVE)));
                case 1 -> stock.apply(List.of(new StockChange(sku, op.quantity(), StockChange.Kind.COMMIT)));
                case 2 -> stock.apply(List.of(new StockChange(sku, op.quantity(), StockChange.Kind.RELEASE)));
                case 3 -> stock.apply(List.of(new StockChange(sku, op.quantity(), StockChange.Kind.RESTOCK)));
                case 4 -> stock.apply(List.of(new StockChange(sku, op.quantity(), StockChange.Kind.WRITE_OFF)));
                case 5 -> {
                    StockModel.Item item = stock.item(sku);
                    long read = item == null ? 0 : item.onHand;
                    // A stale read is what a concurrent writer leaves behind: the write must then be refused.
                    yield stock.count(sku, Math.max(0, op.other()), op.staleRead() ? read + 1 : read);
                }
                case 6 -> stock.adjust(sku, op.other() == 0 ? 1 : op.other());
                default -> stock.apply(transaction(op)); // an order of every SKU: all lines or none
            };
            if (!applied) {
                refused++;
                assertEquals(before.toString(), snapshot(stock).toString(), "a refused " + op + " changed the stock");
            }
            for (Map.Entry<String, StockModel.Item> e : stock.items().entrySet()) {
                StockModel.Item i = e.getValue();
                String where = e.getKey() + " " + i + " after " + op;
                assertTrue(i.onHand >= 0, "on hand below 0: " + where);
                assertTrue(i.reserved >= 0, "reserved below 0: " + where);
                assertTrue(i.available >= 0, "available below 0: " + where);
                assertEquals(i.onHand - i.reserved, i.available, "available is not on hand - reserved: " + where);
            }
        }
        assertTrue(refused <= ops.size());
    }

    /** A multi-SKU transaction: one move per SKU, the kind from the op. */
    private static List<StockChange> transaction(Op op) {
        StockChange.Kind[] kinds = {StockChange.Kind.RESERVE, StockChange.Kind.COMMIT, StockChange.Kind.RELEASE,
                StockChange.Kind.RESTOCK};
        List<StockChange> moves = new ArrayList<>();
        for (int i = 0; i < SKUS.size(); i++) {
            moves.add(new StockChange(SKUS.get(i), 1 + (op.quantity() + i) % 4, kinds[Math.floorMod(op.other() + i, 4)]));
        }
        return moves;
    }

    private static Map<String, StockModel.Item> snapshot(StockModel stock) {
        Map<String, StockModel.Item> copy = new LinkedHashMap<>();
        stock.items().forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }
}
