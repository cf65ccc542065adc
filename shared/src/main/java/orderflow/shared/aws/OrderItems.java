package orderflow.shared.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Cancellation;
import orderflow.shared.domain.Fulfillment;
import orderflow.shared.domain.Shipment;
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
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** BySellerCreated index sort key: purchase time, then the id to keep keys unique. */
    static String listKey(Instant createdAt, String orderId) {
        return SORTABLE.format(createdAt) + "#" + orderId;
    }

    /** BySellerStatus index partition key: one seller's orders in one status, e.g. to pick or to retry. */
    static String sellerStatus(String sellerId, OrderStatus status) {
        return sellerId + "#" + status.name();
    }

    static String sortableTime(Instant at) {
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
        item.put("sellerStatus", Attr.s(sellerStatus(o.sellerId(), o.status())));
        Attr.putIfPresent(item, "statusReason", o.statusReason());
        item.put("createdAt", Attr.s(o.createdAt().toString()));
        item.put("receivedAt", Attr.s(o.receivedAt().toString()));
        item.put("updatedAt", Attr.s(o.receivedAt().toString()));
        item.put("currency", Attr.s(o.currency()));
        Map<String, AttributeValue> buyer = new HashMap<>();
        buyer.put("name", Attr.s(o.buyer().name()));
        Attr.putIfPresent(buyer, "email", o.buyer().email());
        item.put("buyer", AttributeValue.fromM(buyer));
        Address a = o.shipTo() == null ? Address.NONE : o.shipTo();
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
            Map<String, AttributeValue> m = new HashMap<>(Map.of("title", Attr.s(line.title()),
                    "quantity", Attr.n(line.quantity()), "unitPrice", Attr.n(line.unitPrice().minor())));
            Attr.putIfPresent(m, "sku", line.sku());
            Attr.putIfPresent(m, "ref", line.ref());
            Attr.putIfPresent(m, "lineId", line.lineId());
            lines.add(AttributeValue.fromM(m));
        }
        item.put("lines", AttributeValue.fromL(lines));
        item.put("subtotal", Attr.n(o.totals().subtotal().minor()));
        item.put("shipping", Attr.n(o.totals().shipping().minor()));
        item.put("tax", Attr.n(o.totals().tax().minor()));
        item.put("total", Attr.n(o.totals().total().minor()));
        if (o.totals().discount().minor() != 0) {
            item.put("discount", Attr.n(o.totals().discount().minor()));
        }
        if (o.totals().fees().minor() != 0) {
            item.put("fees", Attr.n(o.totals().fees().minor()));
        }
        if (o.totals().taxIncluded()) {
            item.put("taxIncluded", AttributeValue.fromBool(true));
        }
        IntakeItems.put(item, o.intake());
        Attr.putIfPresent(item, "shipBy", o.shipBy());
        Attr.putIfPresent(item, "confirmationQueuedAt", o.confirmationQueuedAt());
        item.put("version", Attr.n(o.version()));
        item.put("refundedMinor", Attr.n(o.refunded().minor()));
        WatchKeys.put(item, o);
        Fulfillment f = o.fulfillment();
        Attr.putIfPresent(item, "acknowledgedAt", f.acknowledgedAt());
        Attr.putIfPresent(item, "deliverBy", f.deliverBy());
        Attr.putIfPresent(item, "packCheckedAt", f.packCheckedAt());
        List<AttributeValue> shipments = new ArrayList<>();
        for (Shipment s : f.shipments()) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("shipmentId", Attr.s(s.shipmentId()));
            m.put("carrier", Attr.s(s.carrier()));
            m.put("trackingNumber", Attr.s(s.trackingNumber()));
            m.put("trackingValid", AttributeValue.fromBool(s.trackingValid()));
            Attr.putIfPresent(m, "trackingUrl", s.trackingUrl());
            m.put("shipDate", Attr.s(s.shipDate().toString()));
            Map<String, AttributeValue> q = new HashMap<>();
            s.quantities().forEach((sku, n) -> q.put(sku, Attr.n(n)));
            m.put("quantities", AttributeValue.fromM(q));
            m.put("late", AttributeValue.fromBool(s.late()));
            m.put("recordedAt", Attr.s(s.recordedAt().toString()));
            Attr.putIfPresent(m, "deliveredAt", s.deliveredAt());
            if (s.deliveredOnTime() != null) {
                m.put("deliveredOnTime", AttributeValue.fromBool(s.deliveredOnTime()));
            }
            if (s.label() != null) {
                m.put("label", AttributeValue.fromM(ShipmentLabelItems.toMap(s.label())));
            }
            shipments.add(AttributeValue.fromM(m));
        }
        item.put("shipments", AttributeValue.fromL(shipments));
        item.put("lateShipment", AttributeValue.fromBool(f.anyLate()));
        Cancellation c = f.cancellation();
        if (c != null) {
            Map<String, AttributeValue> m = new HashMap<>(Map.of("reason", Attr.s(c.reason()),
                    "buyerRequested", AttributeValue.fromBool(c.buyerRequested()), "at", Attr.s(c.at().toString()),
                    "by", Attr.s(c.by())));
            if (c.canceledFrom() != null) {
                m.put("canceledFrom", Attr.s(c.canceledFrom().name()));
            }
            item.put("cancellation", AttributeValue.fromM(m));
        }
        return item;
    }

    /** Attributes an order item may lack; a versioned update removes them when the order has none. */
    static final List<String> OPTIONAL = List.of("statusReason", "shipBy", "acknowledgedAt", "deliverBy",
            "cancellation", "packCheckedAt", "watchKey", "watchAt", "holds", "awaitingPayment");

    private static Fulfillment fulfillment(Map<String, AttributeValue> item) {
        List<Shipment> shipments = new ArrayList<>();
        if (item.containsKey("shipments")) {
            for (AttributeValue v : item.get("shipments").l()) {
                Map<String, AttributeValue> m = v.m();
                Map<String, Integer> q = new LinkedHashMap<>();
                new TreeMap<>(m.get("quantities").m()).forEach((sku, n) -> q.put(sku, Integer.parseInt(n.n())));
                shipments.add(new Shipment(Attr.str(m, "shipmentId"), Attr.str(m, "carrier"),
                        Attr.str(m, "trackingNumber"), m.get("trackingValid").bool(), Attr.str(m, "trackingUrl"),
                        Attr.instant(m, "shipDate"), q, m.get("late").bool(), Attr.instant(m, "recordedAt"),
                        Attr.instant(m, "deliveredAt"),
                        m.containsKey("deliveredOnTime") ? m.get("deliveredOnTime").bool() : null,
                        m.containsKey("label") ? ShipmentLabelItems.fromMap(m.get("label").m()) : null));
            }
        }
        Cancellation cancellation = null;
        if (item.containsKey("cancellation")) {
            Map<String, AttributeValue> c = item.get("cancellation").m();
            cancellation = new Cancellation(Attr.str(c, "reason"), c.get("buyerRequested").bool(),
                    Attr.instant(c, "at"), Attr.str(c, "by"),
                    c.containsKey("canceledFrom") ? OrderStatus.valueOf(Attr.str(c, "canceledFrom")) : null);
        }
        return new Fulfillment(Attr.instant(item, "acknowledgedAt"), Attr.instant(item, "deliverBy"), shipments,
                cancellation, Attr.instant(item, "packCheckedAt"));
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        String currency = Attr.str(item, "currency");
        Map<String, AttributeValue> buyer = item.get("buyer").m();
        Map<String, AttributeValue> a = item.get("shipTo").m();
        List<OrderLine> lines = new ArrayList<>();
        for (AttributeValue v : item.get("lines").l()) {
            Map<String, AttributeValue> line = v.m();
            lines.add(new OrderLine(Attr.str(line, "sku"), Attr.str(line, "title"), (int) Attr.num(line, "quantity"),
                    new Money(Attr.num(line, "unitPrice"), currency), Attr.str(line, "ref"), Attr.str(line, "lineId")));
        }
        Totals totals = new Totals(new Money(Attr.num(item, "subtotal"), currency),
                new Money(Attr.num(item, "shipping"), currency), new Money(Attr.num(item, "tax"), currency),
                new Money(Attr.num(item, "total"), currency), new Money(Attr.num(item, "discount"), currency),
                new Money(Attr.num(item, "fees"), currency),
                item.containsKey("taxIncluded") && Boolean.TRUE.equals(item.get("taxIncluded").bool()));
        return new Order(Attr.str(item, "orderId"), Attr.str(item, "sellerId"), Attr.str(item, "storefrontId"),
                Attr.str(item, "externalOrderId"), OrderStatus.valueOf(Attr.str(item, "status")),
                Attr.str(item, "statusReason"), Attr.instant(item, "createdAt"), Attr.instant(item, "receivedAt"),
                currency, new Buyer(Attr.str(buyer, "name"), Attr.str(buyer, "email")),
                new Address(Attr.str(a, "name"), Attr.str(a, "line1"), Attr.str(a, "line2"), Attr.str(a, "city"),
                        Attr.str(a, "region"), Attr.str(a, "postalCode"), Attr.str(a, "country")),
                lines, totals, Attr.instant(item, "shipBy"), Attr.instant(item, "confirmationQueuedAt"),
                Attr.num(item, "version"), fulfillment(item),
                new Money(item.containsKey("refundedMinor") ? Attr.num(item, "refundedMinor") : 0, currency),
                IntakeItems.read(item));
    }
}
