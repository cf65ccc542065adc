package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.MessageRequests;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.Storefront;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;

/**
 * POST /webhooks/{storefrontId}/messages: a buyer's message, delivered by the storefront and
 * verified like an order webhook; stored once per message id, after which the thread waits for the
 * seller's answer.
 */
public final class ReceiveMessageService {

    private final Messages messages;
    private final Orders orders;
    private final Accounts accounts;
    private final Clock clock;
    /** Unknown storefront ids, for this execution environment (the service lives as long as its handler). */
    private final RecentMisses misses = new RecentMisses();

    public ReceiveMessageService(Messages messages, Orders orders, Accounts accounts, Clock clock) {
        this.messages = messages;
        this.orders = orders;
        this.accounts = accounts;
        this.clock = clock;
    }

    public record Received(String orderId, String messageId, boolean duplicate) {
    }

    /** POST /webhooks/{storefrontId}/messages: verified like an order webhook. */
    public Received receive(String storefrontId, UnaryOperator<String> headers, byte[] body) {
        Instant now = clock.instant();
        Storefront storefront = StorefrontRequests.verify(accounts, misses, storefrontId, headers, body, now);
        MessageRequests.Incoming in = MessageRequests.incoming(Json.parseRequest(StorefrontRequests.utf8(body)), now);
        String orderId = OrderIds.forExternal(storefront.storefrontId(), in.externalOrderId());
        Order order = orders.get(orderId).filter(o -> o.sellerId().equals(storefront.sellerId()))
                .orElseThrow(() -> new Failure.NotFound("No order " + in.externalOrderId() + " from this storefront"
                        + " yet; deliver the order first (a retry of this message is safe)."));
        boolean stored = messages.addBuyerMessage(order, order.buyer().name(), new BuyerMessage(orderId, in.messageId(),
                BuyerMessage.Author.BUYER, in.body(), in.sentAt(), Actor.storefront(storefrontId).toString()));
        return new Received(orderId, in.messageId(), !stored);
    }
}
