package orderflow.shared.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Fulfillment;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.ShipmentLabel;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.service.OrderQueryService;

/** The JSON shape of an order in the seller API (docs/api.md). Money is {amount: "19.99", currency}. */
public final class OrderViews {

    private OrderViews() {
    }

    /** The order's detail with, when asked for (?include=raw), the delivery it was made from. */
    public static Map<String, Object> detail(OrderQueryService.Detail detail,
                                             Instant now) {
        Map<String, Object> json = detail(detail.order(), now);
        if (detail.rawPayload() != null) {
            json.put("rawPayload", detail.rawPayload());
        }
        List<Map<String, Object>> syncs = new ArrayList<>();
        for (ChannelSync s : detail.syncs()) {
            syncs.add(channelSync(s));
        }
        json.put("channelSyncs", syncs);
        return json;
    }

    /** One channel sync as the order detail and the retry route show it. */
    public static Map<String, Object> channelSync(ChannelSync s) {
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("syncId", s.syncId());
        sync.put("platform", s.platform());
        sync.put("kind", s.kind().name());
        sync.put("status", s.status().name());
        sync.put("shipmentId", s.shipment() == null ? null : s.shipment().shipmentId());
        sync.put("refundId", s.notice() instanceof RefundNotice r ? r.refundId() : null);
        sync.put("attempts", s.attempts());
        sync.put("lastError", s.lastError());
        sync.put("platformRef", s.platformRef());
        sync.put("createdAt", s.createdAt().toString());
        sync.put("updatedAt", s.updatedAt().toString());
        return sync;
    }

    public static Map<String, Object> detail(Order o, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", o.orderId());
        json.put("storefrontId", o.storefrontId());
        json.put("externalOrderId", o.externalOrderId());
        json.put("status", o.status().name());
        json.put("statusReason", o.statusReason());
        json.put("createdAt", o.createdAt().toString());
        json.put("receivedAt", o.receivedAt().toString());
        json.put("shipBy", o.shipBy() == null ? null : o.shipBy().toString());
        json.put("displayNumber", o.displayNumber());
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", o.buyer().name());
        buyer.put("email", o.buyer().email());
        json.put("buyer", buyer);
        json.put("intake", intake(o.intake()));
        Address a = o.shipTo() == null ? Address.NONE : o.shipTo();
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
            l.put("ref", line.ref());
            l.put("lineId", line.lineId());
            l.put("title", line.title());
            l.put("quantity", line.quantity());
            l.put("unitPrice", money(line.unitPrice()));
            l.put("lineTotal", money(line.lineTotal()));
            lines.add(l);
        }
        json.put("lines", lines);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("subtotal", money(o.totals().subtotal()));
        totals.put("discount", money(o.totals().discount()));
        totals.put("shipping", money(o.totals().shipping()));
        totals.put("fees", money(o.totals().fees()));
        totals.put("tax", money(o.totals().tax()));
        totals.put("taxIncluded", o.totals().taxIncluded());
        totals.put("total", money(o.totals().total()));
        totals.put("refunded", money(o.refunded()));
        json.put("totals", totals);
        Fulfillment f = o.fulfillment();
        json.put("version", o.version());
        json.put("acknowledgedAt", text(f.acknowledgedAt()));
        json.put("deliverBy", text(f.deliverBy()));
        json.put("packCheckedAt", text(f.packCheckedAt()));
        json.put("late", isLate(o, now));
        json.put("shippedLate", f.anyLate());
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (Shipment s : f.shipments()) {
            shipments.add(shipment(s));
        }
        json.put("shipments", shipments);
        if (f.cancellation() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("reason", f.cancellation().reason());
            c.put("buyerRequested", f.cancellation().buyerRequested());
            c.put("at", f.cancellation().at().toString());
            c.put("by", f.cancellation().by());
            json.put("cancellation", c);
        }
        json.put("allowedActions", o.status().sellerActions().stream().map(SellerAction::apiName).toList());
        return json;
    }

    /** How the order came in: the platform's number, pay on delivery, what holds it and notes for the seller. */
    private static Map<String, Object> intake(Intake in) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("payOnDelivery", in.payOnDelivery());
        json.put("awaitingPayment", in.awaitingPayment());
        List<Map<String, Object>> holds = new ArrayList<>();
        for (var h : in.holds()) {
            Map<String, Object> hold = new LinkedHashMap<>();
            hold.put("field", h.field());
            hold.put("message", h.message());
            holds.add(hold);
        }
        json.put("holds", holds);
        json.put("notes", in.notes());
        json.put("marketplaceShipBy", text(in.marketplaceShipBy()));
        json.put("marketplaceDeliverBy", text(in.marketplaceDeliverBy()));
        if (in.presentment() != null) { // what the buyer paid in their currency (their emails show it)
            json.put("buyerTotal", money(in.presentment().totals().total()));
        }
        return json;
    }

    public static Map<String, Object> shipment(Shipment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shipmentId", s.shipmentId());
        json.put("carrier", s.carrier());
        json.put("trackingNumber", s.trackingNumber());
        json.put("trackingValid", s.trackingValid());
        json.put("trackingUrl", s.trackingUrl());
        json.put("shipDate", s.shipDate().toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        s.quantities().forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
        json.put("lines", lines);
        json.put("late", s.late());
        json.put("deliveredAt", text(s.deliveredAt()));
        json.put("deliveredOnTime", s.deliveredOnTime());
        ShipmentLabel label = s.label();
        if (label != null) { // bought here: the label, its cost and the carrier's latest scan
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("labelId", label.labelId());
            l.put("provider", label.provider());
            l.put("service", label.service());
            l.put("cost", label.cost() == null ? null : money(label.cost()));
            l.put("trackingStatus", label.trackingStatus() == null ? null : label.trackingStatus().name());
            l.put("trackingAt", text(label.trackingAt()));
            l.put("trackingDetail", label.trackingDetail());
            json.put("label", l);
        }
        return json;
    }

    public static Map<String, Object> history(HistoryEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", e.version());
        json.put("at", e.at().toString());
        json.put("actor", e.actor().toString());
        json.put("action", e.action());
        json.put("from", e.from() == null ? null : e.from().name());
        json.put("to", e.to().name());
        json.put("reason", e.reason());
        return json;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** One row of GET /v1/orders. */
    public static Map<String, Object> summary(Order o, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", o.orderId());
        json.put("externalOrderId", o.externalOrderId());
        json.put("displayNumber", o.displayNumber());
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
    static boolean isLate(Order o, Instant now) {
        return (o.status() == OrderStatus.UNSHIPPED
                || o.status() == OrderStatus.PARTIALLY_SHIPPED)
                && o.shipBy() != null && o.shipBy().isBefore(now);
    }

    public static Map<String, Object> money(Money m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("amount", m.toDecimalString());
        json.put("currency", m.currency());
        return json;
    }
}
