package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;
import org.junit.jupiter.api.Test;

class OrderActionsTest {

    /** Placed on a Friday at noon; the seller acts the next Wednesday. */
    private static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant SHIP_BY = Instant.parse("2026-11-30T23:59:59Z");
    private static final Instant DELIVER_BY = Instant.parse("2026-12-07T23:59:59Z");
    private static final Actor ACTOR = Actor.sellerKey("key_1");
    private static final String UPS = "1Z999AA10123456784";

    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final InMemory.QueueFake queue = new InMemory.QueueFake();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AcknowledgeOrder acknowledge = new AcknowledgeOrder(orders, clock);
    private final ShipOrder ship = new ShipOrder(orders, accounts, outbox, clock);
    private final ConfirmDelivery delivery = new ConfirmDelivery(orders, accounts, outbox, clock);
    private final CancelOrder cancel = new CancelOrder(orders, accounts, outbox,
            new LowStockAlerts(NO_LOW_STOCK, accounts, outbox), queue, clock);

    OrderActionsTest() {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
        accounts.sellers.put("other", new Seller("other", "Other shop", "o@other.example", "r@other.example",
                "s@other.example", 1, ZoneId.of("UTC")));
    }

    /** 3 x MUG-BLUE, confirmed: the 3 units are reserved out of 5 on hand. */
    private Order storeUnshipped() {
        Order placed = GenericOrderPayload.parse(GenericOrderPayloadTestData.valid()).toOrder("sf", "seller", PLACED);
        orders.createIfAbsent(placed);
        Order unshipped = placed.confirmed(SHIP_BY, DELIVER_BY);
        orders.orders.put(unshipped.orderId(), unshipped);
        orders.onHand.put("MUG-BLUE", 5);
        orders.reserved.put("MUG-BLUE", 3);
        orders.available.put("MUG-BLUE", 2);
        return unshipped;
    }

    private static Map<String, Object> cancelBody(String reason) {
        return Map.of("reason", reason);
    }

    private static Map<String, Object> shipBody(String tracking, Map<?, ?>... lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("carrier", "UPS");
        body.put("trackingNumber", tracking);
        body.put("shipDate", "2026-11-30");
        if (lines.length > 0) {
            body.put("lines", List.of(lines));
        }
        return body;
    }

    private List<String> eventIds() {
        return outbox.messages.stream().map(EmailMessage::eventId).toList();
    }

    private List<HistoryEntry> history(String orderId) {
        return orders.history.getOrDefault(orderId, List.of());
    }

    private void assertStock(int available, int reserved, int onHand) {
        assertEquals(available, orders.available.get("MUG-BLUE"), "available");
        assertEquals(reserved, orders.reserved.get("MUG-BLUE"), "reserved");
        assertEquals(onHand, orders.onHand.get("MUG-BLUE"), "on hand");
    }

    @Test
    void another_sellers_order_is_not_found_and_untouched() {
        Order order = storeUnshipped();
        assertThrows(Failure.NotFound.class,
                () -> cancel.cancel("other", ACTOR, order.orderId(), cancelBody("OUT_OF_STOCK")));
        assertThrows(Failure.NotFound.class,
                () -> ship.ship("other", ACTOR, order.orderId(), shipBody(UPS)));
        assertThrows(Failure.NotFound.class,
                () -> delivery.confirm("other", ACTOR, order.orderId(), Map.of("deliveredAt", "2026-12-01")));
        assertThrows(Failure.NotFound.class, () -> acknowledge.acknowledge("other", ACTOR, order.orderId()));
        assertThrows(Failure.NotFound.class, () -> acknowledge.acknowledge("seller", ACTOR, "ord_missing"));

        assertEquals(order, orders.orders.get(order.orderId()));
        assertEquals(1, history(order.orderId()).size());
        assertTrue(outbox.messages.isEmpty());
        assertStock(2, 3, 5);
    }

    @Test
    void cancel_queues_one_email_and_a_retry_queues_the_same_event_without_a_second_history_entry() {
        Order order = storeUnshipped();
        ActionResult first = cancel.cancel("seller", ACTOR, order.orderId(),
                cancelBody("BUYER_REQUESTED"));

        assertTrue(first.changed());
        assertEquals(OrderStatus.CANCELED, first.order().status());
        assertEquals(first.order(), orders.orders.get(order.orderId()));
        assertEquals(List.of("order-canceled:" + order.orderId()), eventIds());
        EmailMessage email = outbox.messages.get(0);
        assertEquals("order-canceled", email.template());
        assertEquals("ada@example.com", email.toAddress());
        assertEquals("yes", email.data().get("buyerRequested"));
        List<HistoryEntry> afterFirst = List.copyOf(history(order.orderId()));
        assertEquals(2, afterFirst.size());
        assertEquals("cancel", afterFirst.get(1).action());
        assertEquals(ACTOR, afterFirst.get(1).actor());

        ActionResult retry = cancel.cancel("seller", ACTOR, order.orderId(),
                cancelBody("BUYER_REQUESTED"));
        assertFalse(retry.changed());
        assertEquals(first.order(), retry.order());
        // queued again under the same event id: the sender sends it at most once
        assertEquals(List.of("order-canceled:" + order.orderId(), "order-canceled:" + order.orderId()), eventIds());
        assertEquals(afterFirst, history(order.orderId()));
        assertStock(5, 0, 5); // released once, not twice
    }

    @Test
    void cancel_with_another_reason_after_cancel_is_illegal_and_queues_nothing_more() {
        Order order = storeUnshipped();
        cancel.cancel("seller", ACTOR, order.orderId(), cancelBody("OUT_OF_STOCK"));
        assertThrows(Failure.IllegalTransition.class,
                () -> cancel.cancel("seller", ACTOR, order.orderId(), cancelBody("PRICING_ERROR")));
        assertEquals(1, outbox.messages.size());
        assertEquals(2, history(order.orderId()).size());
    }

    @Test
    void cancel_releases_the_reserved_stock_and_tells_the_backorders() {
        Order order = storeUnshipped();
        cancel.cancel("seller", ACTOR, order.orderId(), cancelBody("OUT_OF_STOCK"));
        assertStock(5, 0, 5);
        assertEquals(List.of("seller:MUG-BLUE"), queue.arrivals);
    }

    @Test
    void ship_queues_the_shipment_email_with_its_tracking_url_and_commits_the_stock() {
        Order order = storeUnshipped();
        ActionResult result = ship.ship("seller", ACTOR, order.orderId(), shipBody(UPS));

        assertTrue(result.changed());
        assertEquals(OrderStatus.SHIPPED, result.order().status());
        assertEquals("shp_1", result.shipment().shipmentId());
        assertEquals(result.order(), orders.orders.get(order.orderId()));
        assertEquals(List.of("order-shipped:" + order.orderId() + ":shp_1"), eventIds());
        EmailMessage email = outbox.messages.get(0);
        assertEquals("order-shipped", email.template());
        assertEquals("https://www.ups.com/track?tracknum=" + UPS, email.data().get("trackingUrl"));
        assertEquals(UPS, email.data().get("trackingNumber"));
        assertEquals("", email.data().get("more"));
        assertEquals("ship shp_1", history(order.orderId()).get(1).action());
        assertStock(2, 0, 2); // 3 left in the box: on hand and reserved both go down, available stays
    }

    @Test
    void partial_ship_commits_only_the_boxed_units_and_a_retry_repeats_the_same_email() {
        Order order = storeUnshipped();
        Map<String, Object> body = shipBody(UPS, Map.of("sku", "MUG-BLUE", "quantity", 2));
        ActionResult first = ship.ship("seller", ACTOR, order.orderId(), body);
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, first.order().status());
        assertStock(2, 1, 3);
        assertEquals("The rest of your order will follow in another package.", outbox.messages.get(0).data().get("more"));

        ActionResult retry = ship.ship("seller", ACTOR, order.orderId(),
                shipBody("1z999aa1 0123456784", Map.of("sku", "MUG-BLUE", "quantity", 2)));
        assertFalse(retry.changed());
        assertEquals("shp_1", retry.shipment().shipmentId());
        String eventId = "order-shipped:" + order.orderId() + ":shp_1";
        assertEquals(List.of(eventId, eventId), eventIds());
        assertEquals(2, history(order.orderId()).size());
        assertStock(2, 1, 3); // not committed twice
    }

    @Test
    void delivery_of_a_fully_shipped_order_queues_the_delivered_email() {
        Order order = storeUnshipped();
        ship.ship("seller", ACTOR, order.orderId(), shipBody(UPS));
        ActionResult result = delivery.confirm("seller", ACTOR, order.orderId(),
                Map.of("deliveredAt", "2026-12-02T09:00:00Z"));

        assertTrue(result.changed());
        assertEquals(OrderStatus.DELIVERED, result.order().status());
        assertEquals(OrderStatus.DELIVERED, orders.orders.get(order.orderId()).status());
        assertEquals(List.of("order-shipped:" + order.orderId() + ":shp_1", "order-delivered:" + order.orderId()),
                eventIds());
        assertEquals("order-delivered", outbox.messages.get(1).template());
        assertEquals(3, history(order.orderId()).size());

        ActionResult retry = delivery.confirm("seller", ACTOR, order.orderId(),
                Map.of("deliveredAt", "2026-12-02T09:00:00Z"));
        assertFalse(retry.changed());
        assertEquals("order-delivered:" + order.orderId(), outbox.messages.get(2).eventId());
        assertEquals(3, history(order.orderId()).size());
    }

    @Test
    void acknowledge_is_written_once_and_queues_no_email() {
        Order order = storeUnshipped();
        ActionResult first = acknowledge.acknowledge("seller", ACTOR, order.orderId());
        assertTrue(first.changed());
        assertEquals(NOW, orders.orders.get(order.orderId()).fulfillment().acknowledgedAt());
        assertFalse(acknowledge.acknowledge("seller", ACTOR, order.orderId()).changed());
        assertEquals(2, history(order.orderId()).size());
        assertTrue(outbox.messages.isEmpty());
        assertStock(2, 3, 5);
    }

    @Test
    void calendar_day_ship_dates_are_read_in_the_sellers_time_zone() {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("America/New_York")));
        Order order = storeUnshipped();
        ActionResult result = ship.ship("seller", ACTOR, order.orderId(), shipBody(UPS));
        assertEquals(Instant.parse("2026-11-30T05:00:00Z"), result.shipment().shipDate());
    }

    @Test
    void delivery_of_part_of_an_order_queues_no_delivered_email() {
        Order order = storeUnshipped();
        ship.ship("seller", ACTOR, order.orderId(), shipBody(UPS, Map.of("sku", "MUG-BLUE", "quantity", 1)));
        ActionResult result = delivery.confirm("seller", ACTOR, order.orderId(),
                Map.of("deliveredAt", "2026-12-02", "shipmentId", "shp_1"));
        assertTrue(result.changed());
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, result.order().status());
        assertEquals(List.of("order-shipped:" + order.orderId() + ":shp_1"), eventIds());
    }

    @Test
    void a_concurrent_change_between_read_and_write_is_a_conflict_and_writes_nothing() {
        Order order = storeUnshipped();
        // Someone acknowledges the order right after our read: the stored version moves on.
        Orders racing = new RacingOrders(orders, o -> o.withFulfillment(o.fulfillment().withAcknowledged(NOW)));
        CancelOrder racedCancel = new CancelOrder(racing, accounts, outbox,
                new LowStockAlerts(NO_LOW_STOCK, accounts, outbox), queue, clock);
        ShipOrder racedShip = new ShipOrder(racing, accounts, outbox, clock);

        assertThrows(Failure.Conflict.class,
                () -> racedCancel.cancel("seller", ACTOR, order.orderId(), cancelBody("OUT_OF_STOCK")));
        Order stored = orders.orders.get(order.orderId());
        assertEquals(order.version() + 1, stored.version()); // only the other writer's change
        assertEquals(OrderStatus.UNSHIPPED, stored.status());
        assertEquals(1, history(order.orderId()).size());
        assertTrue(outbox.messages.isEmpty());
        assertStock(2, 3, 5);

        assertThrows(Failure.Conflict.class, () -> racedShip.ship("seller", ACTOR, order.orderId(), shipBody(UPS)));
        assertEquals(OrderStatus.UNSHIPPED, orders.orders.get(order.orderId()).status());
        assertTrue(orders.orders.get(order.orderId()).fulfillment().shipments().isEmpty());
        assertTrue(outbox.messages.isEmpty());
        assertStock(2, 3, 5);
    }

    private static final Inventory NO_LOW_STOCK = InMemory.noLowStock();

    /** Orders whose stored order is changed by "someone else" right after each read. */
    private static final class RacingOrders implements Orders {
        private final InMemory.OrdersFake delegate;
        private final java.util.function.UnaryOperator<Order> otherWriter;

        RacingOrders(InMemory.OrdersFake delegate, java.util.function.UnaryOperator<Order> otherWriter) {
            this.delegate = delegate;
            this.otherWriter = otherWriter;
        }

        @Override
        public Optional<Order> get(String orderId) {
            Optional<Order> read = delegate.get(orderId);
            read.ifPresent(o -> delegate.orders.put(orderId, otherWriter.apply(delegate.orders.get(orderId))));
            return read;
        }

        @Override
        public Applied apply(OrderChange change) {
            return delegate.apply(change);
        }

        @Override
        public boolean create(Order order, HistoryEntry received) {
            return delegate.create(order, received);
        }

        @Override
        public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
            return delegate.list(sellerId, filter, after, limit);
        }

        @Override
        public Page listByStatus(String sellerId, orderflow.shared.domain.OrderStatus status,
                                 Map<String, String> after, int limit, boolean oldestFirst) {
            return delegate.listByStatus(sellerId, status, after, limit, oldestFirst);
        }

        @Override
        public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
            return delegate.history(orderId, afterVersion, limit);
        }

        @Override
        public void markConfirmationQueued(String orderId, Instant at) {
            delegate.markConfirmationQueued(orderId, at);
        }
    }
}
