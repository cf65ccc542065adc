package orderflow.shared.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.service.MessageService;

/** The JSON shapes of the message routes (docs/api.md). */
public final class MessageViews {

    private MessageViews() {
    }

    public static Map<String, Object> message(BuyerMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", m.messageId());
        json.put("from", m.author() == BuyerMessage.Author.BUYER ? "buyer" : "seller");
        json.put("body", m.body());
        json.put("at", m.at().toString());
        json.put("by", m.actor());
        return json;
    }

    public static Map<String, Object> thread(MessageThread t, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", t.orderId());
        json.put("externalOrderId", t.externalOrderId());
        json.put("buyerName", t.buyerName());
        json.put("awaitingReplySince", t.awaitingSince() == null ? null : t.awaitingSince().toString());
        json.put("waitingMinutes", t.waiting(now).toMinutes());
        json.put("overdue", t.overdue(now));
        json.put("lastMessageAt", t.lastMessageAt() == null ? null : t.lastMessageAt().toString());
        json.put("lastBuyerMessage", t.lastBuyerMessage());
        return json;
    }

    public static Map<String, Object> conversation(MessageService.Conversation c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", c.order().orderId());
        json.put("externalOrderId", c.order().externalOrderId());
        json.put("awaitingReplySince", c.thread() == null || c.thread().awaitingSince() == null ? null
                : c.thread().awaitingSince().toString());
        json.put("messages", c.messages().stream().map(MessageViews::message).toList());
        return json;
    }
}
