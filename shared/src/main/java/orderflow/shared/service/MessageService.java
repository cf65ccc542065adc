package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.MessageRequests;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;

/**
 * Buyer-seller messages: storefronts deliver the buyer's (signed, once per message id), the seller
 * answers through the API (emailed to the buyer), and threads waiting for an answer are listed
 * oldest first with how long they have waited. Each answer to a waiting buyer is recorded as a
 * response time for the seller's metrics.
 */
public final class MessageService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;
    private static final int THREAD_LIMIT = 500;

    private final Messages messages;
    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    /** accounts and emails may be null where they are not needed (reads, the storefront side). */
    public MessageService(Messages messages, Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this.messages = messages;
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public record Received(String orderId, String messageId, boolean duplicate) {
    }

    /** POST /webhooks/{storefrontId}/messages: verified like an order webhook. */
    public Received receive(String storefrontId, java.util.function.UnaryOperator<String> headers, byte[] body) {
        Instant now = clock.instant();
        Storefront storefront = StorefrontRequests.verify(accounts, storefrontId, headers, body, now);
        MessageRequests.Incoming in = MessageRequests.incoming(Json.parseRequest(StorefrontRequests.utf8(body)), now);
        String orderId = OrderIds.forExternal(storefront.storefrontId(), in.externalOrderId());
        Order order = orders.get(orderId).filter(o -> o.sellerId().equals(storefront.sellerId()))
                .orElseThrow(() -> new Failure.NotFound("No order " + in.externalOrderId() + " from this storefront"
                        + " yet; deliver the order first (a retry of this message is safe)."));
        boolean stored = messages.addBuyerMessage(order, order.buyer().name(), new BuyerMessage(orderId, in.messageId(),
                BuyerMessage.Author.BUYER, in.body(), in.sentAt(), Actor.storefront(storefrontId).toString()));
        return new Received(orderId, in.messageId(), !stored);
    }

    public record Replied(BuyerMessage reply, Long responseSeconds) {
    }

    /** POST /v1/orders/{orderId}/messages: stored, emailed to the buyer, the wait (if any) closed. */
    public Replied reply(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        String text = MessageRequests.reply(body);
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller"));
        Instant now = clock.instant();
        BuyerMessage reply = new BuyerMessage(orderId, "msg_" + UUID.randomUUID().toString().replace("-", ""),
                BuyerMessage.Author.SELLER, text, now, actor.toString());
        for (int attempt = 1; ; attempt++) {
            Instant waitingSince = messages.thread(orderId).map(MessageThread::awaitingSince).orElse(null);
            if (messages.addSellerReply(order, reply, waitingSince)) {
                emails.enqueue(OrderEmails.sellerReply(order, seller, reply));
                return new Replied(reply, waitingSince == null ? null
                        : java.time.Duration.between(waitingSince, now).getSeconds());
            }
            if (attempt == 3) {
                throw new Failure.Conflict("The thread kept changing (new buyer messages); nothing was sent. Retry.");
            }
        }
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
        List<FieldError> errors = new java.util.ArrayList<>();
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
