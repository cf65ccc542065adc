package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.PlatformShipment;
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
    /** Unknown storefront ids, for this execution environment (the service lives as long as its handler). */
    private final RecentMisses misses = new RecentMisses();
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
     * Only a delivery we cannot trust or read is refused (bad signature, unknown storefront, another
     * shop, not UTF-8 JSON, too large); a verified one always becomes an order, ON_HOLD with its raw
     * payload when we cannot act on what it says.
     */
    public Receipt receive(String storefrontId, UnaryOperator<String> headers, byte[] body) {
        Instant now = clock.instant();
        if (isWooPing(headers, body)) {
            return new Receipt(null, null, false, "WooCommerce webhook ping: nothing to do");
        }
        Storefront storefront = StorefrontRequests.verify(accounts, misses, storefrontId, headers, body, now);
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
        StorefrontEvent event = read(storefront, headers, json, body);
        Receipt receipt = act(storefront, event, now, body);
        if (deliveryId != null && deliveries != null) {
            deliveries.record(storefrontId, deliveryId, receipt.orderId(), now);
        }
        return receipt;
    }

    private Receipt act(Storefront storefront, StorefrontEvent event, Instant now, byte[] body) {
        return switch (event) {
            case StorefrontEvent.Placed placed -> accept(storefront, placed.order(), now, body);
            case StorefrontEvent.Canceled canceled -> canceled(storefront, canceled, now);
            case StorefrontEvent.Shipped shipped -> shipped(storefront, shipped);
            case StorefrontEvent.Refunded refunded -> refunded(storefront, refunded);
            case StorefrontEvent.WithRefunds both -> {
                // The order first (it may create it), then its refunds.
                Receipt order = act(storefront, both.event(), now, body);
                Receipt refunds = refunded(storefront, both.refunds());
                yield new Receipt(order.orderId() != null ? order.orderId() : refunds.orderId(),
                        order.status() != null ? order.status() : refunds.status(), order.duplicate(),
                        order.note() == null ? refunds.note() : order.note() + "; " + refunds.note());
            }
            case StorefrontEvent.Ignored ignored -> new Receipt(null, null, false, ignored.why());
        };
    }

    /**
     * The platform's reading of the body. Whatever it cannot make sense of (our own format's
     * validation, an id missing) still gives an order: held, with every field named.
     */
    private static StorefrontEvent read(Storefront storefront, UnaryOperator<String> headers, Map<String, Object> json,
                                        byte[] body) {
        StorefrontEvent event;
        try {
            event = switch (storefront.type()) {
                case "shopify" -> ShopifyWebhooks.parse(headers.apply("x-shopify-topic"), json);
                case "woocommerce" -> WooCommerceWebhooks.parse(headers.apply("x-wc-webhook-topic"), json);
                default -> new StorefrontEvent.Placed(GenericOrderPayload.parse(json));
            };
        } catch (RuntimeException e) {
            // Our reading failed: the delivery is still kept, held, with the raw payload to read it by.
            List<FieldError> why = e instanceof Failure.InvalidInput invalid ? invalid.errors()
                    : List.of(new FieldError("body", "could not be read by this version (" + e.getClass().getSimpleName()
                            + ")"));
            return new StorefrontEvent.Placed(UnreadableOrders.held(readableId(storefront, json), why, body));
        }
        return withIds(event, body);
    }

    /** An order or cancel whose id could not be read still gives an order: held, with the raw body. */
    private static StorefrontEvent withIds(StorefrontEvent event, byte[] body) {
        return switch (event) {
            case StorefrontEvent.WithRefunds both -> new StorefrontEvent.WithRefunds(withIds(both.event(), body),
                    both.refunds());
            case StorefrontEvent.Placed p when p.order().externalOrderId() == null ->
                    new StorefrontEvent.Placed(UnreadableOrders.withBodyId(p.order(), body));
            case StorefrontEvent.Canceled c when c.externalOrderId() == null ->
                    new StorefrontEvent.Placed(UnreadableOrders.held(null, List.of(new FieldError("id",
                            "is missing from a cancel: find the order on the platform and cancel it here")), body));
            default -> event;
        };
    }

    private static String readableId(Storefront storefront, Map<String, Object> json) {
        Object id = json.get(storefront.type().equals("generic") ? "externalOrderId" : "id");
        String s = id instanceof String || id instanceof Number ? id.toString().strip() : null;
        return s == null || s.isEmpty() || s.length() > 100 ? null : s;
    }

    /** An order from any storefront (a webhook or an Amazon notification): stored once, paid ones processed. */
    public Receipt accept(Storefront storefront, IncomingOrder incoming, Instant now) {
        return accept(storefront, incoming, now, null);
    }

    /** rawBody: the delivery as it came, kept on the order when it is held. */
    public Receipt accept(Storefront storefront, IncomingOrder incoming, Instant now, byte[] rawBody) {
        IncomingOrder mapped = mapped(storefront, incoming);
        Order order = mapped.toOrder(storefront.storefrontId(), storefront.sellerId(), now);
        if (orders.createIfAbsent(order, order.status() == OrderStatus.ON_HOLD ? rawBody : null)) {
            // Only Amazon's cancel comes without the order (Shopify's and WooCommerce's carry it and
            // store it canceled), so only there can a cancel be waiting: no extra read on webhooks.
            var early = deliveries == null || !storefront.type().equals("amazon")
                    ? Optional.<DeliveryLog.EarlyCancel>empty()
                    : deliveries.earlyCancel(storefront.storefrontId(), incoming.externalOrderId());
            if (early.isPresent()) {
                // The platform canceled it before this create arrived: it lands canceled, with the reason.
                queue.cancel(order.orderId(), early.get().reason(), early.get().buyerRequested(),
                        Actor.storefront(storefront.storefrontId()));
                return new Receipt(order.orderId(), order.status(), false, "canceled on the platform before it arrived");
            }
            if (order.status() == OrderStatus.READY) {
                queue.enqueue(order.orderId());
            }
            return new Receipt(order.orderId(), order.status(), false,
                    order.status() == OrderStatus.ON_HOLD ? order.statusReason() : null);
        }
        return redelivered(storefront, order, now);
    }

    /** Lines the seller mapped before (by platform product id, else platform SKU) arrive mapped. */
    private IncomingOrder mapped(Storefront storefront, IncomingOrder incoming) {
        if (storefront.skuMappings().isEmpty()) {
            return incoming;
        }
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : incoming.lines()) {
            String sku = storefront.mappedSku(line);
            lines.add(sku == null ? line : line.withSku(sku));
        }
        // Once every line has a SKU, the "no SKU" holds are answered; any other hold stays.
        Intake intake = lines.stream().anyMatch(l -> l.sku() == null) ? incoming.intake()
                : incoming.intake().withoutSkuHolds();
        return new IncomingOrder(incoming.externalOrderId(), incoming.createdAt(), incoming.paid(), incoming.currency(),
                incoming.buyer(), incoming.shipTo(), lines, incoming.totals(), intake);
    }

    /**
     * The storefront canceled an order: the processing step cancels it (stock, email), if it still can.
     * When the order is not here yet, the cancel is remembered and the create lands canceled.
     */
    public Receipt canceled(Storefront storefront, StorefrontEvent.Canceled canceled) {
        return canceled(storefront, canceled, clock.instant());
    }

    private Receipt canceled(Storefront storefront, StorefrontEvent.Canceled canceled, Instant now) {
        String orderId = OrderIds.forExternal(storefront.storefrontId(), canceled.externalOrderId());
        Order order = ours(storefront, orders.get(orderId).orElse(null));
        if (order == null && canceled.order() != null) {
            // The cancel came first and carries the order: keep it, then cancel it (the buyer is
            // told once, stock was never reserved), so the seller sees what was canceled.
            accept(storefront, canceled.order(), now, null);
            order = ours(storefront, orders.get(orderId).orElse(null));
        }
        if (order == null && deliveries != null) {
            deliveries.rememberCancel(storefront.storefrontId(), canceled.externalOrderId(),
                    new DeliveryLog.EarlyCancel(canceled.reason(), canceled.buyerRequested()), now);
            // The create may have landed between the look and the note: look again.
            order = ours(storefront, orders.get(orderId).orElse(null));
            if (order == null) {
                return new Receipt(null, null, false, "not here yet: the cancel is kept, and the order lands canceled");
            }
        }
        if (order == null) {
            return new Receipt(null, null, false, "no such order here: nothing to cancel");
        }
        queue.cancel(orderId, canceled.reason(), canceled.buyerRequested(), Actor.storefront(storefront.storefrontId()));
        return new Receipt(orderId, order.status(), false, "cancel queued");
    }

    /**
     * The seller shipped on the platform: the processing step records each package here (stock
     * committed; no email, no push back). An order that is not here has nothing to record: it was
     * never ours to ship, and is not created from a shipment.
     */
    public Receipt shipped(Storefront storefront, StorefrontEvent.Shipped shipped) {
        String orderId = OrderIds.forExternal(storefront.storefrontId(), shipped.externalOrderId());
        Order order = ours(storefront, orders.get(orderId).orElse(null));
        if (order == null && shipped.order() != null) {
            // Shipped before it reached us (made in the admin, or its create lost): keep it, then ship it here
            // once it is processed (the shipment waits for the reservation), so the order is never lost.
            accept(storefront, shipped.order(), clock.instant(), null);
            order = ours(storefront, orders.get(orderId).orElse(null));
        }
        if (order == null) {
            return new Receipt(null, null, false, "no such order here: nothing to record for its shipment");
        }
        if (order.status() == OrderStatus.CANCELED) {
            // Left as it is: which one is true (the cancel or the parcel) is for the seller to find out.
            return new Receipt(orderId, order.status(), false, "canceled here, shipped on the platform: the seller "
                    + "must check");
        }
        for (PlatformShipment shipment : shipped.shipments()) {
            queue.shippedOnPlatform(orderId, shipment, Actor.storefront(storefront.storefrontId()));
        }
        return new Receipt(orderId, order.status(), false, "platform shipment queued");
    }

    /**
     * The seller refunded on the platform: the processing step records each refund here (the refunded
     * total grows; no email, no push back). Our own refunds coming back (their note carries our refund
     * id) are not queued: they were recorded when we made them. A refund already recorded is queued
     * again (WooCommerce lists every refund on every update) and the processing step finds it recorded.
     * An order that is not here has nothing to record: it is not created from a refund.
     */
    public Receipt refunded(Storefront storefront, StorefrontEvent.Refunded refunded) {
        String orderId = OrderIds.forExternal(storefront.storefrontId(), refunded.externalOrderId());
        Order order = ours(storefront, orders.get(orderId).orElse(null));
        if (order == null) {
            return new Receipt(null, null, false, "no such order here: nothing to record for its refunds");
        }
        int queued = 0;
        for (PlatformRefund refund : refunded.refunds()) {
            if (refund.ourRefundId() == null) {
                queue.refundedOnPlatform(orderId, refund, Actor.storefront(storefront.storefrontId()));
                queued++;
            }
        }
        int ours = refunded.refunds().size() - queued;
        return new Receipt(orderId, order.status(), false, (queued == 0 ? "" : queued + " platform refund"
                + (queued == 1 ? "" : "s") + " queued") + (queued > 0 && ours > 0 ? "; " : "")
                + (ours == 0 ? "" : ours + " of our own refunds coming back: nothing to record"));
    }

    /** Whether the storefront's order is here already. */
    public boolean has(Storefront storefront, String externalOrderId) {
        return ours(storefront, orders.get(OrderIds.forExternal(storefront.storefrontId(), externalOrderId)).orElse(null))
                != null;
    }

    /** The order, if it belongs to this storefront and its seller; ids are derived, this is defence in depth. */
    private static Order ours(Storefront storefront, Order order) {
        return order != null && order.storefrontId().equals(storefront.storefrontId())
                && order.sellerId().equals(storefront.sellerId()) ? order : null;
    }

    private static boolean isWooPing(UnaryOperator<String> headers, byte[] body) {
        // WooCommerce announces a new webhook with an unsigned form post: webhook_id=N.
        return headers.apply("x-wc-webhook-signature") == null && body.length < 64
                && new String(body, StandardCharsets.US_ASCII).matches("webhook_id=\\d+");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * The order exists. A PENDING order, or one held for what its delivery said, takes the new
     * delivery's content (the platform's answer to a fix: an address added, a SKU set, prices once
     * Amazon has them) and goes on from there; otherwise nothing changes but a payment confirmation.
     */
    private Receipt redelivered(Storefront storefront, Order order, Instant now) {
        // Never null: only a Stale before the last attempt asks for another; the last one answers.
        return Races.retry(3, attempt -> {
            Order existing = ours(storefront, orders.get(order.orderId()).orElseThrow(
                    () -> new IllegalStateException("order " + order.orderId() + " vanished")));
            if (existing == null) {
                // Stored for another seller (the storefront changed hands): acted on by nobody here.
                return new Receipt(null, null, true, "the order belongs to another seller: nothing done");
            }
            boolean refreshable = existing.status() == OrderStatus.PENDING
                    || existing.status() == OrderStatus.ON_HOLD && existing.intake().held();
            if (refreshable && !sameContent(existing, order)) {
                // Paid now (READY), still unpaid (PENDING) or still held (ON_HOLD, with the new reasons).
                OrderStatus next = order.status();
                String why = switch (next) {
                    case READY -> "updated by the storefront, paid: ready to ship";
                    case ON_HOLD -> "updated by the storefront: " + order.statusReason();
                    default -> "updated by the storefront";
                };
                Orders.Applied applied = orders.apply(OrderChange.of(existing, existing.refreshedFrom(order), now,
                        Actor.storefront(existing.storefrontId()), next == OrderStatus.READY ? "payment" : "update", why,
                        List.of()));
                if (applied instanceof Orders.Stale && attempt < 3) {
                    return null; // changed meanwhile (a concurrent delivery or a cancel): look again
                }
                if (applied instanceof Orders.Done) {
                    if (next == OrderStatus.READY) {
                        queue.enqueue(existing.orderId());
                    }
                    return new Receipt(existing.orderId(), next, false, next == OrderStatus.ON_HOLD ? order.statusReason() : null);
                }
            }
            if (existing.status() == OrderStatus.READY || existing.status() == OrderStatus.BACKORDERED) {
                // READY: the first delivery may have stored the order and died before queueing it.
                // BACKORDERED: a redelivery is a cheap moment to try the stock again. Processing is
                // idempotent, so queueing again never doubles anything.
                queue.enqueue(existing.orderId());
            }
            return new Receipt(existing.orderId(), existing.status(), true);
        });
    }

    private static boolean sameContent(Order existing, Order incoming) {
        return existing.status() == incoming.status() && existing.lines().equals(incoming.lines())
                && existing.totals().equals(incoming.totals()) && existing.buyer().equals(incoming.buyer())
                && Objects.equals(existing.shipTo(), incoming.shipTo())
                && existing.intake().equals(incoming.intake());
    }
}
