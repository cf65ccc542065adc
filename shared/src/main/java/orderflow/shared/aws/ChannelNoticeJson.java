package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelNotice;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;

/** A channel notice as the JSON text ChannelSyncsTable keeps ("type" says which notice). */
final class ChannelNoticeJson {

    private ChannelNoticeJson() {
    }

    static Map<String, Object> write(ChannelNotice notice) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (notice) {
            case ShipmentNotice n -> {
                json.put("type", "shipment");
                json.put("shipmentId", n.shipmentId());
                json.put("carrier", n.carrier());
                json.put("trackingNumber", n.trackingNumber());
                json.put("trackingUrl", n.trackingUrl());
                json.put("shipDate", n.shipDate() == null ? null : n.shipDate().toString());
                json.put("lines", lines(n.lines()));
                json.put("fullyShipped", n.fullyShipped());
            }
            case AcknowledgeNotice n -> {
                json.put("type", "acknowledge");
                json.put("merchantOrderId", n.merchantOrderId());
                json.put("lines", lines(n.lines()));
            }
            case CancelNotice n -> {
                json.put("type", "cancel");
                json.put("merchantOrderId", n.merchantOrderId());
                json.put("reason", n.reason());
                json.put("note", n.note());
                json.put("buyerRequested", n.buyerRequested());
                json.put("lines", lines(n.lines()));
            }
            case RefundNotice n -> {
                json.put("type", "refund");
                json.put("refundId", n.refundId());
                json.put("amount", n.amount().minor());
                json.put("currency", n.amount().currency());
                json.put("reason", n.reason());
                json.put("goodwill", n.goodwill());
                List<Map<String, Object>> lines = new ArrayList<>();
                for (RefundNotice.Line l : n.lines()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("sku", l.sku());
                    line.put("lineId", l.lineId());
                    line.put("quantity", l.quantity());
                    line.put("amount", l.amount().minor());
                    lines.add(line);
                }
                json.put("lines", lines);
            }
        }
        return json;
    }

    static ChannelNotice read(Map<String, Object> json) {
        return switch (String.valueOf(json.get("type"))) {
            case "acknowledge" -> new AcknowledgeNotice((String) json.get("merchantOrderId"), lines(json));
            case "cancel" -> new CancelNotice((String) json.get("merchantOrderId"), (String) json.get("reason"),
                    (String) json.get("note"), Boolean.TRUE.equals(json.get("buyerRequested")), lines(json));
            case "refund" -> {
                String currency = (String) json.get("currency");
                List<RefundNotice.Line> lines = new ArrayList<>();
                for (Map<?, ?> l : maps(json.get("lines"))) {
                    lines.add(new RefundNotice.Line((String) l.get("sku"), (String) l.get("lineId"),
                            ((Number) l.get("quantity")).intValue(),
                            new Money(((Number) l.get("amount")).longValue(), currency)));
                }
                yield new RefundNotice((String) json.get("refundId"),
                        new Money(((Number) json.get("amount")).longValue(), currency), (String) json.get("reason"),
                        Boolean.TRUE.equals(json.get("goodwill")), lines);
            }
            default -> shipment(json);
        };
    }

    static ShipmentNotice shipment(Map<String, Object> json) {
        return new ShipmentNotice((String) json.get("shipmentId"), (String) json.get("carrier"),
                (String) json.get("trackingNumber"), (String) json.get("trackingUrl"),
                json.get("shipDate") instanceof String d ? Instant.parse(d) : null, lines(json),
                Boolean.TRUE.equals(json.get("fullyShipped")));
    }

    private static List<Map<String, Object>> lines(List<ShipmentNotice.Line> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ShipmentNotice.Line l : lines) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("lineId", l.lineId());
            line.put("quantity", l.quantity());
            out.add(line);
        }
        return out;
    }

    private static List<ShipmentNotice.Line> lines(Map<String, Object> json) {
        List<ShipmentNotice.Line> lines = new ArrayList<>();
        for (Map<?, ?> l : maps(json.get("lines"))) {
            lines.add(new ShipmentNotice.Line((String) l.get("sku"), (String) l.get("lineId"),
                    ((Number) l.get("quantity")).intValue()));
        }
        return lines;
    }

    private static List<Map<?, ?>> maps(Object list) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add((Map<?, ?>) o);
            }
        }
        return out;
    }
}
