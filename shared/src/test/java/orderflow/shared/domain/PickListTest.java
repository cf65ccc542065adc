package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PickListTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Order order(String externalId, Map<String, Integer> lines) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        List<Map<String, Object>> l = new ArrayList<>();
        lines.forEach((sku, q) -> l.add(Map.of("sku", sku, "title", "Item " + sku, "quantity", q, "unitPrice", "1.00")));
        json.put("lines", l);
        json.remove("total");
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW).confirmed(NOW, NOW);
    }

    private static StockItem bin(String sku, String bin) {
        return new StockItem(sku, 10, 0, 10, 0, bin, null, null, NOW);
    }

    @Test
    void lines_are_grouped_by_sku_with_totals_and_orders_and_sorted_by_bin_numerically() {
        Order a = order("A", Map.of("MUG", 2, "TEE", 1));
        Order b = order("B", Map.of("MUG", 1, "CAP", 3));
        Order c = order("C", Map.of("SOCK", 4));
        PickList list = PickList.of(List.of(a, b, c), Map.of("MUG", bin("MUG", "A-10"), "TEE", bin("TEE", "A-2"),
                "CAP", bin("CAP", "B-1")));
        assertEquals(List.of("TEE", "MUG", "CAP", "SOCK"), list.lines().stream().map(PickList.Line::sku).toList(),
                "A-2 before A-10 before B-1; no bin last");
        PickList.Line mug = list.lines().get(1);
        assertEquals(3, mug.quantity());
        assertEquals(List.of("A", "B"), mug.orders().stream().map(PickList.Share::externalOrderId).toList());
        assertEquals(3, list.orders());
        assertEquals(11, list.units());
    }

    @Test
    void shipped_units_are_not_picked_again() {
        Order a = order("A", Map.of("MUG", 3));
        var ship = ActionRequests.ship(Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                "shipDate", NOW.toString(), "lines", List.of(Map.of("sku", "MUG", "quantity", 2))), java.time.ZoneOffset.UTC, NOW);
        Order partly = OrderLifecycle.ship(a, ship, Actor.job("test"), NOW).after();
        PickList list = PickList.of(List.of(partly), Map.of());
        assertEquals(1, list.lines().get(0).quantity());
    }

    @Test
    void fifty_orders_make_one_line_per_sku() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(order("O" + i, Map.of("SKU-" + (i % 5), 1 + i % 3)));
        }
        PickList list = PickList.of(orders, Map.of());
        assertEquals(5, list.lines().size());
        assertEquals(50, list.lines().stream().mapToInt(l -> l.orders().size()).sum());
        assertEquals(orders.stream().mapToInt(o -> o.lines().get(0).quantity()).sum(), list.units());
    }
}
