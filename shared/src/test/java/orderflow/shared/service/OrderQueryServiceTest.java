package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import org.junit.jupiter.api.Test;

class OrderQueryServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final OrderQueryService service = new OrderQueryService(orders);

    private Order store(String seller, String externalId, Instant createdAt) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        json.put("createdAt", createdAt.toString());
        Order order = GenericOrderPayload.parse(json).toOrder("sf-" + seller, seller, NOW);
        orders.createIfAbsent(order);
        return order;
    }

    @Test
    void list_validates_every_parameter_at_once() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> service.list("s", Map.of(
                "status", "LOST", "createdFrom", "yesterday", "late", "maybe", "limit", "500", "cursor", "%%%"), NOW));
        assertEquals(List.of("status", "createdFrom", "late", "limit", "cursor"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void list_pages_newest_first_with_a_cursor_bound_to_the_seller() {
        Order older = store("s1", "1", NOW.minusSeconds(60));
        Order newer = store("s1", "2", NOW);
        store("s2", "3", NOW);
        OrderQueryService.Listing first = service.list("s1", Map.of("limit", "1"), NOW);
        assertEquals(List.of(newer.orderId()), first.orders().stream().map(Order::orderId).toList());
        OrderQueryService.Listing second = service.list("s1", Map.of("limit", "1", "cursor", first.nextCursor()), NOW);
        assertEquals(List.of(older.orderId()), second.orders().stream().map(Order::orderId).toList());
        assertNull(second.nextCursor());
        // Another seller cannot replay the cursor.
        assertThrows(Failure.InvalidInput.class, () -> service.list("s2", Map.of("cursor", first.nextCursor()), NOW));
    }
}
