package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Storefront;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;

/**
 * Step 1 of the flow: a storefront delivers an order. Verify, validate, store once, hand paid
 * orders to processing. Any number of deliveries of one storefront order give one order.
 */
public final class ReceiveOrderService {

    public static final int MAX_BODY_BYTES = StorefrontRequests.MAX_BODY_BYTES;

    private final Accounts accounts;
    private final Orders orders;
    private final OrderQueue queue;
    private final Clock clock;

    public ReceiveOrderService(Accounts accounts, Orders orders, OrderQueue queue, Clock clock) {
        this.accounts = accounts;
        this.orders = orders;
        this.queue = queue;
        this.clock = clock;
    }

    public record Receipt(String orderId, OrderStatus status, boolean duplicate) {
    }

    public Receipt receive(String storefrontId, String signatureHeader, byte[] body) {
        Instant now = clock.instant();
        Storefront storefront = StorefrontRequests.verify(accounts, storefrontId, signatureHeader, body, now);

        IncomingOrder incoming = GenericOrderPayload.parse(Json.parseObject(StorefrontRequests.utf8(body)));
        Order order = incoming.toOrder(storefront.storefrontId(), storefront.sellerId(), now);

        if (orders.createIfAbsent(order)) {
            if (order.status() == OrderStatus.READY) {
                queue.enqueue(order.orderId());
            }
            return new Receipt(order.orderId(), order.status(), false);
        }
        return redelivered(order, incoming, now);
    }

    /** The order exists: change nothing, except a payment confirmation for a pending order. */
    private Receipt redelivered(Order order, IncomingOrder incoming, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Order existing = orders.get(order.orderId()).orElseThrow(
                    () -> new IllegalStateException("order " + order.orderId() + " vanished"));
            if (incoming.paid() && existing.status() == OrderStatus.PENDING) {
                Orders.Applied paid = orders.apply(OrderChange.of(existing,
                        existing.withStatus(OrderStatus.READY, null), now, Actor.storefront(existing.storefrontId()),
                        "payment", "payment confirmed by the storefront", List.of()));
                if (paid instanceof Orders.Stale && attempt < 3) {
                    continue; // changed meanwhile (a concurrent delivery or a cancel): look again
                }
                if (paid instanceof Orders.Done) {
                    queue.enqueue(existing.orderId());
                    return new Receipt(existing.orderId(), OrderStatus.READY, false);
                }
            }
            if (existing.status() == OrderStatus.READY || existing.status() == OrderStatus.BACKORDERED) {
                // READY: the first delivery may have stored the order and died before queueing it.
                // BACKORDERED: a redelivery is a cheap moment to try the stock again. Processing is
                // idempotent, so queueing again never doubles anything.
                queue.enqueue(existing.orderId());
            }
            return new Receipt(existing.orderId(), existing.status(), true);
        }
    }
}
