package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.PackCheck;
import orderflow.shared.domain.StockItem;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;

/** The pack check at the bench: the scans against what the order has left to ship; a pass is recorded. */
public final class PackCheckService {

    private final Orders orders;
    private final Inventory inventory;
    private final Clock clock;

    public PackCheckService(Orders orders, Inventory inventory, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.clock = clock;
    }

    public record CheckResult(PackCheck check, Order order) {
    }

    /** Compares the scans with what the order has left to ship; a passed check is recorded on the order. */
    public CheckResult packCheck(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        List<String> scans = PackCheck.scans(body);
        Packing.requirePackable(order);
        Map<String, Integer> expected = order.unshippedBySku();
        Map<String, String> codes = new HashMap<>();
        Map<String, StockItem> items = inventory.getAll(sellerId, expected.keySet());
        for (String sku : expected.keySet()) {
            StockItem item = items.get(sku);
            codes.put(sku, sku); // a SKU label is scanned as the SKU
            if (item != null) {
                codes.put(item.scanCode(), sku); // and its barcode, when it has one
            }
        }
        PackCheck check = PackCheck.of(expected, codes, scans);
        if (!check.passed()) {
            return new CheckResult(check, order);
        }
        Instant now = clock.instant();
        var change = OrderLifecycle.recordPackCheck(order, check, actor, now);
        return switch (orders.apply(change)) {
            case Orders.Done d -> new CheckResult(check, change.after());
            case Orders.Stale s -> throw new Failure.Conflict("The order changed while it was being checked;"
                    + " nothing was recorded. Scan again.");
            case Orders.Short s -> throw new IllegalStateException("a pack check moves no stock");
        };
    }
}
