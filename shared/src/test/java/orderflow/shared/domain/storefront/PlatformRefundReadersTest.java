package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Money;
import orderflow.shared.json.Json;

/**
 * Refunds made on the platforms, read from their documented webhook bodies: Shopify's REST Refund
 * (refunds/create), and a WooCommerce order whose refunds list grew (order.updated), partially (the
 * status stays) or in full (status refunded).
 */
class PlatformRefundReadersTest {

    private static final String OURS = "rf_0123456789abcdefghjkmnpqrs";

    private static String ignoredWhy(StorefrontEvent event) {
        return assertInstanceOf(StorefrontEvent.Ignored.class, event).why();
    }

    private static PlatformRefund onlyRefund(StorefrontEvent event) {
        StorefrontEvent.Refunded refunded = assertInstanceOf(StorefrontEvent.Refunded.class, event);
        assertEquals(1, refunded.refunds().size(), refunded.toString());
        return refunded.refunds().get(0);
    }

    private static Map<String, Object> transaction(String kind, String status, String amount) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", 7018234950999L);
        t.put("kind", kind);
        t.put("status", status);
        t.put("amount", amount);
        t.put("currency", "USD");
        return t;
    }

    // --- Shopify refunds/create --------------------------------------------------------------------

    @Test
    void a_shopify_refund_is_what_its_successful_refund_transactions_paid_back_in_minor_units() {
        StorefrontEvent event = ShopifyWebhooks.parse("refunds/create", load("shopify-refunds-create.json"));
        assertEquals("5923847102534", ((StorefrontEvent.Refunded) event).externalOrderId());
        PlatformRefund refund = onlyRefund(event);
        assertEquals("shopify", refund.platform());
        assertEquals("1039417884742", refund.refundId());
        assertEquals(new Money(1350, "USD"), refund.amount(), "the transaction, not the line subtotal");
        assertEquals("Mug arrived chipped", refund.note());
        assertEquals(Instant.parse("2026-12-08T19:05:12Z"), refund.createdAt());
        assertNull(refund.ourRefundId());
    }

    @Test
    void failed_and_non_refund_transactions_pay_nothing_back_and_several_successful_ones_add_up() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        body.put("transactions", List.of(transaction("refund", "failure", "13.50"), transaction("refund", "success", "10.00"),
                transaction("refund", "success", "3.50"), transaction("sale", "success", "99.00")));
        assertEquals(usd("13.50"), onlyRefund(ShopifyWebhooks.parse("refunds/create", body)).amount());
    }

    @Test
    void a_restock_only_shopify_refund_records_nothing() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        body.put("transactions", List.of());
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/create", body)).contains("paid nothing back"));
        body.put("transactions", List.of(transaction("refund", "success", "0.00")));
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/create", body)).contains("paid nothing back"));
    }

    @Test
    void a_refund_still_pending_at_the_payment_provider_is_left_to_the_seller() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        body.put("transactions", List.of(transaction("refund", "pending", "13.50")));
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/create", body)).contains("pending"));
    }

    @Test
    void a_shopify_refund_whose_note_carries_our_refund_id_is_ours_coming_back() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        body.put("note", "Scratched on arrival [" + OURS + "]");
        assertEquals(OURS, onlyRefund(ShopifyWebhooks.parse("refunds/create", body)).ourRefundId());
    }

    @Test
    void a_shopify_refund_without_its_order_or_its_own_id_records_nothing() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        body.remove("order_id");
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/create", body)).contains("order_id"));
        body = load("shopify-refunds-create.json");
        body.put("id", null);
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/create", body)).contains("without a usable id"));
    }

    // --- WooCommerce order.updated with refunds ----------------------------------------------------

    private static Map<String, Object> wooOrder(String status, List<Map<String, Object>> refunds) {
        Map<String, Object> order = load("woocommerce-order-created.json");
        order.put("status", status);
        order.put("refunds", new ArrayList<>(refunds));
        return order;
    }

    private static Map<String, Object> wooRefund(long id, String reason, String total) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("reason", reason);
        r.put("total", total);
        return r;
    }

    @Test
    void a_partial_woocommerce_refund_comes_with_the_order_whose_status_stays() {
        StorefrontEvent event = WooCommerceWebhooks.parse("order.updated",
                wooOrder("processing", List.of(wooRefund(4301, "Late delivery", "-5.00"))));
        StorefrontEvent.WithRefunds both = assertInstanceOf(StorefrontEvent.WithRefunds.class, event);
        assertInstanceOf(StorefrontEvent.Placed.class, both.event(), "the order is read as before");
        assertEquals("4217", both.refunds().externalOrderId());
        PlatformRefund refund = both.refunds().refunds().get(0);
        assertEquals("woocommerce", refund.platform());
        assertEquals("4301", refund.refundId());
        assertEquals(usd("5.00"), refund.amount());
        assertEquals("Late delivery", refund.note());
        assertNull(refund.createdAt(), "the order body does not date its refunds");
    }

    @Test
    void a_woocommerce_order_refunded_in_full_is_its_refunds_alone() {
        StorefrontEvent event = WooCommerceWebhooks.parse("order.updated", wooOrder("refunded",
                List.of(wooRefund(4301, "", "-5.00"), wooRefund(4302, "", "-43.18"))));
        StorefrontEvent.Refunded refunded = assertInstanceOf(StorefrontEvent.Refunded.class, event);
        assertEquals(List.of(usd("5.00"), usd("43.18")), refunded.refunds().stream().map(PlatformRefund::amount).toList());
        assertNull(refunded.refunds().get(0).note(), "an empty reason is no note");
    }

    @Test
    void a_completed_woocommerce_order_with_a_refund_is_its_shipment_and_its_refund() {
        Map<String, Object> order = load("woocommerce-order-completed.json");
        order.put("refunds", List.of(wooRefund(4303, "Broken handle [" + OURS + "]", "-12.50")));
        StorefrontEvent.WithRefunds both = assertInstanceOf(StorefrontEvent.WithRefunds.class,
                WooCommerceWebhooks.parse("order.updated", order));
        assertInstanceOf(StorefrontEvent.Shipped.class, both.event());
        assertEquals(OURS, both.refunds().refunds().get(0).ourRefundId(), "ours, pushed by the channel sync");
    }

    @Test
    void a_woocommerce_order_without_refunds_reads_as_before() {
        Map<String, Object> order = wooOrder("processing", List.of());
        assertInstanceOf(StorefrontEvent.Placed.class, WooCommerceWebhooks.parse("order.updated", order));
        assertTrue(ignoredWhy(WooCommerceWebhooks.parse("order.updated", wooOrder("refunded", List.of())))
                .contains("lists no refund"));
    }

    @Test
    void the_legacy_format_names_the_reason_refund_and_unreadable_entries_are_left_out() {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("id", 4304);
        legacy.put("refund", "Wrong colour");
        legacy.put("total", "-2.50");
        StorefrontEvent event = WooCommerceWebhooks.parse("order.updated", wooOrder("refunded", List.of(legacy,
                wooRefund(4305, "no amount", null), wooRefund(4306, "zero", "-0.00"), wooRefund(0, "no id", "-1.00"))));
        PlatformRefund refund = onlyRefund(event);
        assertEquals("Wrong colour", refund.note());
        assertEquals(usd("2.50"), refund.amount());
    }

    // --- the queue message -------------------------------------------------------------------------

    @Test
    void a_platform_refund_survives_the_queue_message() {
        PlatformRefund refund = new PlatformRefund("shopify", "1039417884742", new Money(1350, "USD"),
                "Mug arrived chipped [" + OURS + "]", Instant.parse("2026-12-08T19:05:12Z"));
        PlatformRefund back = PlatformRefund.fromMap(Json.parseObject(Json.write(refund.toMap())));
        assertEquals(refund, back);
        assertEquals(OURS, back.ourRefundId());
        PlatformRefund bare = new PlatformRefund("woocommerce", "4301", new Money(500, "JPY"), null, null);
        assertEquals(bare, PlatformRefund.fromMap(Json.parseObject(Json.write(bare.toMap()))));
    }

    @Test
    void other_shopify_refund_topics_are_not_read() {
        Map<String, Object> body = load("shopify-refunds-create.json");
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("refunds/updated", body)).contains("refunds/create"));
        assertSame(StorefrontEvent.Refunded.class, ShopifyWebhooks.parse("REFUNDS/CREATE", body).getClass());
    }
}
