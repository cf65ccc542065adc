package orderflow.shared.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.ReturnAuthorization;

/** The JSON shapes of the return and refund routes (docs/api.md#returns). */
public final class ReturnViews {

    private ReturnViews() {
    }

    public static Map<String, Object> rma(ReturnAuthorization r, Refund refund) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rmaId", r.rmaId());
        json.put("rmaNumber", r.rmaNumber());
        json.put("orderId", r.orderId());
        json.put("status", r.status().name());
        json.put("createdAt", r.createdAt().toString());
        json.put("lines", r.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity(),
                "reason", l.reason().name())).toList());
        json.put("received", r.received().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity(),
                "condition", l.condition().name())).toList());
        json.put("receivedAt", r.receivedAt() == null ? null : r.receivedAt().toString());
        json.put("refund", refund == null ? null : refund(refund));
        return json;
    }

    public static Map<String, Object> refund(Refund r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("refundId", r.refundId());
        json.put("orderId", r.orderId());
        json.put("amount", money(r.amount()));
        json.put("reason", r.reason());
        json.put("kind", r.goodwill() ? "goodwill" : "return");
        json.put("rmaId", r.rmaId());
        json.put("requestId", r.requestId());
        json.put("createdAt", r.createdAt().toString());
        json.put("status", r.delivery().status().name());
        json.put("deliveryAttempts", r.delivery().attempts());
        json.put("lastDeliveryError", r.delivery().lastError());
        json.put("acknowledgedAt", r.delivery().acknowledgedAt() == null ? null : r.delivery().acknowledgedAt().toString());
        if (r.breakdown() != null) {
            Refund.Breakdown b = r.breakdown();
            Map<String, Object> breakdown = new LinkedHashMap<>();
            breakdown.put("items", money(b.items()));
            breakdown.put("discount", money(b.discount()));
            breakdown.put("tax", money(b.tax()));
            breakdown.put("restockingFees", money(b.restockingFees()));
            breakdown.put("returnShipping", money(b.returnShipping()));
            breakdown.put("computed", money(b.computed()));
            breakdown.put("capped", b.capped());
            json.put("breakdown", breakdown);
        }
        return json;
    }

    public static Map<String, Object> items(List<Map<String, Object>> items, String nextCursor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", items);
        json.put("nextCursor", nextCursor);
        return json;
    }

    private static Map<String, Object> money(Money m) {
        return OrderViews.money(m);
    }
}
