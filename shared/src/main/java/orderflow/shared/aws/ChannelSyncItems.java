package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ChannelSyncsTable items: key (orderId, syncId); the notice as JSON text (read back whole, never queried). */
final class ChannelSyncItems {

    private ChannelSyncItems() {
    }

    static Map<String, AttributeValue> toItem(ChannelSync s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s(s.orderId()));
        item.put("syncId", Attr.s(s.syncId()));
        item.put("storefrontId", Attr.s(s.storefrontId()));
        item.put("platform", Attr.s(s.platform()));
        item.put("kind", Attr.s(s.kind().name()));
        item.put("status", Attr.s(s.status().name()));
        item.put("attempts", Attr.n(s.attempts()));
        item.put("createdAt", Attr.s(s.createdAt().toString()));
        item.put("updatedAt", Attr.s(s.updatedAt().toString()));
        Attr.putIfPresent(item, "lastError", s.lastError());
        Attr.putIfPresent(item, "platformRef", s.platformRef());
        if (s.shipment() != null) {
            item.put("shipment", Attr.s(Json.write(notice(s.shipment()))));
        }
        return item;
    }

    static ChannelSync fromItem(Map<String, AttributeValue> i) {
        return new ChannelSync(Attr.str(i, "syncId"), Attr.str(i, "orderId"), Attr.str(i, "storefrontId"),
                Attr.str(i, "platform"), ChannelSync.Kind.valueOf(Attr.str(i, "kind")),
                ChannelSync.Status.valueOf(Attr.str(i, "status")),
                i.containsKey("shipment") ? notice(Json.parseObject(Attr.str(i, "shipment"))) : null,
                (int) Attr.num(i, "attempts"), Attr.str(i, "lastError"), Attr.str(i, "platformRef"),
                Attr.instant(i, "createdAt"), Attr.instant(i, "updatedAt"));
    }

    private static Map<String, Object> notice(ShipmentNotice n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shipmentId", n.shipmentId());
        json.put("carrier", n.carrier());
        json.put("trackingNumber", n.trackingNumber());
        json.put("trackingUrl", n.trackingUrl());
        json.put("shipDate", n.shipDate() == null ? null : n.shipDate().toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ShipmentNotice.Line l : n.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("lineId", l.lineId());
            line.put("quantity", l.quantity());
            lines.add(line);
        }
        json.put("lines", lines);
        json.put("fullyShipped", n.fullyShipped());
        return json;
    }

    private static ShipmentNotice notice(Map<String, Object> json) {
        List<ShipmentNotice.Line> lines = new ArrayList<>();
        if (json.get("lines") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> l = (Map<?, ?>) o;
                lines.add(new ShipmentNotice.Line((String) l.get("sku"), (String) l.get("lineId"),
                        ((Number) l.get("quantity")).intValue()));
            }
        }
        return new ShipmentNotice((String) json.get("shipmentId"), (String) json.get("carrier"),
                (String) json.get("trackingNumber"), (String) json.get("trackingUrl"),
                json.get("shipDate") instanceof String d ? Instant.parse(d) : null, lines,
                Boolean.TRUE.equals(json.get("fullyShipped")));
    }
}
