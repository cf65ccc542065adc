package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.OrderStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** HistoryEntry <-> OrderHistoryTable item (orderId, version). */
final class HistoryItems {

    private HistoryItems() {
    }

    static Map<String, AttributeValue> toItem(HistoryEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s(e.orderId()));
        item.put("version", Attr.n(e.version()));
        item.put("at", Attr.s(e.at().toString()));
        item.put("actor", Attr.s(e.actor().toString()));
        item.put("action", Attr.s(e.action()));
        Attr.putIfPresent(item, "from", e.from() == null ? null : e.from().name());
        item.put("to", Attr.s(e.to().name()));
        Attr.putIfPresent(item, "reason", e.reason());
        return item;
    }

    static HistoryEntry fromItem(Map<String, AttributeValue> item) {
        String from = Attr.str(item, "from");
        return new HistoryEntry(Attr.str(item, "orderId"), Attr.num(item, "version"), Attr.instant(item, "at"),
                Actor.parse(Attr.str(item, "actor")), Attr.str(item, "action"),
                from == null ? null : OrderStatus.valueOf(from), OrderStatus.valueOf(Attr.str(item, "to")),
                Attr.str(item, "reason"));
    }
}
