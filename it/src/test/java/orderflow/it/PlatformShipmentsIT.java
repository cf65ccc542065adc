package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoChannelSyncs;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.json.Json;
import orderflow.shared.security.PlatformSignature;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Shipments the seller made on the platform reach the order here, through the local runner with the
 * platforms' real signatures: a Shopify fulfillments/create and a WooCommerce order.updated
 * "completed" make the order SHIPPED with the platform's tracking number and its reserved stock
 * committed, with no shipped email from us (the platform told the buyer) and nothing pushed back to
 * the platform (no channel sync, though the Shopify storefront has a link). A redelivery changes nothing.
 */
class PlatformShipmentsIT {

    private static final String SECRET = "platform-secret-inbound-shipments";
    private static final String SELLER = "inbound-ship-seller";
    private static final String SHOPIFY = "ibs-shopify";
    private static final String WOO = "ibs-woo";
    private static final String UPS = "1Z999AA10123456784";
    private static RunnerHarness h;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        h = RunnerHarness.start();
        key = h.newSeller(SELLER);
        DynamoAdmin admin = h.admin();
        admin.putStorefront(SHOPIFY, SELLER, "shopify", SECRET);
        admin.putStorefront(WOO, SELLER, "woocommerce", SECRET);
        // A linked storefront: a shipment made HERE would write a channel sync for it; one made there must not.
        admin.putChannelLink(new ChannelLink(SHOPIFY, ChannelLink.SHOPIFY, "http://127.0.0.1:9",
                Map.of("shopDomain", "inbound.myshopify.com", "apiVersion", "2026-10"), Map.of("accessToken", "t")));
        admin.putStock(SELLER, "MUG-BLUE", 50, Instant.now());
        admin.putStock(SELLER, "TEE-M", 50, Instant.now());
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void a_shopify_fulfillment_ships_the_order_here_with_its_tracking_and_commits_the_stock() throws Exception {
        assertEquals(202, shopify("orders/create", "ibs-9101-create", Fixtures.shopifyOrder(9101)).statusCode());
        String id = OrderIds.forExternal(SHOPIFY, "9101");
        h.awaitStatus(id, key, "UNSHIPPED");
        long[] before = stock("MUG-BLUE"); // onHand, reserved, available

        HttpResponse<String> r = shopify("fulfillments/create", "ibs-9101-fulfillment", fulfillment(9101));
        assertTrue(r.statusCode() / 100 == 2, r.body());
        Map<String, Object> shipped = h.awaitStatus(id, key, "SHIPPED");
        Map<?, ?> shipment = (Map<?, ?>) ((List<?>) shipped.get("shipments")).get(0);
        assertEquals(UPS, shipment.get("trackingNumber"));
        assertEquals("UPS", shipment.get("carrier"));
        h.quiet();
        long[] after = stock("MUG-BLUE");
        assertEquals(before[1] - 2, after[1], "reserved units committed");
        assertEquals(before[0] - 2, after[0], "and gone from the shelf");
        assertEquals(before[2], after[2], "available does not change");

        // Shopify redelivers (another webhook id), and orders/fulfilled names the same fulfillment: nothing more.
        assertTrue(shopify("fulfillments/create", "ibs-9101-fulfillment-again", fulfillment(9101)).statusCode() / 100 == 2);
        Map<String, Object> order = new LinkedHashMap<>(Fixtures.shopifyOrder(9101));
        order.put("fulfillment_status", "fulfilled");
        order.put("fulfillments", List.of(fulfillment(9101)));
        assertTrue(shopify("orders/fulfilled", "ibs-9101-fulfilled", order).statusCode() / 100 == 2);
        h.quiet();
        Map<String, Object> detail = h.awaitStatus(id, key, "SHIPPED");
        assertEquals(1, ((List<?>) detail.get("shipments")).size(), String.valueOf(detail.get("shipments")));
        assertEquals(after[0], stock("MUG-BLUE")[0]);

        assertEquals(List.of(), new DynamoChannelSyncs(h.dynamo, h.ref("ChannelSyncsTable"), null).ofOrder(id),
                "shipped on Shopify: nothing goes back to Shopify");
        assertTrue(emailLogged("order-confirmed:" + id), "the confirmation went out, so emails do run here");
        assertTrue(!emailLogged("order-shipped:" + id + ":shp_1"), "Shopify told the buyer: no shipped email from us");
        String history = h.call("GET", "/v1/orders/" + id + "/history", key, null).body();
        assertTrue(history.contains("shipped on shopify") && history.contains("storefront:" + SHOPIFY), history);
    }

    @Test
    void a_woocommerce_order_marked_completed_is_shipped_here_with_the_tracking_extensions_number() throws Exception {
        assertEquals(202, woo("order.created", "ibs-8201-created", wooOrder(8201, "processing")).statusCode());
        String id = OrderIds.forExternal(WOO, "8201");
        h.awaitStatus(id, key, "UNSHIPPED");
        long[] before = stock("TEE-M");

        Map<String, Object> completed = wooOrder(8201, "completed");
        completed.put("date_completed_gmt", "2026-12-02T16:20:00");
        completed.put("meta_data", List.of(Map.of("id", 9001, "key", "_wc_shipment_tracking_items", "value", List.of(
                Map.of("tracking_provider", "usps", "custom_tracking_provider", "", "custom_tracking_link", "",
                        "tracking_number", "9400 1118 9922 3197 4284 90", "date_shipped", "1796169600",
                        "tracking_id", "5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a")))));
        HttpResponse<String> r = woo("order.updated", "ibs-8201-completed", completed);
        assertTrue(r.statusCode() / 100 == 2, r.body());
        Map<String, Object> shipped = h.awaitStatus(id, key, "SHIPPED");
        Map<?, ?> shipment = (Map<?, ?>) ((List<?>) shipped.get("shipments")).get(0);
        assertEquals("9400111899223197428490", shipment.get("trackingNumber"));
        assertEquals("USPS", shipment.get("carrier"));
        h.quiet();
        assertEquals(before[1] - 2, stock("TEE-M")[1], "reserved units committed");
        assertTrue(!emailLogged("order-shipped:" + id + ":shp_1"), "WooCommerce told the buyer");
    }

    // ---- helpers ----

    private static long[] stock(String sku) {
        return h.admin().stock(SELLER, sku);
    }

    private static boolean emailLogged(String eventId) {
        Map<String, AttributeValue> item = h.dynamo.getItem(b -> b.tableName(h.ref("SendLogTable")).consistentRead(true)
                .key(Map.of("eventId", AttributeValue.fromS(eventId)))).item();
        return item != null && !item.isEmpty();
    }

    /** A REST Fulfillment as fulfillments/create sends it: both mugs, by UPS, made in the Shopify admin. */
    private static Map<String, Object> fulfillment(long orderId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", orderId * 1000 + 1);
        f.put("order_id", orderId);
        f.put("status", "success");
        f.put("created_at", "2026-12-02T09:30:00-05:00");
        f.put("service", "manual");
        f.put("tracking_company", "UPS");
        f.put("tracking_number", UPS);
        f.put("tracking_numbers", List.of(UPS));
        f.put("tracking_url", "https://www.ups.com/WebTracking?trackNums=" + UPS);
        f.put("tracking_urls", List.of("https://www.ups.com/WebTracking?trackNums=" + UPS));
        f.put("name", "#" + orderId + ".1");
        f.put("line_items", List.of(Map.of("id", orderId * 10, "variant_id", 44000000001L, "sku", "MUG-BLUE",
                "quantity", 2, "name", "Blue mug", "fulfillment_status", "fulfilled", "price", "10.00")));
        return f;
    }

    private static Map<String, Object> wooOrder(long id, String status) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("number", String.valueOf(id));
        o.put("status", status);
        o.put("currency", "USD");
        o.put("date_created_gmt", "2026-12-01T15:00:00");
        o.put("total", "25.00");
        o.put("total_tax", "0.00");
        o.put("shipping_total", "5.00");
        o.put("discount_total", "0.00");
        o.put("billing", Map.of("first_name", "Wu", "last_name", "Buyer", "email", "wu@example.com"));
        o.put("shipping", Map.of("first_name", "Wu", "last_name", "Buyer", "address_1", "2 Side St", "city", "Austin",
                "state", "TX", "postcode", "73301", "country", "US"));
        o.put("line_items", List.of(Map.of("id", 1, "name", "T-shirt M", "product_id", 55, "variation_id", 0,
                "quantity", 2, "sku", "TEE-M", "subtotal", "20.00", "total", "20.00", "price", 10)));
        o.put("fee_lines", List.of());
        o.put("meta_data", List.of());
        return o;
    }

    private static HttpResponse<String> shopify(String topic, String webhookId, Map<String, Object> body) throws Exception {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return h.send("POST", "/webhooks/" + SHOPIFY, Map.of("content-type", "application/json",
                "x-shopify-topic", topic, "x-shopify-webhook-id", webhookId,
                "x-shopify-shop-domain", "inbound.myshopify.com",
                "x-shopify-hmac-sha256", PlatformSignature.sign(SECRET, bytes)), bytes);
    }

    private static HttpResponse<String> woo(String topic, String deliveryId, Map<String, Object> body) throws Exception {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return h.send("POST", "/webhooks/" + WOO, Map.of("content-type", "application/json",
                "x-wc-webhook-topic", topic, "x-wc-webhook-delivery-id", deliveryId,
                "x-wc-webhook-signature", PlatformSignature.sign(SECRET, bytes)), bytes);
    }
}
