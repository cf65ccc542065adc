package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.api.OrderCsv;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.Test;

class OrderExportServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void a_part_full_of_quotes_stays_under_the_limit_as_sent_and_the_parts_cover_every_order_once() {
        InMemory.OrdersFake orders = new InMemory.OrdersFake();
        String quotes = "\"".repeat(200); // each costs 2 bytes in the CSV and 4 in the JSON response
        for (int i = 0; i < 8_000; i++) {
            Map<String, Object> json = new HashMap<>(Map.of("externalOrderId", "Q-" + i, "paymentStatus", "PAID",
                    "currency", "USD", "buyer", Map.of("name", quotes, "email", "q@example.com"),
                    "shipTo", Map.of("name", "Q", "line1", "1 Way", "city", "Town", "postalCode", "1", "country", "US"),
                    "lines", List.of(Map.of("sku", "MUG", "title", "Mug", "quantity", 1, "unitPrice", "1.00")),
                    "total", "1.00"));
            orders.create(GenericOrderPayload.parse(json).toOrder("sf", "s1", NOW.minus(Duration.ofMinutes(i + 1))),
                    null);
        }
        OrderExportService service = new OrderExportService(orders);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int parts = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("from", NOW.minus(Duration.ofDays(30)).toString(),
                    "to", NOW.toString()));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            OrderExportService.Export part = service.export("s1", query, NOW, OrderCsv::row, OrderCsv.HEADER,
                    () -> true);
            int sent = Json.write(part.csv()).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(sent <= OrderExportService.MAX_BYTES, "part " + parts + " is " + sent + " bytes as sent");
            part.csv().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).forEach(id ->
                    assertTrue(seen.add(id), "order " + id + " in two parts"));
            cursor = part.nextCursor();
            parts++;
        } while (cursor != null);
        assertEquals(8_000, seen.size());
        assertTrue(parts >= 2, "the JSON-escaped size needs more than one part");
    }
}
