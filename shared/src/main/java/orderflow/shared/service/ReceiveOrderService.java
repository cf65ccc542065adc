package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.storefront.ShopifyWebhooks;
import orderflow.shared.domain.storefront.StorefrontEvent;
import orderflow.shared.domain.storefront.WooCommerceWebhooks;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.DeliveryLog;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.security.WebhookSignature;

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
    private final DeliveryLog deliveries;

    public ReceiveOrderService(Accounts accounts, Orders orders, OrderQueue queue, Clock clock) {
        this(accounts, orders, queue, null, clock);
    }

    /** deliveries: the platforms' delivery ids already handled (null: none kept). */
    public ReceiveOrderService(Accounts accounts, Orders orders, OrderQueue queue, DeliveryLog deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.orders = orders;
        this.queue = queue;
        this.clock = clock;
    }

    /** orderId and status are null when the delivery was about no order (a ping, an ignored topic). */
    public record Receipt(String orderId, OrderStatus status, boolean duplicate, String note) {
        Receipt(String orderId, OrderStatus status, boolean duplicate) {
            this(orderId, status, duplicate, null);
        }
    }

    /** The generic format only (tests, tools): the t=,v1= signature header. */
    public Receipt receive(String storefrontId, String signatureHeader, byte[] body) {
        return receive(storefrontId, name -> name.equalsIgnoreCase(WebhookSignature.HEADER) ? signatureHeader : null, body);
    }

    /**
     * POST /webhooks/{storefrontId}: verified and read the way the storefront's platform sends it;
     * a delivery already handled (by its platform delivery id) is answered without doing anything.
     */
    public Receipt receive(String storefrontId, UnaryOperator<String> headers, byte[] body) {
        Instant now = clock.instant();
        if (isWooPing(headers, body)) {
            return new Receipt(null, null, false, "WooCommerce webhook ping: nothing to do");
        }
        Storefront storefront = StorefrontRequests.verify(accounts, storefrontId, headers, body, now);
        String deliveryId = switch (storefront.type()) {
            case "shopify" -> first(headers.apply("x-shopify-webhook-id"), headers.apply("x-shopify-event-id"));
            case "woocommerce" -> headers.apply("x-wc-webhook-delivery-id");
            default -> null;
        };
        if (deliveryId != null && deliveries != null) {
            var seen = deliveries.handled(storefrontId, deliveryId);
            if (seen.isPresent()) {
                return new Receipt(seen.get().isEmpty() ? null : seen.get(), null, true, "delivery already handled");
            }
        }
        Map<String, Object> json = Json.parseRequest(StorefrontRequests.utf8(body));
        StorefrontEvent event = switch (storefront.type()) {
            case "shopify" -> ShopifyWebhooks.parse(headers.apply("x-shopify-topic"), json);
            case "woocommerce" -> WooCommerceWebhooks.parse(headers.apply("x-wc-webhook-topic"), json);
            default -> new StorefrontEvent.Placed(GenericOrderPayload.parse(json));
        };
        Receipt receipt = switch (event) {
            case StorefrontEvent.Placed placed -> accept(storefront, placed.order(), now);
            case StorefrontEvent.Canceled canceled -> canceled(storefront, canceled);
            case StorefrontEvent.Ignored ignored -> new Receipt(null, null, false, ignored.why());
        };
        if (deliveryId != null && deliveries != null) {
            deliveries.record(storefrontId, deliveryId, receipt.orderId(), now);
        }
        return receipt;
    }

    /** An order from any storefront (a webhook or an Amazon notification): stored once, paid ones processed. */
    public Receipt accept(Storefront storefront, IncomingOrder incoming, Instant now) {
        Order order = incoming.toOrder(storefront.storefrontId(), storefront.sellerId(), now);
        if (orders.createIfAbsent(order)) {
            if (order.status() == OrderStatus.READY) {
                queue.enqueue(order.orderId());
            }
            return new Receipt(order.orderId(), order.status(), false);
        }
        return redelivered(order, incoming, now);
    }

    /** The storefront canceled an order: the processing step cancels it (stock, email), if it still can. */
    public Receipt canceled(Storefront storefront, StorefrontEvent.Canceled canceled) {
        String orderId = OrderIds.forExternal(storefront.storefrontId(), canceled.externalOrderId());
        Order order = orders.get(orderId).orElse(null);
        if (order == null) {
            return new Receipt(null, null, false, "no such order here: nothing to cancel");
        }
        queue.cancel(orderId, canceled.reason(), canceled.buyerRequested(), Actor.storefront(storefront.storefrontId()));
        return new Receipt(orderId, order.status(), false, "cancel queued");
    }

    private static boolean isWooPing(UnaryOperator<String> headers, byte[] body) {
        // WooCommerce announces a new webhook with an unsigned form post: webhook_id=N.
        return headers.apply("x-wc-webhook-signature") == null && body.length < 64
                && new String(body, java.nio.charset.StandardCharsets.US_ASCII).matches("webhook_id=\\d+");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
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
