package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Totals;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Order <-> OrdersTable item. Money is stored as minor units (N) beside one currency attribute. */
final class OrderItems {

    private OrderItems() {
    }

    /** Fixed-width UTC time, so index sort keys order as the instants do. */
    private static final java.time.format.DateTimeFormatter SORTABLE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** BySellerCreated index sort key: purchase time, then the id to keep keys unique. */
    static String listKey(java.time.Instant createdAt, String orderId) {
        return SORTABLE.format(createdAt) + "#" + orderId;
    }

    static String sortableTime(java.time.Instant at) {
        return SORTABLE.format(at);
    }

    static Map<String, AttributeValue> toItem(Order o) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s(o.orderId()));
        item.put("listKey", Attr.s(listKey(o.createdAt(), o.orderId())));
        item.put("sellerId", Attr.s(o.sellerId()));
        item.put("storefrontId", Attr.s(o.storefrontId()));
        item.put("externalOrderId", Attr.s(o.externalOrderId()));
        item.put("status", Attr.s(o.status().name()));
        Attr.putIfPresent(item, "statusReason", o.statusReason());
        item.put("createdAt", Attr.s(o.createdAt().toString()));
        item.put("receivedAt", Attr.s(o.receivedAt().toString()));
        item.put("updatedAt", Attr.s(o.receivedAt().toString()));
        item.put("currency", Attr.s(o.currency()));
        Map<String, AttributeValue> buyer = new HashMap<>();
        buyer.put("name", Attr.s(o.buyer().name()));
        buyer.put("email", Attr.s(o.buyer().email()));
        item.put("buyer", AttributeValue.fromM(buyer));
        Address a = o.shipTo();
        Map<String, AttributeValue> address = new HashMap<>();
        Attr.putIfPresent(address, "name", a.name());
        Attr.putIfPresent(address, "line1", a.line1());
        Attr.putIfPresent(address, "line2", a.line2());
        Attr.putIfPresent(address, "city", a.city());
        Attr.putIfPresent(address, "region", a.region());
        Attr.putIfPresent(address, "postalCode", a.postalCode());
        Attr.putIfPresent(address, "country", a.country());
        item.put("shipTo", AttributeValue.fromM(address));
        List<AttributeValue> lines = new ArrayList<>();
        for (OrderLine line : o.lines()) {
            lines.add(AttributeValue.fromM(Map.of("sku", Attr.s(line.sku()), "title", Attr.s(line.title()),
                    "quantity", Attr.n(line.quantity()), "unitPrice", Attr.n(line.unitPrice().minor()))));
        }
        item.put("lines", AttributeValue.fromL(lines));
        item.put("subtotal", Attr.n(o.totals().subtotal().minor()));
        item.put("shipping", Attr.n(o.totals().shipping().minor()));
        item.put("tax", Attr.n(o.totals().tax().minor()));
        item.put("total", Attr.n(o.totals().total().minor()));
        Attr.putIfPresent(item, "shipBy", o.shipBy());
        Attr.putIfPresent(item, "confirmationQueuedAt", o.confirmationQueuedAt());
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        String currency = Attr.str(item, "currency");
        Map<String, AttributeValue> buyer = item.get("buyer").m();
        Map<String, AttributeValue> a = item.get("shipTo").m();
        List<OrderLine> lines = new ArrayList<>();
        for (AttributeValue v : item.get("lines").l()) {
            Map<String, AttributeValue> line = v.m();
            lines.add(new OrderLine(Attr.str(line, "sku"), Attr.str(line, "title"), (int) Attr.num(line, "quantity"),
                    new Money(Attr.num(line, "unitPrice"), currency)));
        }
        Totals totals = new Totals(new Money(Attr.num(item, "subtotal"), currency),
                new Money(Attr.num(item, "shipping"), currency), new Money(Attr.num(item, "tax"), currency),
                new Money(Attr.num(item, "total"), currency));
        return new Order(Attr.str(item, "orderId"), Attr.str(item, "sellerId"), Attr.str(item, "storefrontId"),
                Attr.str(item, "externalOrderId"), OrderStatus.valueOf(Attr.str(item, "status")),
                Attr.str(item, "statusReason"), Attr.instant(item, "createdAt"), Attr.instant(item, "receivedAt"),
                currency, new Buyer(Attr.str(buyer, "name"), Attr.str(buyer, "email")),
                new Address(Attr.str(a, "name"), Attr.str(a, "line1"), Attr.str(a, "line2"), Attr.str(a, "city"),
                        Attr.str(a, "region"), Attr.str(a, "postalCode"), Attr.str(a, "country")),
                lines, totals, Attr.instant(item, "shipBy"), Attr.instant(item, "confirmationQueuedAt"));
    }
}
