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

import orderflow.shared.domain.OrderIds;
import orderflow.shared.json.Json;
import orderflow.shared.security.PlatformSignature;

/**
 * Refunds the seller made on Shopify reach the order here, through the local runner with Shopify's
 * real signature: a refunds/create after delivery grows the order's refunded total and makes it
 * PARTIALLY_REFUNDED, recorded as paid on the platform. A redelivery changes nothing, and neither does
 * a refund whose note carries one of our own refund ids (ours, coming back from Shopify).
 */
class PlatformRefundsIT {

    private static final String SECRET = "platform-secret-inbound-refunds";
    private static final String SELLER = "inbound-refund-seller";
    private static final String SHOPIFY = "ibr-shopify";
    private static RunnerHarness h;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        h = RunnerHarness.start();
        key = h.newSeller(SELLER);
        h.admin().putStorefront(SHOPIFY, SELLER, "shopify", SECRET);
        h.admin().putStock(SELLER, "MUG-BLUE", 50, Instant.now());
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void a_shopify_refund_after_delivery_is_recorded_once_and_ours_coming_back_changes_nothing() throws Exception {
        assertEquals(202, shopify("orders/create", "ibr-9301-create", Fixtures.shopifyOrder(9301)).statusCode());
        String id = OrderIds.forExternal(SHOPIFY, "9301");
        h.awaitStatus(id, key, "UNSHIPPED");
        HttpResponse<String> shipped = h.call("POST", "/v1/orders/" + id + "/shipments", key, Map.of("carrier", "UPS",
                "trackingNumber", "1Z999AA10123456784", "shipDate", Instant.now().toString()));
        assertEquals(201, shipped.statusCode(), shipped.body());
        HttpResponse<String> delivered = h.call("POST", "/v1/orders/" + id + "/delivery", key,
                Map.of("deliveredAt", Instant.now().toString()));
        assertEquals(200, delivered.statusCode(), delivered.body());

        // A goodwill refund made here: its id is what our own refund carries to Shopify in its note.
        HttpResponse<String> goodwill = h.send("POST", "/v1/orders/" + id + "/refunds", Map.of(
                "Authorization", "Bearer " + key, "content-type", "application/json", "Idempotency-Key", "ibr-gw-1"),
                Json.write(Map.of("amount", Map.of("amount", "2.00", "currency", "USD"), "reason", "late"))
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, goodwill.statusCode(), goodwill.body());
        String ours = (String) ((Map<?, ?>) refunds(id).get(0)).get("refundId");

        HttpResponse<String> r = shopify("refunds/create", "ibr-9301-refund", refund(9301, 1039417884742L, "Mug chipped"));
        assertTrue(r.statusCode() / 100 == 2, r.body());
        Map<String, Object> refunded = awaitRefunded(id, "15.50");
        assertEquals("PARTIALLY_REFUNDED", refunded.get("status"));
        h.quiet();
        List<?> records = refunds(id);
        assertEquals(2, records.size(), records.toString());
        assertTrue(records.stream().anyMatch(x -> "PLATFORM".equals(((Map<?, ?>) x).get("status"))
                && "shopify refund 1039417884742".equals(((Map<?, ?>) x).get("requestId"))), records.toString());

        // Shopify redelivers (another webhook id): nothing more.
        assertTrue(shopify("refunds/create", "ibr-9301-refund-again", refund(9301, 1039417884742L, "Mug chipped"))
                .statusCode() / 100 == 2);
        // Our goodwill refund, made on Shopify by the channel sync, comes back with its id in the note.
        assertTrue(shopify("refunds/create", "ibr-9301-ours", refund(9301, 1039417884999L, "late [" + ours + "]"))
                .statusCode() / 100 == 2);
        h.quiet();
        Map<String, Object> after = h.awaitStatus(id, key, "PARTIALLY_REFUNDED");
        assertEquals("15.50", ((Map<?, ?>) ((Map<?, ?>) after.get("totals")).get("refunded")).get("amount"));
        assertEquals(2, refunds(id).size());
        String history = h.call("GET", "/v1/orders/" + id + "/history", key, null).body();
        assertTrue(history.contains("refunded on shopify (refund 1039417884742): 13.50 USD")
                && history.contains("storefront:" + SHOPIFY), history);
    }

    // ---- helpers ----

    private static List<?> refunds(String orderId) throws Exception {
        HttpResponse<String> r = h.call("GET", "/v1/orders/" + orderId + "/refunds", key, null);
        assertEquals(200, r.statusCode(), r.body());
        return (List<?>) Json.parseObject(r.body()).get("items");
    }

    private static Map<String, Object> awaitRefunded(String orderId, String amount) throws Exception {
        Map<String, Object> last = null;
        for (int i = 0; i < 300; i++) {
            last = Json.parseObject(h.call("GET", "/v1/orders/" + orderId, key, null).body());
            if (amount.equals(((Map<?, ?>) ((Map<?, ?>) last.get("totals")).get("refunded")).get("amount"))) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("refunded never reached " + amount + ": " + last);
    }

    /** A REST Refund as refunds/create sends it: one mug back (no restock), 13.50 paid back by Shopify Payments. */
    private static Map<String, Object> refund(long orderId, long refundId, String note) {
        Map<String, Object> lineItem = Map.of("id", orderId * 10, "sku", "MUG-BLUE", "quantity", 2, "price", "10.00");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", refundId);
        r.put("order_id", orderId);
        r.put("created_at", "2026-12-08T14:05:12-05:00");
        r.put("note", note);
        r.put("restock", false);
        r.put("refund_line_items", List.of(Map.of("id", refundId + 1, "line_item_id", orderId * 10, "quantity", 1,
                "restock_type", "no_restock", "subtotal", 10.0, "total_tax", 0.8, "line_item", lineItem)));
        r.put("transactions", List.of(Map.of("id", refundId + 2, "order_id", orderId, "kind", "refund",
                "gateway", "shopify_payments", "status", "success", "amount", "13.50", "currency", "USD")));
        r.put("order_adjustments", List.of());
        return r;
    }

    private static HttpResponse<String> shopify(String topic, String webhookId, Map<String, Object> body) throws Exception {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return h.send("POST", "/webhooks/" + SHOPIFY, Map.of("content-type", "application/json",
                "x-shopify-topic", topic, "x-shopify-webhook-id", webhookId,
                "x-shopify-shop-domain", "inbound-refunds.myshopify.com",
                "x-shopify-hmac-sha256", PlatformSignature.sign(SECRET, bytes)), bytes);
    }
}
