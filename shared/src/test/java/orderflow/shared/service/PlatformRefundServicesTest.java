package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.domain.returns.RefundIds;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.StorefrontEvent;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Refunds;
import orderflow.shared.service.ProcessOrderService.Outcome;

/**
 * A refund made on the platform, from the delivery (ReceiveOrderService queues it when the order is
 * here and it is not ours coming back) to the processing step (ProcessOrderService records it once,
 * through the refund port: refunded total, status after delivery only, capped, no email, nothing sent).
 */
class PlatformRefundServicesTest {

    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    /** 3 x MUG-BLUE at 12.50 + 4.99 shipping + 1.00 tax. */
    private static final long TOTAL = 4349;
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.QueueFake queue = new InMemory.QueueFake();
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final RefundsFake refunds = new RefundsFake(orders);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ReceiveOrderService receive = new ReceiveOrderService(accounts, orders, queue, clock);
    private final ProcessOrderService process = new ProcessOrderService(orders, accounts, outbox, null, null, refunds,
            clock);
    private final Storefront shop = new Storefront("sf", "seller", "shopify", List.of("secret"));
    private final Actor by = Actor.storefront("sf");

    PlatformRefundServicesTest() {
        accounts.storefronts.put("sf", shop);
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
    }

    private Order stored(OrderStatus status) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", "1");
        Order order = GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW.minusSeconds(10 * 86_400));
        if (status != OrderStatus.READY) {
            order = order.next(status, null, NOW, order.fulfillment());
        }
        orders.orders.put(order.orderId(), order);
        return order;
    }

    private static PlatformRefund refund(String id, long minor, String note) {
        return new PlatformRefund("shopify", id, new Money(minor, "USD"), note, NOW.minusSeconds(60));
    }

    private Order now(Order order) {
        return orders.orders.get(order.orderId());
    }

    private String lastHistory(Order order) {
        var entries = orders.history.get(order.orderId());
        return entries.get(entries.size() - 1).reason();
    }

    // --- receiving ---------------------------------------------------------------------------------

    @Test
    void a_refund_of_an_order_here_is_queued_for_processing_by_the_storefront() {
        Order order = stored(OrderStatus.DELIVERED);
        ReceiveOrderService.Receipt r = receive.refunded(shop, new StorefrontEvent.Refunded("1",
                List.of(refund("929361464", 500, "wrong size"))));
        assertEquals(order.orderId(), r.orderId());
        assertEquals(List.of(order.orderId() + ":shopify 929361464:storefront:sf"), queue.platformRefunds);
    }

    @Test
    void our_own_refund_coming_back_is_not_even_queued() {
        Order order = stored(OrderStatus.DELIVERED);
        String ours = RefundIds.goodwill(order.orderId(), "req-1");
        ReceiveOrderService.Receipt r = receive.refunded(shop, new StorefrontEvent.Refunded("1",
                List.of(refund("77", 500, "Scratched mug [" + ours + "]"))));
        assertEquals(List.of(), queue.platformRefunds);
        assertTrue(r.note().contains("our own refunds coming back"), r.note());
    }

    @Test
    void a_refund_of_an_order_that_is_not_here_records_nothing() {
        ReceiveOrderService.Receipt r = receive.refunded(shop, new StorefrontEvent.Refunded("404",
                List.of(refund("1", 500, null))));
        assertNull(r.orderId());
        assertEquals(List.of(), queue.platformRefunds);
        assertEquals(Map.of(), orders.orders, "a refund never creates an order");
    }

    @Test
    void a_woocommerce_update_is_read_as_the_order_then_its_refunds() {
        Storefront woo = new Storefront("woo", "seller", "woocommerce", List.of("secret"));
        accounts.storefronts.put("woo", woo);
        Map<String, Object> order = new HashMap<>(Map.of("id", 4217, "status", "processing", "currency", "USD",
                "date_created_gmt", "2026-12-01T15:00:00", "total", "25.00", "shipping_total", "5.00",
                "billing", Map.of("first_name", "Wu", "email", "wu@example.com"),
                "shipping", Map.of("first_name", "Wu", "address_1", "2 Side St", "city", "Austin", "postcode", "73301",
                        "country", "US"),
                "line_items", List.of(Map.of("id", 1, "name", "T-shirt", "quantity", 2, "sku", "TEE-M",
                        "subtotal", "20.00", "total", "20.00"))));
        order.put("refunds", List.of(Map.of("id", 4301, "reason", "Late", "total", "-5.00")));
        byte[] body = Json.write(order).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String signature = orderflow.shared.security.PlatformSignature.sign("secret", body);
        ReceiveOrderService.Receipt r = receive.receive("woo", name -> switch (name.toLowerCase()) {
            case "x-wc-webhook-topic" -> "order.updated";
            case "x-wc-webhook-signature" -> signature;
            default -> null;
        }, body);
        // The order arrived with this very delivery (paid: queued for processing), then its refund was queued.
        assertEquals(OrderStatus.READY, r.status());
        assertEquals(List.of(r.orderId() + ":woocommerce 4301:storefront:woo"), queue.platformRefunds);
        assertTrue(r.note().contains("1 platform refund queued"), r.note());
    }

    // --- processing --------------------------------------------------------------------------------

    @Test
    void after_delivery_it_is_recorded_once_as_a_partial_refund_paid_on_the_platform_with_no_email() {
        Order order = stored(OrderStatus.DELIVERED);
        // The message exactly as SqsOrderQueue writes it.
        Map<String, Object> message = Json.parseObject(Json.write(Map.of("refundedOnPlatform", Map.of(
                "orderId", order.orderId(), "refund", refund("929361464", 1250, "wrong size").toMap(),
                "by", by.toString()))));
        String log = process.handle(message);
        assertTrue(log.contains("REFUNDED_ON_PLATFORM"), log);
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, now(order).status());
        assertEquals(new Money(1250, "USD"), now(order).refunded());
        Refund recorded = refunds.records.get(0);
        assertEquals(RefundIds.onPlatform(order.orderId(), "shopify", "929361464"), recorded.refundId());
        assertEquals(RefundDelivery.Status.PLATFORM, recorded.delivery().status());
        assertEquals(new Money(1250, "USD"), recorded.amount());
        assertEquals("shopify refund 929361464", recorded.requestId());
        assertEquals(by, orders.history.get(order.orderId()).get(0).actor());
        assertTrue(lastHistory(order).startsWith("refunded on shopify (refund 929361464): 12.50 USD"), lastHistory(order));
        assertEquals(List.of(), outbox.messages, "the platform told the buyer");

        // Delivered again (SQS at least once, a webhook retry): nothing more.
        assertEquals("platform refund 929361464 of " + order.orderId() + ": ALREADY_DONE", process.handle(message));
        assertEquals(new Money(1250, "USD"), now(order).refunded());
        assertEquals(1, refunds.records.size());
        assertEquals(1, orders.history.get(order.orderId()).size());
    }

    @Test
    void a_refund_of_everything_left_after_delivery_makes_the_order_refunded() {
        Order order = stored(OrderStatus.DELIVERED);
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(), refund("1", 1000, null), by));
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(),
                refund("2", TOTAL - 1000, null), by));
        assertEquals(OrderStatus.REFUNDED, now(order).status());
        assertEquals(TOTAL, now(order).refunded().minor());
    }

    @Test
    void before_delivery_the_amount_is_recorded_without_a_status_change() {
        Order order = stored(OrderStatus.UNSHIPPED);
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(), refund("5", 499, null), by));
        assertEquals(OrderStatus.UNSHIPPED, now(order).status());
        assertEquals(499, now(order).refunded().minor());
        assertTrue(lastHistory(order).startsWith("refunded on shopify before delivery (refund 5): 4.99 USD"),
                lastHistory(order));
        assertEquals(1, refunds.records.size());

        // Delivered later: a second refund there takes the normal way, with what is left.
        orders.orders.put(order.orderId(), now(order).next(OrderStatus.DELIVERED, null, NOW, order.fulfillment()));
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(),
                refund("6", TOTAL - 499, null), by));
        assertEquals(OrderStatus.REFUNDED, now(order).status());
    }

    @Test
    void a_refund_above_what_was_paid_is_capped_and_the_history_says_so() {
        Order order = stored(OrderStatus.DELIVERED);
        process.refundedOnPlatform(order.orderId(), refund("1", 4000, null), by);
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(), refund("2", 1000, null), by));
        assertEquals(TOTAL, now(order).refunded().minor(), "never more than was paid");
        assertEquals(OrderStatus.REFUNDED, now(order).status());
        assertEquals(TOTAL - 4000, refunds.records.get(1).amount().minor());
        assertTrue(lastHistory(order).contains("3.49 USD, capped at what was left to refund here (10.00 refunded there)"),
                lastHistory(order));
        // Nothing left at all: nothing recorded, and the seller is told in the log.
        assertEquals(Outcome.NOTHING_LEFT, process.refundedOnPlatform(order.orderId(), refund("3", 100, null), by));
        assertEquals(2, refunds.records.size());
    }

    @Test
    void our_own_refund_coming_back_by_its_bracketed_id_records_nothing() {
        Order order = stored(OrderStatus.DELIVERED);
        String ours = RefundIds.goodwill(order.orderId(), "req-1");
        assertEquals(Outcome.OURS, process.refundedOnPlatform(order.orderId(),
                refund("900", 500, "Refund [" + ours + "]"), by));
        assertEquals(0, now(order).refunded().minor());
        assertEquals(List.of(), refunds.records);
        assertEquals(OrderStatus.DELIVERED, now(order).status());
    }

    @Test
    void a_refund_in_another_currency_than_the_order_is_left_to_the_seller() {
        Order order = stored(OrderStatus.DELIVERED);
        PlatformRefund euros = new PlatformRefund("shopify", "8", new Money(500, "EUR"), null, null);
        assertEquals(Outcome.OTHER_CURRENCY, process.refundedOnPlatform(order.orderId(), euros, by));
        assertEquals(List.of(), refunds.records);
    }

    @Test
    void a_refund_on_an_order_canceled_here_is_recorded_and_the_order_stays_canceled() {
        Order order = stored(OrderStatus.CANCELED);
        assertEquals(Outcome.REFUNDED_ON_PLATFORM, process.refundedOnPlatform(order.orderId(), refund("9", TOTAL, null), by));
        assertEquals(OrderStatus.CANCELED, now(order).status());
        assertEquals(TOTAL, now(order).refunded().minor());
        assertTrue(lastHistory(order).startsWith("refunded on shopify after the cancel"), lastHistory(order));
    }

    @Test
    void a_refund_paid_on_the_platform_is_never_posted_to_the_storefronts_refund_url() {
        accounts.storefronts.put("sf", new Storefront("sf", "seller", "shopify", List.of("secret"),
                "https://shop.example/refunds"));
        Order order = stored(OrderStatus.DELIVERED);
        process.refundedOnPlatform(order.orderId(), refund("929361464", 500, null), by);
        RefundDeliveryService delivery = new RefundDeliveryService(refunds, orders, accounts, (url, body, headers) -> {
            throw new AssertionError("posted a refund the seller paid on the platform: " + url);
        }, java.time.Duration.ofSeconds(30), clock);
        var outcome = delivery.deliver(order.orderId(), refunds.records.get(0).refundId(), 1);
        assertTrue(assertInstanceOf(RefundDeliveryService.NothingToSend.class, outcome).why()
                .contains("paid on the platform"), outcome.toString());
    }

    /** The refund port over the orders fake: the order change and the refund record, all or nothing. */
    static final class RefundsFake implements Refunds {
        final List<Refund> records = new ArrayList<>();
        private final InMemory.OrdersFake orders;

        RefundsFake(InMemory.OrdersFake orders) {
            this.orders = orders;
        }

        @Override
        public Orders.Applied issue(RefundChange change) {
            if (change.refund() != null && get(change.refund().orderId(), change.refund().refundId()).isPresent()) {
                return new Orders.Stale(); // the refund id is taken: the condition fails the transaction
            }
            Orders.Applied applied = orders.apply(change.order());
            if (applied instanceof Orders.Done && change.refund() != null) {
                records.add(change.refund());
            }
            return applied;
        }

        @Override
        public Optional<Refund> get(String orderId, String refundId) {
            return records.stream().filter(r -> r.orderId().equals(orderId) && r.refundId().equals(refundId)).findFirst();
        }

        @Override
        public List<Refund> getAll(List<Key> keys) {
            return records.stream().filter(r -> keys.contains(new Key(r.orderId(), r.refundId()))).toList();
        }

        @Override
        public List<Refund> forOrder(String orderId) {
            return records.stream().filter(r -> r.orderId().equals(orderId)).toList();
        }

        @Override
        public void recordDelivery(Refund refund) {
            throw new AssertionError("a platform refund is never delivered anywhere");
        }
    }
}
