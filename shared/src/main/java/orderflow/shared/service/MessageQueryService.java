package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;

/**
 * The read side of buyer-seller messages: threads waiting for the seller, oldest wait first with
 * how long, and one order's conversation.
 */
public final class MessageQueryService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;
    private static final int THREAD_LIMIT = 500;

    private final Messages messages;
    private final Orders orders;
    private final Clock clock;

    public MessageQueryService(Messages messages, Orders orders, Clock clock) {
        this.messages = messages;
        this.orders = orders;
        this.clock = clock;
    }

    public record Conversation(Order order, MessageThread thread, List<BuyerMessage> messages) {
    }

    /** GET /v1/orders/{orderId}/messages. */
    public Conversation conversation(String sellerId, String orderId) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        return new Conversation(order, messages.thread(orderId).orElse(null), messages.messages(orderId, THREAD_LIMIT));
    }

    public record Waiting(List<MessageThread> threads, String nextCursor, Instant now) {
    }

    /** GET /v1/messages?awaitingReply=true&limit=&cursor=: oldest wait first. */
    public Waiting awaiting(String sellerId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        if (q.get("awaitingReply") != null && !q.get("awaitingReply").equals("true")) {
            errors.add(new FieldError("awaitingReply", "must be true (threads already answered are read per order:"
                    + " GET /v1/orders/{orderId}/messages)"));
        }
        int limit = QueryParams.limit(q, DEFAULT_PAGE, MAX_PAGE, errors);
        String after = null;
        if (q.get("cursor") != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8);
                if (!after.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z#ord_[0-9a-z]{26}")) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", "is not a cursor returned by this listing"));
            }
        }
        QueryParams.check(errors);
        Messages.Page page = messages.awaiting(sellerId, after, limit);
        return new Waiting(page.threads(), page.next() == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(page.next().getBytes(StandardCharsets.UTF_8)), clock.instant());
    }
}
