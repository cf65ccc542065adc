package orderflow.shared.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.TrackingNumbers;
import orderflow.shared.domain.uploads.RowResult;
import orderflow.shared.domain.uploads.ShippingConfirmations;
import orderflow.shared.domain.uploads.ShippingConfirmations.Item;

/**
 * Ships one package of a shipping confirmation file through {@link ShipOrder}, exactly as POST
 * /v1/orders/{id}/shipments would (stock committed, buyer emailed, platform synced). A package
 * whose tracking number is already on the order with the same items is unchanged: the idempotency
 * is the row content (order, tracking number, items), so the same file uploaded again changes nothing.
 */
final class ShippingUploadRows {

    private final ShipOrder ship;

    ShippingUploadRows(ShipOrder ship) {
        this.ship = ship;
    }

    List<RowResult> ship(ShippingConfirmations.Package p, UploadedOrders orders, Seller seller, Actor actor,
                         Instant now) {
        if (!p.refused().isEmpty()) {
            List<RowResult> results = new ArrayList<>(p.refused());
            int first = p.refused().get(0).line();
            p.items().forEach(i -> results.add(RowResult.rejected(i.line(), "not shipped: line " + first
                    + " of the same package (order and tracking number) was rejected")));
            return results;
        }
        Optional<Order> found = orders.find(p.orderRef());
        if (found.isEmpty()) {
            return all(p, "unknown order " + ShippingConfirmationsText.quote(p.orderRef()));
        }
        Order order = found.get();
        if (p.items().size() > 1 && p.items().stream().anyMatch(Item::wholeOrder)) {
            return all(p, "a row without order-item-id or sku ships the whole order: name the item on every row"
                    + " of a package with several rows");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Item item : p.items()) {
            if (item.wholeOrder()) {
                continue;
            }
            String sku = item.sku() != null ? item.sku() : skuOfLine(order, item.orderItemId());
            if (sku == null) {
                return all(p, "order-item-id " + ShippingConfirmationsText.quote(item.orderItemId())
                        + " is not a line of order " + p.orderRef());
            }
            int quantity = item.quantity() != null ? item.quantity()
                    : Math.max(1, order.unshippedBySku().getOrDefault(sku, 0));
            quantities.merge(sku, quantity, Integer::sum);
        }
        TrackingNumbers.Check tracking = TrackingNumbers.check(p.carrier(), p.trackingNumber());
        if (tracking.carrier() != null && !tracking.valid()) {
            return all(p, "bad tracking: " + tracking.number() + " is not a valid " + tracking.carrier()
                    + " tracking number (format or check digit)");
        }
        Shipment same = OrderLifecycle.shipmentWithTracking(order, tracking.number());
        if (same != null && (quantities.isEmpty() || quantities.equals(same.quantities()))) {
            return each(p, RowResult.Outcome.UNCHANGED, "already shipped with this tracking number", order,
                    same.shipmentId());
        }
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("carrier", p.carrier());
            body.put("trackingNumber", p.trackingNumber());
            body.put("shipDate", p.shipDate());
            if (!quantities.isEmpty()) {
                List<Map<String, Object>> lines = new ArrayList<>();
                quantities.forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
                body.put("lines", lines);
            }
            ActionRequests.Ship request = ActionRequests.ship(body, seller.timeZone(), now);
            ActionResult result = ship.ship(seller.sellerId(), actor, order.orderId(), request);
            return each(p, result.changed() ? RowResult.Outcome.ACCEPTED : RowResult.Outcome.UNCHANGED, null,
                    result.order(), result.shipment().shipmentId());
        } catch (Failure f) {
            return all(p, ShippingConfirmationsText.reason(f));
        }
    }

    private static String skuOfLine(Order order, String lineId) {
        return order.lines().stream().filter(l -> lineId.equals(l.lineId())).map(OrderLine::sku).findFirst()
                .orElse(null);
    }

    private static List<RowResult> all(ShippingConfirmations.Package p, String reason) {
        return p.lines().stream().map(line -> RowResult.rejected(line, reason)).toList();
    }

    private static List<RowResult> each(ShippingConfirmations.Package p, RowResult.Outcome outcome, String reason,
                                        Order order, String shipmentId) {
        return p.items().stream().map(i -> new RowResult(i.line(), outcome, reason, order.orderId(), shipmentId,
                i.sku())).toList();
    }
}
