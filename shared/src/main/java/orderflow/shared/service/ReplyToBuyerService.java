package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.MessageRequests;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;

/**
 * POST /v1/orders/{orderId}/messages: the seller's answer, stored and emailed to the buyer; the wait
 * (if any) is closed and recorded as a response time for the seller's metrics.
 */
public final class ReplyToBuyerService {

    private final Messages messages;
    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    public ReplyToBuyerService(Messages messages, Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this.messages = messages;
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
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
        Replied replied = Races.retry(3, attempt -> {
            Instant waitingSince = messages.thread(orderId).map(MessageThread::awaitingSince).orElse(null);
            if (messages.addSellerReply(order, reply, waitingSince)) {
                emails.enqueue(OrderEmails.sellerReply(order, seller, reply));
                return new Replied(reply, waitingSince == null ? null
                        : Duration.between(waitingSince, now).getSeconds());
            }
            return null; // the thread changed under us (a new buyer message): again
        });
        if (replied == null) {
            throw new Failure.Conflict("The thread kept changing (new buyer messages); nothing was sent. Retry.");
        }
        return replied;
    }
}
