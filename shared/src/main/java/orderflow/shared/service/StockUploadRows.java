package orderflow.shared.service;

import java.util.Objects;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.uploads.RowResult;
import orderflow.shared.domain.uploads.StockCounts;
import orderflow.shared.ports.Inventory;

/**
 * Applies one stock count row through {@link StockUpdateService} (PUT /v1/inventory/{sku}). A count
 * that repeats what the item holds (same units, and the same bin and threshold when given) is
 * unchanged and writes nothing: no count movement of 0 units in the log, whatever the re-uploads.
 */
final class StockUploadRows {

    private final StockUpdateService stock;
    private final Inventory inventory;

    StockUploadRows(StockUpdateService stock, Inventory inventory) {
        this.stock = stock;
        this.inventory = inventory;
    }

    RowResult count(String sellerId, Actor actor, StockCounts.Count count) {
        if (count.refused() != null) {
            return new RowResult(count.line(), RowResult.Outcome.REJECTED, count.refused(), null, null, count.sku());
        }
        try {
            InventoryRequests.sku(count.sku());
            InventoryRequests.Put put = InventoryRequests.put(count.body());
            Optional<StockItem> before = inventory.get(sellerId, count.sku());
            if (before.isPresent() && same(before.get(), put)) {
                return new RowResult(count.line(), RowResult.Outcome.UNCHANGED, "already counted at " + put.onHand(),
                        null, null, count.sku());
            }
            stock.put(sellerId, actor.toString(), count.sku(), count.body());
            return new RowResult(count.line(), RowResult.Outcome.ACCEPTED, null, null, null, count.sku());
        } catch (Failure f) {
            return new RowResult(count.line(), RowResult.Outcome.REJECTED, ShippingConfirmationsText.reason(f), null,
                    null, count.sku());
        }
    }

    private static boolean same(StockItem item, InventoryRequests.Put put) {
        return item.onHand() == put.onHand()
                && (put.lowStockThreshold() == null || put.lowStockThreshold() == item.lowStockThreshold())
                && (put.binLocation() == null || Objects.equals(put.binLocation(), item.binLocation()));
    }
}
