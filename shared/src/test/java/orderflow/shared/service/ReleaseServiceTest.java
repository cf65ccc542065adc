package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Totals;
import org.junit.jupiter.api.Test;

class ReleaseServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.SkuMappingsFake mappings = new InMemory.SkuMappingsFake();
    private final InMemory.QueueFake queue = new InMemory.QueueFake();
    private final ReleaseService service = new ReleaseService(orders, mappings, queue, Clock.fixed(NOW, ZoneOffset.UTC));

    /** A Shopify-like order held for a custom line without SKU and a total that did not add up. */
    private Order held(boolean paid) {
        Money ten = Money.parse("10.00", "USD");
        List<FieldError> holds = List.of(new FieldError("line_items[1].sku", "has no SKU: map it to a SKU"),
                new FieldError("total_price", "is 25.00 but ... = 20.00"));
        IncomingOrder in = new IncomingOrder("1001", NOW, paid, "USD", new Buyer("Ada", "ada@example.com"),
                new Address("Ada", "1 Main St", null, "Springfield", "IL", "62701", "US"),
                List.of(new OrderLine("MUG-BLUE", "Mug", 1, ten, "44001"), new OrderLine(null, "Engraving", 1, ten, "44002")),
                new Totals(Money.parse("20.00", "USD"), Money.zero("USD"), Money.zero("USD"), Money.parse("25.00", "USD")),
                new Intake("#1001", false, false, holds, null, null, List.of()));
        Order order = in.toOrder("sf", "seller", NOW);
        orders.createIfAbsent(order);
        return order;
    }

    private static List<String> fields(Failure.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void release_names_every_thing_still_to_fix_and_writes_nothing() {
        Order order = held(true);
        var e = assertThrows(Failure.InvalidInput.class, () -> service.release("seller", Actor.sellerKey("key_test"),
                order.orderId(), Map.of()));
        assertEquals(List.of("lines[1].sku", "acceptTotals"), fields(e));
        assertEquals(OrderStatus.ON_HOLD, orders.orders.get(order.orderId()).status());
        assertEquals(List.of(), queue.enqueued);
    }

    @Test
    void a_mapped_and_accepted_paid_order_goes_ready_and_the_mapping_is_remembered_by_the_platform_id() {
        Order order = held(true);
        var result = service.release("seller", Actor.sellerKey("key_test"), order.orderId(),
                Map.of("skus", List.of(Map.of("line", 1, "sku", "ENGRAVING")), "acceptTotals", true));
        assertEquals(OrderStatus.READY, result.order().status());
        assertEquals(List.of("MUG-BLUE", "ENGRAVING"), result.order().lines().stream().map(OrderLine::sku).toList());
        assertEquals(List.of(), result.order().intake().holds());
        assertEquals(Money.parse("25.00", "USD"), result.order().totals().total(), "the platform's total is kept");
        assertEquals(List.of(order.orderId()), queue.enqueued);
        assertEquals(Map.of("sf#ref:44002", "ENGRAVING"), mappings.skus);
    }

    @Test
    void an_unpaid_order_is_released_to_pending_and_not_queued() {
        Order order = held(false);
        var result = service.release("seller", Actor.sellerKey("key_test"), order.orderId(),
                Map.of("skus", List.of(Map.of("line", 1, "sku", "ENGRAVING", "remember", false)), "acceptTotals", true));
        assertEquals(OrderStatus.PENDING, result.order().status());
        assertEquals(List.of(), queue.enqueued);
        assertEquals(Map.of(), mappings.skus, "remember: false");
    }

    @Test
    void a_mapping_outside_the_order_or_twice_for_a_line_is_a_400() {
        Order order = held(true);
        var e = assertThrows(Failure.InvalidInput.class, () -> service.release("seller", Actor.sellerKey("key_test"),
                order.orderId(), Map.of("acceptTotals", true, "skus", List.of(Map.of("line", 1, "sku", "A"),
                        Map.of("line", 1, "sku", "B"), Map.of("line", 7, "sku", "C")))));
        assertEquals(List.of("skus[1].line", "skus[2].line"), fields(e));
        var bad = assertThrows(Failure.InvalidInput.class, () -> service.release("seller", Actor.sellerKey("key_test"),
                order.orderId(), Map.of("skus", List.of(Map.of("line", -1, "sku", "<x>")), "acceptTotals", "yes")));
        assertEquals(List.of("skus[0].line", "skus[0].sku", "acceptTotals"), fields(bad));
    }

    @Test
    void only_an_on_hold_order_of_the_seller_is_released() {
        Order order = held(true);
        assertThrows(Failure.NotFound.class, () -> service.release("someone-else", Actor.sellerKey("key_other"),
                order.orderId(), Map.of()));
        service.release("seller", Actor.sellerKey("key_test"), order.orderId(),
                Map.of("skus", List.of(Map.of("line", 1, "sku", "ENGRAVING")), "acceptTotals", true));
        assertThrows(Failure.IllegalTransition.class, () -> service.release("seller", Actor.sellerKey("key_test"),
                order.orderId(), Map.of()));
    }

    @Test
    void a_hold_only_the_platform_can_fix_is_named_with_what_to_do() {
        Money ten = Money.parse("10.00", "USD");
        IncomingOrder in = new IncomingOrder("1002", NOW, true, "USD", new Buyer("Ada", null), Address.NONE,
                List.of(new OrderLine("MUG-BLUE", "Mug", 1, ten)), new Totals(ten, Money.zero("USD"), Money.zero("USD"), ten),
                new Intake(null, false, false, List.of(new FieldError("shipping_address", "is missing: add it on Shopify")),
                        null, null, List.of()));
        Order order = in.toOrder("sf", "seller", NOW);
        orders.createIfAbsent(order);
        var e = assertThrows(Failure.InvalidInput.class, () -> service.release("seller", Actor.sellerKey("key_test"),
                order.orderId(), Map.of("acceptTotals", true)));
        assertEquals(List.of("shipping_address"), fields(e));
        assertTrue(e.errors().get(0).message().contains("add it on Shopify"));
    }
}
