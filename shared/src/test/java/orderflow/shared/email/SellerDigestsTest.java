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
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;

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

    private static SellerDigests.Refused refused(Order o, String words) {
        ChannelSync sync = ChannelSync.acknowledge(o, new ChannelLink("sf", ChannelLink.WOOCOMMERCE, "https://w",
                Map.of(), Map.of()), NOW.minusSeconds(120)).sending(NOW.minusSeconds(60)).failed(words, NOW);
        return new SellerDigests.Refused(o, sync);
    }

    @Test
    void a_refused_change_shows_its_order_platform_kind_the_platforms_words_and_how_to_send_it_again() {
        Order o = late(7);
        SellerDigests.Refused r = refused(o, "woocommerce_rest_cannot_edit:\n  Sorry, you are not allowed to edit this resource.");
        EmailMessage digest = SellerDigests.digest(SELLER, "run-1", List.of(), List.of(), List.of(), List.of(),
                List.of(r));
        assertEquals("1 not accepted by a platform", digest.data().get("summary"));
        assertEquals("Not accepted by your platforms: 1 change", digest.data().get("refusedTitle"));
        RenderedEmail email = new EmailTemplates().render(digest, "orders@shop.example");
        String retry = "POST /v1/orders/" + o.orderId() + "/channel-syncs/" + r.sync().syncId() + "/retry";
        assertTrue(email.text().contains("order L-7: WooCommerce did not accept the acknowledgement: "
                + "\"woocommerce_rest_cannot_edit: Sorry, you are not allowed to edit this resource.\""), email.text());
        assertTrue(email.text().contains(retry), email.text());
        assertTrue(email.html().contains("Not accepted by your platforms") && email.html().contains(retry), email.html());
        assertTrue(email.subject().contains("1 not accepted by a platform"), email.subject());
    }

    @SuppressWarnings("unchecked")
    @Test
    void long_platform_words_are_abbreviated_and_the_event_id_names_the_refused_changes() {
        Order o = late(8);
        SellerDigests.Refused r = refused(o, "x".repeat(5000));
        EmailMessage digest = SellerDigests.digest(SELLER, "run-1", List.of(), List.of(), List.of(), List.of(),
                List.of(r));
        String shown = String.valueOf(((List<Map<String, Object>>) digest.data().get("refused")).get(0).get("error"));
        assertEquals(SellerDigests.ERROR_SHOWN, shown.length());
        assertTrue(shown.endsWith("\u2026"), shown);
        String without = SellerDigests.digest(SELLER, "run-1", List.of(), List.of(), List.of(), List.of()).eventId();
        assertNotEquals(without, digest.eventId());
        assertEquals(without, SellerDigests.digest(SELLER, "run-1", List.of(), List.of(), List.of(), List.of(),
                List.of()).eventId(), "a digest without refused changes keeps its id");
    }
}
