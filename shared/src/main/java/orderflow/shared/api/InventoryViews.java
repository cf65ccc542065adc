package orderflow.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.PackCheck;
import orderflow.shared.domain.PickList;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.StockMovement;
import orderflow.shared.service.InventoryQueryService;

/** The JSON shapes of the inventory and fulfillment routes (docs/api.md). */
public final class InventoryViews {

    private InventoryViews() {
    }

    public static Map<String, Object> item(StockItem i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sku", i.sku());
        json.put("onHand", i.onHand());
        json.put("reserved", i.reserved());
        json.put("available", i.available());
        json.put("lowStockThreshold", i.lowStockThreshold());
        json.put("lowStock", i.lowStock());
        json.put("lowStockSince", i.lowStockSince() == null ? null : i.lowStockSince().toString());
        json.put("binLocation", i.binLocation());
        json.put("barcode", i.barcode());
        json.put("weightGrams", i.shipping().weightGrams());
        json.put("box", i.shipping().hasBox() ? Map.of("lengthMm", i.shipping().lengthMm(), "widthMm",
                i.shipping().widthMm(), "heightMm", i.shipping().heightMm()) : null);
        json.put("handlingDays", i.handlingDays()); // null: the seller's handling time
        json.put("updatedAt", i.updatedAt() == null ? null : i.updatedAt().toString());
        return json;
    }

    public static Map<String, Object> detail(StockItem i, List<StockMovement> movements) {
        Map<String, Object> json = item(i);
        List<Map<String, Object>> list = new ArrayList<>();
        for (StockMovement m : movements) {
            Map<String, Object> mj = new LinkedHashMap<>();
            mj.put("at", m.at().toString());
            mj.put("delta", m.delta());
            mj.put("kind", m.kind());
            mj.put("reason", m.reason());
            mj.put("actor", m.actor());
            mj.put("orderId", m.orderId() == null ? null : m.orderId().replaceFirst("#.*$", "")); // ord_x#v8#return -> ord_x
            list.add(mj);
        }
        json.put("recentMovements", list);
        return json;
    }

    public static Map<String, Object> pickList(PickList p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", p.orders());
        json.put("units", p.units());
        json.put("more", p.more()); // true: the oldest orders only; ship them and ask again
        List<Map<String, Object>> lines = new ArrayList<>();
        for (PickList.Line l : p.lines()) {
            Map<String, Object> lj = new LinkedHashMap<>();
            lj.put("sku", l.sku());
            lj.put("title", l.title());
            lj.put("binLocation", l.binLocation());
            lj.put("quantity", l.quantity());
            lj.put("orders", l.orders().stream().map(s -> Map.of("orderId", s.orderId(),
                    "externalOrderId", s.externalOrderId(), "quantity", s.quantity())).toList());
            lines.add(lj);
        }
        json.put("lines", lines);
        return json;
    }

    public static Map<String, Object> packCheck(PackCheck c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", c.passed());
        json.put("scanned", c.scanned());
        json.put("missing", c.missing().stream().map(InventoryViews::count).toList());
        json.put("extra", c.extra().stream().map(InventoryViews::count).toList());
        json.put("wrong", c.wrong());
        return json;
    }

    private static Map<String, Object> count(PackCheck.Count c) {
        return Map.of("sku", c.sku(), "expected", c.expected(), "scanned", c.scanned());
    }

    /** A page of stock items and the cursor of the next one. */
    public static Map<String, Object> listing(InventoryQueryService.Listing listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", listing.items().stream().map(InventoryViews::item).toList());
        body.put("nextCursor", listing.nextCursor());
        return body;
    }
}
