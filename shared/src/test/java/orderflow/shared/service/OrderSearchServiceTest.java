package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import org.junit.jupiter.api.Test;

class OrderSearchServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final OrderQueryService service = new OrderQueryService(orders, null, new SearchFake(orders));

    private Order store(String seller, String externalId, String sku, Instant createdAt) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        json.put("createdAt", createdAt.toString());
        json.put("lines", List.of(Map.of("sku", sku, "title", "Item", "quantity", 1, "unitPrice", "1.00")));
        json.remove("total");
        Order order = GenericOrderPayload.parse(json).toOrder("sf-" + seller, seller, NOW);
        orders.createIfAbsent(order);
        return order;
    }

    private static List<String> ids(OrderQueryService.Listing l) {
        return l.orders().stream().map(Order::orderId).toList();
    }

    @Test
    void an_order_number_finds_the_one_order_and_never_another_sellers() {
        Order mine = store("s1", "A-1001", "MUG", NOW);
        store("s2", "A-1001", "MUG", NOW);
        OrderQueryService.Listing found = service.list("s1", Map.of("q", "a-1001"), NOW);
        assertEquals(List.of(mine.orderId()), ids(found));
        assertNull(found.nextCursor());
    }

    @Test
    void a_sku_search_pages_newest_first_and_keeps_the_listing_filters() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, store("s1", "E" + i, "Mug Blue", NOW.minusSeconds(600 - i)).orderId());
        }
        OrderQueryService.Listing first = service.list("s1", Map.of("q", "MUG BLUE", "field", "sku", "limit", "2"), NOW);
        assertEquals(newestFirst.subList(0, 2), ids(first));
        OrderQueryService.Listing second = service.list("s1",
                Map.of("q", "MUG BLUE", "field", "sku", "limit", "2", "cursor", first.nextCursor()), NOW);
        assertEquals(newestFirst.subList(2, 4), ids(second));
        assertEquals(List.of(), ids(service.list("s1", Map.of("q", "mug blue", "status", "SHIPPED"), NOW)));
        assertEquals(newestFirst.subList(0, 2), ids(service.list("s1", Map.of("q", "mug blue",
                "createdFrom", NOW.minusSeconds(597).toString()), NOW)));
    }

    @Test
    void a_cursor_is_refused_for_another_seller_or_another_query() {
        for (int i = 0; i < 3; i++) {
            store("s1", "E" + i, "MUG", NOW.minusSeconds(i));
        }
        OrderQueryService.Listing first = service.list("s1", Map.of("q", "mug", "field", "sku", "limit", "1"), NOW);
        assertNotNull(first.nextCursor());
        for (Map<String, String> q : List.of(Map.of("q", "tee", "field", "sku"), Map.of("q", "mug", "field", "name"))) {
            Map<String, String> withCursor = new HashMap<>(q);
            withCursor.put("cursor", first.nextCursor());
            Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> service.list("s1", withCursor, NOW));
            assertEquals(List.of("cursor"), e.errors().stream().map(FieldError::field).toList());
        }
        assertThrows(Failure.InvalidInput.class, () -> service.list("s2",
                Map.of("q", "mug", "field", "sku", "cursor", first.nextCursor()), NOW));
        String startOfSkus = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"kind\":\"sku\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(Failure.InvalidInput.class, () -> service.list("s1",
                Map.of("q", "mug", "field", "num", "cursor", startOfSkus), NOW), "a kind this search does not read");
    }

    @Test
    void a_search_of_every_kind_pages_on_from_one_kind_to_the_next() {
        Order byNumber = store("s1", "MUG", "TEE", NOW.minusSeconds(10));
        Order bySku = store("s1", "X1", "MUG", NOW);
        OrderQueryService.Listing first = service.list("s1", Map.of("q", "mug", "limit", "1"), NOW);
        assertEquals(List.of(byNumber.orderId()), ids(first));
        OrderQueryService.Listing second = service.list("s1", Map.of("q", "mug", "limit", "1",
                "cursor", first.nextCursor()), NOW);
        assertEquals(List.of(bySku.orderId()), ids(second));
    }

    @Test
    void search_parameters_are_checked_with_the_listing_ones() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> service.list("s1",
                Map.of("q", "", "field", "colour", "status", "LOST"), NOW));
        assertEquals(List.of("status", "field", "q"), e.errors().stream().map(FieldError::field).toList());
    }
}
