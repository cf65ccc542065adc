package orderflow.shared.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;

class SellerDigestsTest {

    private static final Seller SELLER = new Seller("s1", "Shop", "owner@shop.example", "help@shop.example",
            "help@shop.example", 2, ZoneId.of("Europe/Berlin"));
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Order late(int i) {
        Map<String, Object> json = new java.util.HashMap<>(Map.of("externalOrderId", "L-" + i, "paymentStatus", "PAID",
                "currency", "USD", "buyer", Map.of("name", "Ada", "email", "ada@example.com"),
                "shipTo", Map.of("name", "Ada", "line1", "1 Way", "city", "Town", "postalCode", "1", "country", "US"),
                "lines", List.of(Map.of("sku", "MUG", "title", "Mug", "quantity", 1, "unitPrice", "1.00")),
                "total", "1.00"));
        Order o = GenericOrderPayload.parse(json).toOrder("sf", "s1", NOW.minusSeconds(86_400 * 3));
        return o.confirmed(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400 * 3));
    }

    @SuppressWarnings("unchecked")
    @Test
    void a_digest_lists_at_most_fifty_of_each_kind_and_counts_them_all() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            orders.add(late(i));
        }
        MessageThread waiting = new MessageThread("o9", "s1", "L-9", "Ada", NOW.minusSeconds(30 * 3600), NOW, "Hi?");
        EmailMessage digest = SellerDigests.digest(SELLER, "run-1", orders, List.of(), List.of(), List.of(waiting));
        assertEquals(50, ((List<Object>) digest.data().get("late")).size());
        assertTrue(String.valueOf(digest.data().get("lateTitle")).startsWith("120 late"), digest.data().toString());
        assertEquals("", digest.data().get("atRiskTitle"));
        assertEquals("120 late, 1 unanswered", digest.data().get("summary"));
        assertEquals("owner@shop.example", digest.toAddress());
        RenderedEmail email = new EmailTemplates().render(digest, "orders@shop.example");
        assertTrue(email.subject().contains("120 late"), email.subject());
        assertTrue(email.text().contains("L-0") && email.text().contains("Ada has waited since"), email.text());
    }

    @Test
    void the_event_id_names_seller_run_and_contents() {
        List<Order> two = List.of(late(1), late(2));
        String id = SellerDigests.digest(SELLER, "run-1", two, List.of(), List.of(), List.of()).eventId();
        assertEquals(id, SellerDigests.digest(SELLER, "run-1", two, List.of(), List.of(), List.of()).eventId());
        assertTrue(id.startsWith("seller-digest:s1:run-1:"), id);
        assertNotEquals(id, SellerDigests.digest(SELLER, "run-1", List.of(late(1)), List.of(), List.of(), List.of()).eventId());
        assertNotEquals(id, SellerDigests.digest(SELLER, "run-2", two, List.of(), List.of(), List.of()).eventId());
    }
}
