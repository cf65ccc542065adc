package orderflow.shared.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.service.GoodwillRefundService;
import orderflow.shared.service.ReceiveReturnService;
import orderflow.shared.service.ReturnPolicyService;
import orderflow.shared.service.ReturnQueryService;
import orderflow.shared.service.ReturnService;

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

    /** A newly authorized RMA (POST /v1/orders/{orderId}/returns and the storefront's return request). */
    public static Map<String, Object> authorized(ReturnAuthorization rma) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rmaId", rma.rmaId());
        json.put("rmaNumber", rma.rmaNumber());
        json.put("orderId", rma.orderId());
        json.put("status", rma.status().name());
        json.put("createdAt", rma.createdAt().toString());
        json.put("lines", rma.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity(),
                "reason", l.reason().name())).toList());
        return json;
    }

    /** A storefront's return request: its RMA, and whether it was made before (a redelivery). */
    public static Map<String, Object> requested(ReturnService.Requested r) {
        Map<String, Object> json = authorized(r.rma());
        json.put("duplicate", r.duplicate());
        return json;
    }

    /** POST /v1/returns/{rmaId}/receive: the RMA as received, its refund, the order after it. */
    public static Map<String, Object> receipt(ReceiveReturnService.Receipt r, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rma", rma(r.rma(), r.refund()));
        json.put("refund", r.refund() == null ? null : refund(r.refund()));
        json.put("order", OrderViews.detail(r.order(), now));
        json.put("changed", r.changed());
        return json;
    }

    /** POST /v1/orders/{orderId}/refunds: the refund with the order after it. */
    public static Map<String, Object> issued(GoodwillRefundService.Issued issued, Instant now) {
        Map<String, Object> json = refund(issued.refund());
        json.put("order", OrderViews.detail(issued.order(), now));
        json.put("changed", issued.changed());
        return json;
    }

    /** GET and PUT /v1/return-policy. */
    public static Map<String, Object> policy(ReturnPolicyService.Current current) {
        Map<String, Object> json = new LinkedHashMap<>(current.policy().toJson());
        json.put("default", current.isDefault());
        return json;
    }

    /** A page of RMAs, each with its refund. */
    public static Map<String, Object> rmas(List<ReturnQueryService.Listed> listed, String nextCursor) {
        return items(listed.stream().map(l -> rma(l.rma(), l.refund())).toList(), nextCursor);
    }

    public static Map<String, Object> refunds(List<Refund> refunds) {
        return items(refunds.stream().map(ReturnViews::refund).toList(), null);
    }

    public static Map<String, Object> refund(Refund r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("refundId", r.refundId());
        json.put("orderId", r.orderId());
        json.put("amount", money(r.amount()));
        json.put("reason", r.reason());
        json.put("kind", r.delivery().status() == orderflow.shared.domain.returns.RefundDelivery.Status.PLATFORM
                ? "platform" : r.goodwill() ? "goodwill" : "return");
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
