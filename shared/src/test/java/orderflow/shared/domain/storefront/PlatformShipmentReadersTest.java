package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.list;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shipments made on the platforms, read from their documented webhook bodies: Shopify's REST
 * Fulfillment (fulfillments/create) and the order with its fulfillments (orders/fulfilled), a
 * WooCommerce order marked completed (with and without the Shipment Tracking extension's meta).
 */
class PlatformShipmentReadersTest {

    private static StorefrontEvent.Shipped shipped(StorefrontEvent event) {
        return assertInstanceOf(StorefrontEvent.Shipped.class, event);
    }

    private static String ignoredWhy(StorefrontEvent event) {
        return assertInstanceOf(StorefrontEvent.Ignored.class, event).why();
    }

    // --- Shopify fulfillments/create ---------------------------------------------------------------

    @Test
    void a_shopify_fulfillment_is_a_shipment_of_its_order_with_tracking_and_lines() {
        var event = shipped(ShopifyWebhooks.parse("fulfillments/create", load("shopify-fulfillments-create.json")));
        assertEquals("5923847102534", event.externalOrderId());
        PlatformShipment s = event.shipments().get(0);
        assertEquals("shopify", s.platform());
        assertEquals("fulfillment 5109873410118", s.reference());
        assertEquals("UPS", s.carrier());
        assertEquals("1Z999AA10123456784", s.trackingNumber());
        assertTrue(s.trackingUrl().startsWith("https://www.ups.com/"), s.trackingUrl());
        assertEquals(Instant.parse("2026-11-28T15:15:00Z"), s.shipDate());
        assertEquals(List.of(new PlatformShipment.Line("14820937461830", "MUG-BLUE", 1)), s.lines());
    }

    @Test
    void a_fulfillment_without_tracking_is_still_a_shipment() {
        Map<String, Object> body = load("shopify-fulfillments-create.json");
        body.put("tracking_company", null);
        body.put("tracking_number", null);
        body.put("tracking_numbers", List.of());
        body.put("tracking_url", null);
        body.put("tracking_urls", List.of());
        PlatformShipment s = shipped(ShopifyWebhooks.parse("fulfillments/create", body)).shipments().get(0);
        assertNull(s.trackingNumber());
        assertNull(s.carrier());
        assertEquals("fulfillment 5109873410118", s.reference());
    }

    @Test
    void the_first_of_tracking_numbers_is_taken_when_tracking_number_is_absent() {
        Map<String, Object> body = load("shopify-fulfillments-create.json");
        body.remove("tracking_number");
        body.remove("tracking_url");
        body.put("tracking_numbers", List.of("", "1ZAAA"));
        assertEquals("1ZAAA", shipped(ShopifyWebhooks.parse("fulfillments/create", body)).shipments().get(0)
                .trackingNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "open", "cancelled", "error", "failure"})
    void a_fulfillment_that_did_not_ship_is_ignored_with_why(String status) {
        Map<String, Object> body = load("shopify-fulfillments-create.json");
        body.put("status", status);
        String why = ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", body));
        assertTrue(why.contains(status) && why.contains("nothing shipped"), why);
    }

    @Test
    void a_fulfillment_that_cannot_be_read_is_ignored_never_refused() {
        Map<String, Object> noOrder = load("shopify-fulfillments-create.json");
        noOrder.remove("order_id");
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", noOrder)).contains("order_id"));
        Map<String, Object> badLine = load("shopify-fulfillments-create.json");
        obj(list(badLine.get("line_items")).get(0)).put("quantity", "one");
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", badLine)).contains("seller API"));
        Map<String, Object> noId = load("shopify-fulfillments-create.json");
        noId.remove("id");
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", noId)).contains("no usable id"));
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", Map.of())).contains("order_id"));
        // A captured order re-posted as fulfillments/create (the topic header is not signed): no order_id, nothing ships.
        assertTrue(ignoredWhy(ShopifyWebhooks.parse("fulfillments/create", load("shopify-orders-create.json")))
                .contains("order_id"));
    }

    // --- Shopify orders/fulfilled ------------------------------------------------------------------

    @Test
    void orders_fulfilled_gives_every_successful_fulfillment_of_the_order() {
        var event = shipped(ShopifyWebhooks.parse("orders/fulfilled", load("shopify-orders-fulfilled.json")));
        assertEquals("5923847102534", event.externalOrderId());
        assertEquals(List.of("fulfillment 5109873410118", "fulfillment 5109873442886"),
                event.shipments().stream().map(PlatformShipment::reference).toList()); // the cancelled one is not
        PlatformShipment second = event.shipments().get(1);
        assertEquals("9400111899223197428490", second.trackingNumber());
        assertTrue(second.trackingUrl().startsWith("https://tools.usps.com/"), second.trackingUrl());
        assertEquals(2, second.lines().size());
    }

    @Test
    void orders_fulfilled_without_a_shipped_fulfillment_ships_nothing_and_is_read_as_the_order() {
        Map<String, Object> body = load("shopify-orders-fulfilled.json");
        body.put("fulfillments", List.of(at(body.get("fulfillments"), 0))); // only the cancelled one
        StorefrontEvent.Placed kept = assertInstanceOf(StorefrontEvent.Placed.class,
                ShopifyWebhooks.parse("orders/fulfilled", body));
        assertEquals(String.valueOf(body.get("id")).replace(".0", ""), kept.order().externalOrderId());
        // A captured order re-posted as orders/fulfilled: its body names no fulfillment, nothing ships; it is
        // read as the order it is (a repeat of one already here changes nothing).
        assertInstanceOf(StorefrontEvent.Placed.class, ShopifyWebhooks.parse("orders/fulfilled",
                load("shopify-orders-create.json")));
    }

    @Test
    void a_canceled_order_is_a_cancel_whatever_the_fulfilled_topic_says() {
        Map<String, Object> body = load("shopify-orders-fulfilled.json");
        body.put("cancelled_at", "2026-11-29T10:00:00-05:00");
        assertInstanceOf(StorefrontEvent.Canceled.class, ShopifyWebhooks.parse("orders/fulfilled", body));
    }

    @Test
    void a_shopify_refund_that_paid_nothing_back_is_ignored_with_a_clear_why() {
        // Refunds that paid something are read too: see PlatformRefundReadersTest.
        String why = ignoredWhy(ShopifyWebhooks.parse("refunds/create", Map.of("id", 1, "order_id", 2)));
        assertTrue(why.contains("refund 1 of order 2") && why.contains("nothing to record"), why);
    }

    // --- WooCommerce completed ---------------------------------------------------------------------

    @Test
    void a_completed_woocommerce_order_is_everything_left_shipped_with_the_tracking_extensions_number() {
        var event = shipped(WooCommerceWebhooks.parse("order.updated", load("woocommerce-order-completed.json")));
        assertEquals("4217", event.externalOrderId());
        PlatformShipment s = event.shipments().get(0);
        assertEquals("woocommerce", s.platform());
        assertEquals("order 4217 completed", s.reference());
        assertEquals("usps", s.carrier());
        assertEquals("9400 1118 9922 3197 4284 90", s.trackingNumber()); // normalised where it is recorded
        assertNull(s.trackingUrl());
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), s.shipDate());
        assertEquals(List.of(), s.lines());
    }

    @Test
    void a_custom_provider_and_link_win_over_the_listed_provider() {
        Map<String, Object> body = load("woocommerce-order-completed.json");
        Map<String, Object> item = obj(list(obj(list(body.get("meta_data")).get(1)).get("value")).get(0));
        item.put("custom_tracking_provider", "Parcel Co");
        item.put("custom_tracking_link", "https://track.parcel.example/9400");
        item.put("date_shipped", 1795824000L);
        PlatformShipment s = shipped(WooCommerceWebhooks.parse("order.updated", body)).shipments().get(0);
        assertEquals("Parcel Co", s.carrier());
        assertEquals("https://track.parcel.example/9400", s.trackingUrl());
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), s.shipDate());
    }

    @Test
    void a_completed_order_without_a_parcel_is_the_paid_order_it_is_not_a_shipment() {
        // Autocomplete plugins complete paid orders at once: read as shipped, nothing would leave our warehouse.
        Map<String, Object> body = load("woocommerce-order-completed.json");
        body.put("meta_data", List.of(Map.of("id", 1, "key", "_stripe_currency", "value", "USD")));
        StorefrontEvent event = WooCommerceWebhooks.parse("order.updated", body);
        StorefrontEvent.Placed placed = assertInstanceOf(StorefrontEvent.Placed.class, event);
        assertEquals("4217", placed.order().externalOrderId());
        assertTrue(placed.order().paid());
    }

    @Test
    void a_completed_order_carries_the_order_so_one_first_seen_shipped_is_kept() {
        StorefrontEvent.Shipped shipped = shipped(WooCommerceWebhooks.parse("order.updated",
                load("woocommerce-order-completed.json")));
        assertEquals("4217", shipped.order().externalOrderId());
        assertTrue(shipped.order().paid());
        assertNull(shipped(ShopifyWebhooks.parse("fulfillments/create", load("shopify-fulfillments-create.json")))
                .order(), "a fulfillment alone carries no order");
    }

    @Test
    void a_completed_order_without_an_id_is_kept_to_be_held_and_a_refunded_one_says_why() {
        Map<String, Object> body = load("woocommerce-order-completed.json");
        body.remove("id");
        StorefrontEvent.Placed kept = assertInstanceOf(StorefrontEvent.Placed.class,
                WooCommerceWebhooks.parse("order.updated", body));
        assertNull(kept.order().externalOrderId(), "held by intake with the raw delivery, never dropped");
        Map<String, Object> refunded = load("woocommerce-order-completed.json");
        refunded.put("status", "refunded");
        String why = ignoredWhy(WooCommerceWebhooks.parse("order.updated", refunded));
        assertTrue(why.contains("refund") && why.contains("seller API"), why);
    }

    // --- the queue message form --------------------------------------------------------------------

    @Test
    void a_platform_shipment_survives_its_message_form() {
        PlatformShipment s = shipped(ShopifyWebhooks.parse("fulfillments/create", load("shopify-fulfillments-create.json")))
                .shipments().get(0);
        assertEquals(s, PlatformShipment.fromMap(orderflow.shared.json.Json.parseObject(
                orderflow.shared.json.Json.write(s.toMap()))));
        PlatformShipment bare = new PlatformShipment("amazon", "order 1 shipped", null, null, "javascript:x", null, null);
        assertNull(bare.trackingUrl());
        assertEquals(bare, PlatformShipment.fromMap(orderflow.shared.json.Json.parseObject(
                orderflow.shared.json.Json.write(bare.toMap()))));
    }
}
