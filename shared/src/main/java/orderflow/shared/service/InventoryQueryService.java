package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
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

/** Reads of the seller's stock: one SKU with its recent movements, the listing by SKU, the low-stock list. */
public final class InventoryQueryService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;
    private static final int RECENT_MOVEMENTS = 20;

    private final Inventory inventory;

    public InventoryQueryService(Inventory inventory) {
        this.inventory = inventory;
    }

    public record Detail(StockItem item, List<StockMovement> movements) {
    }

    public record Listing(List<StockItem> items, String nextCursor) {
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
