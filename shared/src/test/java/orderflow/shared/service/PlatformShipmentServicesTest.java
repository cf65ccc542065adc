package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.storefront.PlatformShipment;
import orderflow.shared.domain.storefront.StorefrontEvent;
import orderflow.shared.json.Json;

/**
 * A shipment made on the platform, from the delivery (ReceiveOrderService queues it when the order is
 * here) to the processing step (ProcessOrderService records it: stock committed, no email).
 */
class PlatformShipmentServicesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.QueueFake queue = new InMemory.QueueFake();
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ReceiveOrderService receive = new ReceiveOrderService(accounts, orders, queue, clock);
    private final ProcessOrderService process = new ProcessOrderService(orders, accounts, outbox, clock);
    private final Storefront shop = new Storefront("sf", "seller", "shopify", List.of("secret"));
    private final Actor by = Actor.storefront("sf");

    PlatformShipmentServicesTest() {
        accounts.storefronts.put("sf", shop);
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
    }

    /** 3 x MUG-BLUE from the storefront "sf", external id 1, in the status given (stock reserved when UNSHIPPED). */
    private Order stored(OrderStatus status) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", "1");
        Order order = GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW);
        order = switch (status) {
            case READY -> order;
            case UNSHIPPED -> order.confirmed(NOW.plusSeconds(86_400), NOW.plusSeconds(7 * 86_400));
            case CANCELED -> order.withStatus(OrderStatus.CANCELED, "canceled by the seller");
            default -> throw new IllegalArgumentException(status.name());
        };
        orders.orders.put(order.orderId(), order);
        if (status == OrderStatus.UNSHIPPED) {
            orders.reserved.put("MUG-BLUE", 3);
            orders.onHand.put("MUG-BLUE", 10);
        }
        return order;
    }

    private static PlatformShipment fulfillment(String id, String tracking) {
        return new PlatformShipment("shopify", "fulfillment " + id, "UPS", tracking, null, NOW, List.of());
    }

    // --- receiving ---------------------------------------------------------------------------------

    @Test
    void a_shipment_of_an_order_that_is_not_here_records_nothing_and_says_so() {
        ReceiveOrderService.Receipt r = receive.shipped(shop, new StorefrontEvent.Shipped("404", fulfillment("1", null)));
        assertNull(r.orderId());
        assertTrue(r.note().contains("no such order here"), r.note());
        assertEquals(List.of(), queue.platformShipments);
        assertEquals(Map.of(), orders.orders, "a shipment never creates an order");
    }

    @Test
    void each_shipment_of_an_order_that_is_here_is_queued_for_processing_by_the_storefront() {
        Order order = stored(OrderStatus.UNSHIPPED);
        ReceiveOrderService.Receipt r = receive.shipped(shop, new StorefrontEvent.Shipped("1",
                List.of(fulfillment("1", "1Z999AA10123456784"), fulfillment("2", null))));
        assertEquals(order.orderId(), r.orderId());
        assertEquals(List.of(order.orderId() + ":fulfillment 1:storefront:sf",
                order.orderId() + ":fulfillment 2:storefront:sf"), queue.platformShipments);
    }

    @Test
    void a_shipment_of_an_order_canceled_here_is_left_for_the_seller_to_check() {
        Order order = stored(OrderStatus.CANCELED);
        ReceiveOrderService.Receipt r = receive.shipped(shop, new StorefrontEvent.Shipped("1", fulfillment("1", null)));
        assertEquals(order.orderId(), r.orderId());
        assertTrue(r.note().contains("canceled here, shipped on the platform"), r.note());
        assertEquals(List.of(), queue.platformShipments);
    }

    // --- processing --------------------------------------------------------------------------------

    @Test
    void the_processing_step_records_it_commits_the_stock_and_emails_nobody() {
        Order order = stored(OrderStatus.UNSHIPPED);
        // The message exactly as SqsOrderQueue writes it.
        Map<String, Object> message = Json.parseObject(Json.write(Map.of("shippedOnPlatform", Map.of(
                "orderId", order.orderId(), "shipment", fulfillment("1", "1Z999AA10123456784").toMap(),
                "by", by.toString()))));
        String log = process.handle(message);
        assertTrue(log.contains("SHIPPED_ON_PLATFORM"), log);
        Order after = orders.orders.get(order.orderId());
        assertEquals(OrderStatus.SHIPPED, after.status());
        assertEquals("1Z999AA10123456784", after.fulfillment().shipments().get(0).trackingNumber());
        assertEquals(0, orders.reserved.get("MUG-BLUE"));
        assertEquals(7, orders.onHand.get("MUG-BLUE"));
        assertEquals(List.of(), outbox.messages, "the platform notified the buyer itself");
        assertEquals(by, orders.history.get(order.orderId()).get(0).actor());
        // Delivered again (SQS at least once, or orders/fulfilled after fulfillments/create): nothing more.
        assertEquals("platform shipment of " + order.orderId() + ": ALREADY_DONE", process.handle(message));
        assertEquals(7, orders.onHand.get("MUG-BLUE"));
        assertEquals(1, orders.history.get(order.orderId()).size());
    }

    @Test
    void an_order_not_yet_reserved_fails_the_message_so_it_comes_back_after_the_reservation() {
        Order order = stored(OrderStatus.READY);
        assertThrows(IllegalStateException.class, () -> process.shippedOnPlatform(order.orderId(),
                fulfillment("1", null), by));
        assertEquals(OrderStatus.READY, orders.orders.get(order.orderId()).status());
    }

    @Test
    void an_order_canceled_here_is_left_as_it_is_for_the_seller_to_check() {
        Order order = stored(OrderStatus.CANCELED);
        assertEquals(ProcessOrderService.Outcome.CANCELED_HERE, process.shippedOnPlatform(order.orderId(),
                fulfillment("1", null), by));
        assertEquals(OrderStatus.CANCELED, orders.orders.get(order.orderId()).status());
        assertEquals(ProcessOrderService.Outcome.UNKNOWN_ORDER, process.shippedOnPlatform("nope",
                fulfillment("1", null), by));
    }
}
