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
    private final ReceiveOrderService service = new ReceiveOrderService(accounts, orders, queue,
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
}
