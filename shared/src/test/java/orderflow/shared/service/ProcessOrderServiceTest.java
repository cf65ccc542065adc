package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.EmailMessage;
import org.junit.jupiter.api.Test;

class ProcessOrderServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OrdersFake stock = orders;
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final ProcessOrderService service = new ProcessOrderService(orders, accounts, outbox,
            Clock.fixed(NOW, ZoneOffset.UTC));

    ProcessOrderServiceTest() {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
    }

    private Order store(boolean paid) {
        Map<String, Object> json = new java.util.HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        Order order = GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW);
        orders.createIfAbsent(order);
        return order;
    }

    @Test
    void reserved_order_is_confirmed_once_with_one_email() {
        stock.available.put("MUG-BLUE", 3);
        Order order = store(true);
        assertEquals(ProcessOrderService.Outcome.CONFIRMED, service.process(order.orderId()));
        assertEquals(ProcessOrderService.Outcome.ALREADY_DONE, service.process(order.orderId()));
        assertEquals(1, outbox.messages.size());
        assertEquals("order-confirmed:" + order.orderId(), outbox.messages.get(0).eventId());
        assertEquals(0, stock.available.get("MUG-BLUE"));
        // Ordered on Friday at noon with a 1-day handling time: ship by Monday end of day.
        assertEquals(Instant.parse("2026-11-30T23:59:59.999999999Z"), orders.orders.get(order.orderId()).shipBy());
    }

    @Test
    void a_crash_after_reserving_still_gets_the_email_out_on_redelivery() {
        stock.available.put("MUG-BLUE", 3);
        Order order = store(true);
        orders.orders.put(order.orderId(), order.confirmed(NOW, NOW)); // reserved, email never queued
        assertEquals(ProcessOrderService.Outcome.CONFIRMED, service.process(order.orderId()));
        assertEquals(1, outbox.messages.size());
        assertEquals(3, stock.available.get("MUG-BLUE")); // not reserved a second time
    }

    @Test
    void short_stock_backorders_and_unknown_sku_holds() {
        stock.available.put("MUG-BLUE", 2);
        Order order = store(true);
        assertEquals(ProcessOrderService.Outcome.BACKORDERED, service.process(order.orderId()));
        assertEquals("Not enough stock: MUG-BLUE: 3 ordered, 2 available",
                orders.orders.get(order.orderId()).statusReason());
        assertEquals(ProcessOrderService.Outcome.BACKORDERED, service.process(order.orderId())); // a redelivery
        // The buyer hears once that the order waits for stock; no confirmation yet.
        assertEquals(List.of("order-backordered:" + order.orderId()),
                outbox.messages.stream().map(EmailMessage::eventId).toList());
        stock.available.remove("MUG-BLUE");
        assertEquals(ProcessOrderService.Outcome.ON_HOLD, service.process(order.orderId()));
        assertTrue(orders.orders.get(order.orderId()).statusReason().contains("unknown SKU MUG-BLUE"));
        assertEquals(1, outbox.messages.size());
    }

    @Test
    void pending_and_unknown_orders_are_left_alone() {
        Order pending = store(false);
        assertEquals(ProcessOrderService.Outcome.STILL_PENDING, service.process(pending.orderId()));
        assertEquals(ProcessOrderService.Outcome.UNKNOWN_ORDER, service.process("ord_missing"));
        orders.orders.put(pending.orderId(), pending.withStatus(OrderStatus.CANCELED, "x"));
        assertEquals(ProcessOrderService.Outcome.ALREADY_DONE, service.process(pending.orderId()));
    }

    @Test
    void order_that_lost_every_race_for_its_stock_goes_back_to_the_queue_later_not_to_the_dlq() {
        InMemory.QueueFake queue = new InMemory.QueueFake();
        ProcessOrderService withRetries = new ProcessOrderService(orders, accounts, outbox, null, queue,
                Clock.fixed(NOW, ZoneOffset.UTC));
        stock.available.put("MUG-BLUE", 10);
        stock.available.put("TEE-BLACK-L", 10);
        Order order = store(true);
        orders.racesToLose = 1;
        String outcome = withRetries.handle(Map.of("orderId", order.orderId()));
        assertTrue(outcome.contains("CONTENDED"), outcome);
        assertEquals(1, queue.contended.size());
        String[] parts = queue.contended.get(0).split(":");
        assertEquals(order.orderId(), parts[0]);
        assertEquals("1", parts[1]);
        long seconds = Long.parseLong(parts[2]);
        assertTrue(seconds >= 1 && seconds <= 2, "first retry within the 2 s window: " + seconds);
        assertEquals(OrderStatus.READY, orders.orders.get(order.orderId()).status()); // nothing written
        assertTrue(outbox.messages.isEmpty());
        // The re-queued message confirms the order.
        assertTrue(withRetries.handle(Map.of("orderId", order.orderId(), "contended", 1)).endsWith("CONFIRMED"));
        assertEquals(1, outbox.messages.size());
    }

    @Test
    void order_that_keeps_losing_fails_its_message_after_the_last_requeue() {
        InMemory.QueueFake queue = new InMemory.QueueFake();
        ProcessOrderService withRetries = new ProcessOrderService(orders, accounts, outbox, null, queue,
                Clock.fixed(NOW, ZoneOffset.UTC));
        stock.available.put("MUG-BLUE", 10);
        stock.available.put("TEE-BLACK-L", 10);
        Order order = store(true);
        orders.racesToLose = 1;
        Map<String, Object> last = Map.of("orderId", order.orderId(), "contended", ProcessOrderService.MAX_CONTENDED);
        assertThrows(Failure.Conflict.class, () -> withRetries.handle(last));
        assertTrue(queue.contended.isEmpty());
        // Without a queue to go back to (null), the message fails at once, as before.
        orders.racesToLose = 1;
        assertThrows(Failure.Conflict.class, () -> service.handle(Map.of("orderId", order.orderId())));
    }

    @Test
    void contention_delays_spread_over_a_doubling_window_capped_at_a_minute() {
        for (int times = 1; times <= 12; times++) {
            long cap = Math.min(60, 1L << times);
            for (int k = 0; k < 200; k++) {
                long s = orderflow.shared.domain.Backoff.delay(times).toSeconds();
                assertTrue(s >= 1 && s <= cap, times + ": " + s);
            }
        }
    }
}
