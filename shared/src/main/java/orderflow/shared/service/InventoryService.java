package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.StockMovement;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.OrderQueue;

/**
 * The seller's stock: counts and adjustments (audited, never below what is reserved), reads, the
 * low-stock list. New stock wakes the backordered orders of that SKU (oldest first, by the
 * processing step) and every change brings the low-stock alerts up to date.
 */
public final class InventoryService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;
    private static final int RECENT_MOVEMENTS = 20;

    private final Inventory inventory;
    private final LowStockAlerts alerts;
    private final OrderQueue queue;
    private final Clock clock;

    /** alerts and queue may be null for read-only use. */
    public InventoryService(Inventory inventory, LowStockAlerts alerts, OrderQueue queue, Clock clock) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.queue = queue;
        this.clock = clock;
    }

    public record Detail(StockItem item, List<StockMovement> movements) {
    }

    public record Listing(List<StockItem> items, String nextCursor) {
    }

    public Detail put(String sellerId, String actor, String sku, Map<String, Object> body) {
        InventoryRequests.sku(sku);
        InventoryRequests.Put put = InventoryRequests.put(body);
        Instant now = clock.instant();
        long previous = 0;
        for (int attempt = 1; ; attempt++) {
            StockItem before = inventory.get(sellerId, sku).orElse(null);
            previous = before == null ? 0 : before.onHand();
            if (before != null && before.reserved() > put.onHand()) {
                throw belowReserved("onHand", "must be at least " + before.reserved()
                        + ", the units reserved for confirmed orders");
            }
            if (inventory.put(sellerId, sku, put, previous, actor, now)) {
                break;
            }
            if (attempt == 3) { // the count or the reservations kept changing under us
                throw new Failure.Conflict("The stock of " + sku + " kept changing; nothing was written. Retry.");
            }
        }
        after(sellerId, sku, put.onHand() > previous, now);
        return get(sellerId, sku);
    }

    public Detail adjust(String sellerId, String actor, String sku, Map<String, Object> body) {
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
        return get(sellerId, sku);
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

    public Detail get(String sellerId, String sku) {
        InventoryRequests.sku(sku);
        StockItem item = inventory.get(sellerId, sku).orElseThrow(() -> new Failure.NotFound("No stock item " + sku + "."));
        return new Detail(item, inventory.movements(sellerId, sku, RECENT_MOVEMENTS));
    }

    /** GET /v1/inventory?lowStock=&limit=&cursor=: by SKU; lowStock=true reads the low-stock index. */
    public Listing list(String sellerId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        boolean lowStock = false;
        if (q.get("lowStock") != null) {
            if (q.get("lowStock").equals("true") || q.get("lowStock").equals("false")) {
                lowStock = Boolean.parseBoolean(q.get("lowStock"));
            } else {
                errors.add(new FieldError("lowStock", "must be true or false"));
            }
        }
        int limit = QueryParams.limit(q, DEFAULT_PAGE, MAX_PAGE, errors);
        String after = null;
        if (q.get("cursor") != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8);
                InventoryRequests.sku(after);
            } catch (IllegalArgumentException | Failure e) {
                errors.add(new FieldError("cursor", "is not a cursor returned by this listing"));
            }
        }
        QueryParams.check(errors);
        Inventory.Page page = inventory.list(sellerId, lowStock, after, limit);
        return new Listing(page.items(), page.nextSku() == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(page.nextSku().getBytes(StandardCharsets.UTF_8)));
    }
}
