package orderflow.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;

/** The JSON shape of an order in the seller API (docs/api.md). Money is {amount: "19.99", currency}. */
public final class OrderViews {

    private OrderViews() {
    }

    public static Map<String, Object> detail(Order o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", o.orderId());
        json.put("storefrontId", o.storefrontId());
        json.put("externalOrderId", o.externalOrderId());
        json.put("status", o.status().name());
        json.put("statusReason", o.statusReason());
        json.put("createdAt", o.createdAt().toString());
        json.put("receivedAt", o.receivedAt().toString());
        json.put("shipBy", o.shipBy() == null ? null : o.shipBy().toString());
        json.put("buyer", Map.of("name", o.buyer().name(), "email", o.buyer().email()));
        Address a = o.shipTo();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", a.name());
        address.put("line1", a.line1());
        address.put("line2", a.line2());
        address.put("city", a.city());
        address.put("region", a.region());
        address.put("postalCode", a.postalCode());
        address.put("country", a.country());
        json.put("shipTo", address);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (OrderLine line : o.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("sku", line.sku());
            l.put("title", line.title());
            l.put("quantity", line.quantity());
            l.put("unitPrice", money(line.unitPrice()));
            l.put("lineTotal", money(line.lineTotal()));
            lines.add(l);
        }
        json.put("lines", lines);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("subtotal", money(o.totals().subtotal()));
        totals.put("shipping", money(o.totals().shipping()));
        totals.put("tax", money(o.totals().tax()));
        totals.put("total", money(o.totals().total()));
        json.put("totals", totals);
        return json;
    }

    /** One row of GET /v1/orders. */
    public static Map<String, Object> summary(Order o, java.time.Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", o.orderId());
        json.put("externalOrderId", o.externalOrderId());
        json.put("status", o.status().name());
        json.put("statusReason", o.statusReason());
        json.put("createdAt", o.createdAt().toString());
        json.put("shipBy", o.shipBy() == null ? null : o.shipBy().toString());
        json.put("late", isLate(o, now));
        json.put("buyerName", o.buyer().name());
        json.put("items", o.lines().stream().mapToInt(OrderLine::quantity).sum());
        json.put("total", money(o.totals().total()));
        return json;
    }

    /** Not shipped in full and past the ship-by date. */
    static boolean isLate(Order o, java.time.Instant now) {
        return (o.status() == orderflow.shared.domain.OrderStatus.UNSHIPPED
                || o.status() == orderflow.shared.domain.OrderStatus.PARTIALLY_SHIPPED)
                && o.shipBy() != null && o.shipBy().isBefore(now);
    }

    static Map<String, Object> money(Money m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("amount", m.toDecimalString());
        json.put("currency", m.currency());
        return json;
    }
}
