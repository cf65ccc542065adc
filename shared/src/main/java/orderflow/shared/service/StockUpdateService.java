package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.StockItem;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.OrderQueue;

/**
 * Changes to the seller's stock: counts and adjustments (audited, never below what is reserved).
 * New stock wakes the backordered orders of that SKU (oldest first, by the processing step) and
 * every change brings the low-stock alerts up to date. Answers the SKU as it reads afterwards.
 */
public final class StockUpdateService {

    private final Inventory inventory;
    private final LowStockAlerts alerts;
    private final OrderQueue queue;
    private final Clock clock;
    private final InventoryQueryService reads;

    public StockUpdateService(Inventory inventory, LowStockAlerts alerts, OrderQueue queue, Clock clock) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.queue = queue;
        this.clock = clock;
        this.reads = new InventoryQueryService(inventory);
    }

    public InventoryQueryService.Detail put(String sellerId, String actor, String sku, Map<String, Object> body) {
        InventoryRequests.sku(sku);
        InventoryRequests.Put put = InventoryRequests.put(body);
        Instant now = clock.instant();
        // The count the write replaced, or null when it kept losing the race.
        Long previous = Races.retry(3, attempt -> {
            StockItem before = inventory.get(sellerId, sku).orElse(null);
            long onHand = before == null ? 0 : before.onHand();
            if (before != null && before.reserved() > put.onHand()) {
                throw belowReserved("onHand", "must be at least " + before.reserved()
                        + ", the units reserved for confirmed orders");
            }
            if (inventory.put(sellerId, sku, put, onHand, actor, now)) {
                return onHand;
            }
            return null; // the count or the reservations changed under us: again
        });
        if (previous == null) { // the count or the reservations kept changing under us
            throw new Failure.Conflict("The stock of " + sku + " kept changing; nothing was written. Retry.");
        }
        after(sellerId, sku, put.onHand() > previous, now);
        return reads.get(sellerId, sku);
    }

    public InventoryQueryService.Detail adjust(String sellerId, String actor, String sku, Map<String, Object> body) {
        InventoryRequests.sku(sku);
        InventoryRequests.Adjustment adjustment = InventoryRequests.adjustment(body);
        Instant now = clock.instant();
        if (!inventory.adjust(sellerId, sku, adjustment.delta(), adjustment.reason(), actor, now)) {
            StockItem item = inventory.get(sellerId, sku).orElseThrow(() -> new Failure.NotFound(
                    "No stock item " + sku + ": set its count with PUT /v1/inventory/" + sku + " first."));
            if (item.onHand() + adjustment.delta() > InventoryRequests.MAX_UNITS) {
                throw new Failure.InvalidInput("Too much stock.", List.of(new FieldError("delta",
                        "would take on hand above " + InventoryRequests.MAX_UNITS)));
            }
            throw belowReserved("delta", "must be at least -" + item.available() + ": " + item.onHand()
                    + " on hand, " + item.reserved() + " reserved for confirmed orders");
        }
        after(sellerId, sku, adjustment.delta() > 0, now);
        return reads.get(sellerId, sku);
    }

    private void after(String sellerId, String sku, boolean arrived, Instant now) {
        if (arrived) {
            queue.stockArrived(sellerId, sku); // backorders of this SKU are retried, oldest first
        }
        alerts.check(sellerId, List.of(sku), now);
    }

    private static Failure belowReserved(String field, String message) {
        return new Failure.InvalidInput("On hand cannot drop below what is reserved.",
                List.of(new FieldError(field, message)));
    }
}
