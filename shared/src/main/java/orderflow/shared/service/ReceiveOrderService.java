package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
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
import orderflow.shared.security.WebhookSignature;

/**
 * Step 1 of the flow: a storefront delivers an order. Verify, validate, store once, hand paid
 * orders to processing. Any number of deliveries of one storefront order give one order.
 */
public final class ReceiveOrderService {

    /** Far above any real order (100 lines), far below API Gateway's 10 MB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

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
        // An unknown storefront is answered like a bad signature, so ids cannot be probed.
        Failure.Unauthenticated unknown = new Failure.Unauthenticated(
                "The signature does not match a secret of this storefront.");
        if (storefrontId == null || !storefrontId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw unknown;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new Failure.TooLarge("The body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + ".");
        }
        Storefront storefront = accounts.storefront(storefrontId).orElseThrow(() -> unknown);
        Instant now = clock.instant();
        WebhookSignature.verify(signatureHeader, body, storefront.secrets(), now);

        IncomingOrder incoming = GenericOrderPayload.parse(Json.parseObject(utf8(body)));
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

    private static String utf8(byte[] body) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Failure.InvalidInput("The body is not UTF-8.", List.of(new FieldError("body", "must be UTF-8")));
        }
    }
}
