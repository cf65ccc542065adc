package orderflow.shared.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.service.MessageQueryService;
import orderflow.shared.service.ReceiveMessageService;
import orderflow.shared.service.ReplyToBuyerService;

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

    /** A buyer's message as the storefront is answered (202). */
    public static Map<String, Object> received(ReceiveMessageService.Received r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", r.orderId());
        json.put("messageId", r.messageId());
        json.put("duplicate", r.duplicate());
        return json;
    }

    /** The seller's reply, with how long the buyer waited for it (null when nobody was waiting). */
    public static Map<String, Object> replied(ReplyToBuyerService.Replied r) {
        Map<String, Object> json = message(r.reply());
        json.put("responseSeconds", r.responseSeconds());
        return json;
    }

    /** GET /v1/messages?awaitingReply=true. */
    public static Map<String, Object> waiting(MessageQueryService.Waiting waiting) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threads", waiting.threads().stream().map(t -> thread(t, waiting.now())).toList());
        json.put("nextCursor", waiting.nextCursor());
        return json;
    }

    public static Map<String, Object> conversation(MessageQueryService.Conversation c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", c.order().orderId());
        json.put("externalOrderId", c.order().externalOrderId());
        json.put("awaitingReplySince", c.thread() == null || c.thread().awaitingSince() == null ? null
                : c.thread().awaitingSince().toString());
        json.put("messages", c.messages().stream().map(MessageViews::message).toList());
        return json;
    }
}
