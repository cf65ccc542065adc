package orderflow.shared.ports;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.StockMovement;

/**
 * InventoryTable and its movement log. Stock changes by the seller are conditional writes that
 * never take on-hand below what is reserved, each with its movement in the same transaction.
 */
public interface Inventory {

    Optional<StockItem> get(String sellerId, String sku);

    /** The items of these SKUs that exist (for bins, barcodes). */
    Map<String, StockItem> getAll(String sellerId, Collection<String> skus);

    /** Sets the count (and the settings given); false when on hand would drop below reserved. */
    boolean put(String sellerId, String sku, InventoryRequests.Put put, long previousOnHand, String actor, Instant at);

    /** Adds delta to on hand; false when the item is missing or on hand would drop below reserved. */
    boolean adjust(String sellerId, String sku, long delta, String reason, String actor, Instant at);

    List<StockMovement> movements(String sellerId, String sku, int limit);

    /** A page of the seller's items by SKU; lowStockOnly reads the sparse LowStock index. */
    Page list(String sellerId, boolean lowStockOnly, String afterSku, int limit);

    record Page(List<StockItem> items, String nextSku) {
    }

    /**
     * Brings each SKU's low-stock mark up to date after its available count changed: marks the ones
     * that fell below their threshold (a crossing, numbered) and clears the ones back at or above it.
     * Returns the marked items whose alert is not yet recorded as queued.
     */
    List<Crossing> refreshLowStock(String sellerId, Collection<String> skus, Instant at);

    record Crossing(StockItem item, long number) {
    }

    /** Records that the alert for this crossing was queued, so later refreshes do not queue it again. */
    void markAlertQueued(String sellerId, String sku, long crossing);
}
