package orderflow.shared.domain.returns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.Totals;

/** Orders for the returns tests, built the way production builds them: parse, confirm, ship, deliver. */
final class ReturnTestOrders {

    static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant SHIP_BY = Instant.parse("2026-11-30T23:59:59Z");
    static final Instant DELIVER_BY = Instant.parse("2026-12-07T23:59:59Z");
    static final Instant SHIPPED = Instant.parse("2026-11-30T10:00:00Z");
    /** When every order below is delivered unless a test says otherwise. */
    static final Instant DELIVERED = Instant.parse("2026-12-01T15:00:00Z");
    /** A week after delivery: inside the default 30-day window. */
    static final Instant NOW = Instant.parse("2026-12-08T09:00:00Z");
    static final Actor SELLER = Actor.sellerKey("key_1");

    private ReturnTestOrders() {
    }

    /** Paid and confirmed (UNSHIPPED). lines: sku, quantity, unit price, sku, quantity, unit price, ... */
    static Order confirmed(String tax, String shipping, Object... lines) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) {
            list.add(Map.of("sku", lines[i], "quantity", lines[i + 1], "unitPrice", lines[i + 2]));
        }
        json.put("lines", list);
        json.put("taxTotal", tax);
        json.put("shippingTotal", shipping);
        json.put("createdAt", PLACED.toString());
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", PLACED).confirmed(SHIP_BY, DELIVER_BY);
    }

    /** Confirmed, shipped in one package and delivered at {@link #DELIVERED}: DELIVERED. */
    static Order delivered(String tax, String shipping, Object... lines) {
        return deliver(ship(confirmed(tax, shipping, lines)), "shp_1", DELIVERED);
    }

    /** One package with these units (sku, quantity, ...), or everything left when none are given. */
    static Order ship(Order order, Object... skuAndQuantity) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            quantities.put((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]);
        }
        return OrderLifecycle.ship(order, new ActionRequests.Ship("UPS", "TRK" + (order.fulfillment().shipments().size() + 1), SHIPPED, quantities),
                SELLER, SHIPPED).after();
    }

    static Order deliver(Order order, String shipmentId, Instant at) {
        return OrderLifecycle.confirmDelivery(order, new ActionRequests.Delivery(at, shipmentId), SELLER, at).after();
    }

    /** The same order with an order-level discount taken off its total. */
    static Order withDiscount(Order o, String discount) {
        Totals t = o.totals();
        Totals discounted = Totals.of(t.subtotal(), t.shipping(), t.tax(), Money.parse(discount, o.currency()));
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), o.buyer(), o.shipTo(), o.lines(),
                discounted, o.shipBy(), o.confirmationQueuedAt(), o.version(), o.fulfillment(), o.refunded());
    }

    /** sku, quantity, reason, ... */
    static ReturnRequest request(Object... skuQuantityReason) {
        List<ReturnLine> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantityReason.length; i += 3) {
            lines.add(new ReturnLine((String) skuQuantityReason[i], (Integer) skuQuantityReason[i + 1],
                    (ReturnReason) skuQuantityReason[i + 2]));
        }
        return new ReturnRequest(lines);
    }

    /** Received SELLABLE: sku, quantity, reason, ... */
    static List<ReceivedLine> received(Object... skuQuantityReason) {
        List<ReceivedLine> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantityReason.length; i += 3) {
            lines.add(new ReceivedLine((String) skuQuantityReason[i], (Integer) skuQuantityReason[i + 1],
                    ItemCondition.SELLABLE, (ReturnReason) skuQuantityReason[i + 2]));
        }
        return lines;
    }

    /** sku, units, sku, units, ... */
    static Map<String, Integer> units(Object... skuAndUnits) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < skuAndUnits.length; i += 2) {
            units.put((String) skuAndUnits[i], (Integer) skuAndUnits[i + 1]);
        }
        return units;
    }

    static Money usd(String amount) {
        return Money.parse(amount, "USD");
    }

    static ReturnPolicy policy(int windowDays, int feePercent, ReturnShippingPayer payer, long shippingMinor,
                               String... nonReturnable) {
        return new ReturnPolicy(windowDays, feePercent, payer, shippingMinor, java.util.Set.of(nonReturnable));
    }
}
