package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Storefront;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.Test;

class ReceiveOrderServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.QueueFake queue = new InMemory.QueueFake();
    private final InMemory.DeliveryLogFake deliveries = new InMemory.DeliveryLogFake();
    private final ReceiveOrderService service = new ReceiveOrderService(accounts, orders, queue, deliveries,
            Clock.fixed(NOW, ZoneOffset.UTC));

    ReceiveOrderServiceTest() {
        accounts.storefronts.put("sf", new Storefront("sf", "seller", "generic", List.of("secret")));
    }

    private static byte[] body(String externalId, String payment) {
        Map<String, Object> json = new java.util.HashMap<>(orderflow.shared.domain.GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        json.put("paymentStatus", payment);
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    private ReceiveOrderService.Receipt deliver(byte[] body) {
        return service.receive("sf", WebhookSignature.sign("secret", NOW.getEpochSecond(), body), body);
    }

    @Test
    void paid_order_is_stored_ready_and_queued() {
        ReceiveOrderService.Receipt r = deliver(body("1", "PAID"));
        assertEquals(OrderStatus.READY, r.status());
        assertFalse(r.duplicate());
        assertEquals(List.of(r.orderId()), queue.enqueued);
        assertEquals("seller", orders.orders.get(r.orderId()).sellerId());
    }

    @Test
    void redelivery_after_processing_changes_nothing() {
        ReceiveOrderService.Receipt first = deliver(body("1", "PAID"));
        orders.orders.computeIfPresent(first.orderId(), (id, o) -> o.confirmed(NOW, NOW));
        ReceiveOrderService.Receipt again = deliver(body("1", "PAID"));
        assertTrue(again.duplicate());
        assertEquals(first.orderId(), again.orderId());
        assertEquals(1, queue.enqueued.size());
        assertEquals(1, orders.orders.size());
    }

    @Test
    void redelivery_of_a_backordered_order_tries_the_stock_again() {
        ReceiveOrderService.Receipt first = deliver(body("1", "PAID"));
        orders.orders.computeIfPresent(first.orderId(), (id, o) -> o.withStatus(OrderStatus.BACKORDERED, "short"));
        deliver(body("1", "PAID"));
        assertEquals(List.of(first.orderId(), first.orderId()), queue.enqueued);
    }

    @Test
    void redelivery_of_an_unprocessed_order_queues_it_again_so_nothing_is_stranded() {
        ReceiveOrderService.Receipt first = deliver(body("1", "PAID"));
        deliver(body("1", "PAID"));
        assertEquals(List.of(first.orderId(), first.orderId()), queue.enqueued);
    }

    @Test
    void pending_order_is_not_queued_until_a_paid_delivery_arrives() {
        ReceiveOrderService.Receipt pending = deliver(body("2", "PENDING"));
        assertEquals(OrderStatus.PENDING, pending.status());
        assertEquals(List.of(), queue.enqueued);
        ReceiveOrderService.Receipt paid = deliver(body("2", "PAID"));
        assertEquals(OrderStatus.READY, paid.status());
        assertEquals(List.of(pending.orderId()), queue.enqueued);
    }

    @Test
    void bad_requests_write_nothing() {
        byte[] body = body("3", "PAID");
        assertThrows(Failure.Unauthenticated.class, () -> service.receive("sf", "t=1,v1=" + "0".repeat(64), body));
        assertThrows(Failure.Unauthenticated.class, () -> service.receive("nope", WebhookSignature.sign("secret",
                NOW.getEpochSecond(), body), body));
        assertThrows(Failure.Unauthenticated.class, () -> service.receive("../etc", "x", body));
        byte[] huge = new byte[ReceiveOrderService.MAX_BODY_BYTES + 1];
        assertThrows(Failure.TooLarge.class, () -> service.receive("sf", "x", huge));
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};
        assertThrows(Failure.InvalidInput.class, () -> deliver(notUtf8));
        assertThrows(Failure.InvalidInput.class, () -> deliver("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(orders.orders.isEmpty());
        assertTrue(queue.enqueued.isEmpty());
    }

    @Test
    void a_signed_order_with_bad_fields_is_held_with_its_raw_payload_not_refused() {
        byte[] body = "{\"externalOrderId\":\"9\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8);
        ReceiveOrderService.Receipt r = deliver(body);
        assertEquals(OrderStatus.ON_HOLD, r.status());
        assertTrue(r.note().contains("paymentStatus"), r.note());
        assertEquals(List.of(), queue.enqueued);
        assertTrue(java.util.Arrays.equals(body, orders.raw.get(r.orderId())), "the delivery is kept as it came");
    }

    @Test
    void a_signed_order_without_an_id_is_kept_under_an_id_made_from_its_body_once() {
        byte[] body = "{\"currency\":\"USD\"}".getBytes(StandardCharsets.UTF_8);
        ReceiveOrderService.Receipt first = deliver(body);
        ReceiveOrderService.Receipt again = deliver(body);
        assertEquals(OrderStatus.ON_HOLD, first.status());
        assertEquals(first.orderId(), again.orderId());
        assertTrue(orders.orders.get(first.orderId()).externalOrderId().startsWith("unread-"));
    }

    @Test
    void a_cancel_without_the_order_is_remembered_and_the_later_create_lands_canceled() {
        // Amazon's cancel notification carries no order; its later reading comes through accept.
        Storefront sf = new Storefront("sf", "seller", "amazon", List.of());
        ReceiveOrderService.Receipt early = service.canceled(sf,
                new orderflow.shared.domain.storefront.StorefrontEvent.Canceled("5", true, "amazon: buyer"));
        assertEquals(null, early.orderId());
        var order = orderflow.shared.domain.GenericOrderPayload.parse(Json.parseObject(new String(body("5", "PAID"),
                StandardCharsets.UTF_8)));
        ReceiveOrderService.Receipt created = service.accept(sf, order, NOW);
        assertEquals(List.of(created.orderId() + ":true:amazon: buyer"), queue.cancels);
        assertEquals(List.of(), queue.enqueued, "never reserved: the cancel comes first");
    }

    @Test
    void a_cancel_that_carries_the_order_stores_it_unpaid_and_cancels_it() {
        Storefront sf = accounts.storefronts.get("sf");
        var order = orderflow.shared.domain.GenericOrderPayload.parse(Json.parseObject(new String(body("6", "PAID"),
                StandardCharsets.UTF_8)));
        var unpaid = new orderflow.shared.domain.IncomingOrder(order.externalOrderId(), order.createdAt(), false,
                order.currency(), order.buyer(), order.shipTo(), order.lines(), order.totals(), order.intake());
        ReceiveOrderService.Receipt r = service.canceled(sf,
                new orderflow.shared.domain.storefront.StorefrontEvent.Canceled("6", false, "shopify: staff", unpaid));
        assertEquals(OrderStatus.PENDING, orders.orders.get(r.orderId()).status());
        assertEquals(List.of(r.orderId() + ":false:shopify: staff"), queue.cancels);
        assertEquals(List.of(), queue.enqueued);
    }

    @Test
    void another_storefronts_order_is_never_touched_by_a_cancel() {
        ReceiveOrderService.Receipt mine = deliver(body("7", "PAID"));
        Storefront other = new Storefront("other", "seller-2", "generic", List.of("s2"));
        accounts.storefronts.put("other", other);
        orders.orders.computeIfPresent(mine.orderId(), (id, o) -> o); // stays
        ReceiveOrderService.Receipt r = service.canceled(other,
                new orderflow.shared.domain.storefront.StorefrontEvent.Canceled("7", false, "x"));
        assertEquals(null, r.orderId());
        assertEquals(List.of(), queue.cancels);
    }

    @Test
    void a_held_order_takes_the_content_of_its_fixed_redelivery_and_goes_on() {
        Map<String, Object> broken = new java.util.HashMap<>(orderflow.shared.domain.GenericOrderPayloadTestData.valid());
        broken.put("externalOrderId", "8");
        broken.remove("buyer");
        ReceiveOrderService.Receipt held = deliver(Json.write(broken).getBytes(StandardCharsets.UTF_8));
        assertEquals(OrderStatus.ON_HOLD, held.status());
        ReceiveOrderService.Receipt fixed = deliver(body("8", "PAID"));
        assertEquals(OrderStatus.READY, fixed.status());
        assertEquals("ada@example.com", orders.orders.get(held.orderId()).buyer().email());
        assertEquals(List.of(held.orderId()), queue.enqueued);
    }

    @Test
    void a_remembered_mapping_gives_a_later_line_its_sku_and_lifts_the_hold() {
        Map<String, Object> json = new java.util.HashMap<>(orderflow.shared.domain.GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", "10");
        json.put("lines", List.of(Map.of("sku", "<old sku>", "quantity", 1, "unitPrice", "12.50")));
        json.remove("total");
        assertEquals(OrderStatus.ON_HOLD, deliver(Json.write(json).getBytes(StandardCharsets.UTF_8)).status());
        // a SKU-less line has no key; one keyed by the platform's SKU text maps:
        json.put("externalOrderId", "11");
        json.put("lines", List.of(Map.of("sku", "OLD-SKU", "quantity", 1, "unitPrice", "12.50")));
        accounts.storefronts.put("sf", new Storefront("sf", "seller", "generic", List.of("secret"), null, null,
                Map.of("sku:OLD-SKU", "MUG-BLUE")));
        ReceiveOrderService.Receipt mapped = deliver(Json.write(json).getBytes(StandardCharsets.UTF_8));
        assertEquals(OrderStatus.READY, mapped.status());
        assertEquals("MUG-BLUE", orders.orders.get(mapped.orderId()).lines().get(0).sku());
    }
}
