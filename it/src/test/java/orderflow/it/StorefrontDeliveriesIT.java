package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.json.Json;
import orderflow.shared.security.PlatformSignature;
import orderflow.shared.security.WebhookSignature;

/**
 * Storefront deliveries as the platforms really send them, posted over HTTP through the local runner
 * with real signatures: a verified delivery always becomes an order (held when we cannot act on it,
 * never a 4xx or 5xx), the event is read from the signed body, a cancel before its create is kept,
 * a paid-after-failed order ships, and a held order is fixed and released by the seller.
 */
class StorefrontDeliveriesIT {

    private static final String SECRET = "platform-secret-deliveries";
    private static final String SELLER = "deliveries-seller";
    private static RunnerHarness h;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        h = RunnerHarness.start();
        key = h.newSeller(SELLER);
        DynamoAdmin admin = h.admin();
        admin.putStorefront("dlv-shopify", SELLER, "shopify", SECRET);
        admin.putStorefront("dlv-woo", SELLER, "woocommerce", SECRET);
        admin.putStorefront("dlv-generic", SELLER, "generic", SECRET);
        admin.putAmazonStorefront("dlv-amazon", SELLER, "ADLVSELLER", FakeSpApi.REFRESH_TOKEN);
        for (String sku : List.of("MUG-BLUE", "MUG BLUE #2", "TEE-M", "CAP-01")) {
            admin.putStock(SELLER, sku, 500, java.time.Instant.now());
        }
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    // ---- the forged topic, the failed-then-paid order, cancel before create, no buyer email ----

    @Test
    void a_signed_create_replayed_with_a_forged_cancel_topic_cancels_nothing() throws Exception {
        Map<String, Object> order = shopifyOrder(7001, "MUG-BLUE", "paid");
        assertEquals(202, shopify("orders/create", "wh-7001-a", order).statusCode());
        String id = OrderIds.forExternal("dlv-shopify", "7001");
        h.awaitStatus(id, key, "UNSHIPPED");
        HttpResponse<String> forged = shopify("orders/cancelled", "wh-7001-forged", order);
        assertTrue(forged.statusCode() < 300, forged.body());
        Thread.sleep(1500); // a queued cancel would have run by now
        assertEquals("UNSHIPPED", status(id));
    }

    @Test
    void a_woocommerce_order_whose_card_failed_then_paid_ships() throws Exception {
        String id = null;
        for (String status : List.of("pending", "failed", "processing")) {
            HttpResponse<String> r = woo("order.updated", "d-8001-" + status, wooOrder(8001, status));
            assertEquals(202, r.statusCode(), r.body());
            assertFalse(Boolean.TRUE.equals(Json.parseObject(r.body()).get("duplicate")) && status.equals("processing"),
                    r.body());
            id = (String) Json.parseObject(r.body()).get("orderId");
        }
        Map<String, Object> shipped = h.awaitStatus(id, key, "UNSHIPPED");
        assertEquals("8001", shipped.get("displayNumber"));
    }

    @Test
    void a_cancel_that_arrives_before_its_create_lands_the_order_canceled() throws Exception {
        Map<String, Object> order = shopifyOrder(7002, "MUG-BLUE", "paid");
        Map<String, Object> canceled = new LinkedHashMap<>(order);
        canceled.put("cancelled_at", "2026-12-01T10:05:00-05:00");
        canceled.put("cancel_reason", "customer");
        HttpResponse<String> early = shopify("orders/cancelled", "wh-7002-cancel", canceled);
        assertEquals(202, early.statusCode(), early.body()); // the cancel carries the order: kept, then canceled
        String id = OrderIds.forExternal("dlv-shopify", "7002");
        h.awaitStatus(id, key, "CANCELED");
        HttpResponse<String> create = shopify("orders/create", "wh-7002-create", order);
        assertEquals(202, create.statusCode(), create.body());
        assertEquals(Boolean.TRUE, Json.parseObject(create.body()).get("duplicate"), create.body());
        Thread.sleep(1000); // a queued reservation would have run by now
        Map<String, Object> detail = h.awaitStatus(id, key, "CANCELED");
        assertTrue(String.valueOf(detail.get("cancellation")).contains("customer"), String.valueOf(detail));
    }

    @Test
    void an_order_without_a_buyer_email_ships_and_emails_nobody() throws Exception {
        Map<String, Object> order = shopifyOrder(7003, "MUG-BLUE", "paid");
        order.remove("email");
        order.remove("contact_email");
        order.put("customer", Map.of("first_name", "Pat", "last_name", "Phone", "phone", "+15555550123"));
        assertEquals(202, shopify("orders/create", "wh-7003", order).statusCode());
        Map<String, Object> detail = h.awaitStatus(OrderIds.forExternal("dlv-shopify", "7003"), key, "UNSHIPPED");
        assertNull(((Map<?, ?>) detail.get("buyer")).get("email"));
        assertTrue(String.valueOf(((Map<?, ?>) detail.get("intake")).get("notes")).contains("no buyer email"));
    }

    @Test
    void an_amazon_order_without_the_buyer_email_is_stored_with_amazons_ship_by() throws Exception {
        Map<String, Object> getOrder = new LinkedHashMap<>(Map.of("AmazonOrderId", "113-0000000-7004",
                "OrderStatus", "Unshipped", "PurchaseDate", "2026-12-01T09:00:00Z", "FulfillmentChannel", "MFN",
                "LatestShipDate", "2026-12-03T07:59:59Z", "LatestDeliveryDate", "2026-12-09T07:59:59Z",
                "OrderTotal", Map.of("CurrencyCode", "USD", "Amount", "21.98"),
                "ShippingAddress", Map.of("Name", "Sam Buyer", "AddressLine1", "1 Main St", "City", "Seattle",
                        "StateOrRegion", "WA", "PostalCode", "98101", "CountryCode", "US")));
        Map<String, Object> items = Map.of("AmazonOrderId", "113-0000000-7004", "OrderItems", List.of(Map.of(
                "ASIN", "B000TEST01", "SellerSKU", "MUG-BLUE", "OrderItemId", "1", "Title", "Blue mug",
                "QuantityOrdered", 2, "ItemPrice", Map.of("CurrencyCode", "USD", "Amount", "19.98"),
                "ShippingPrice", Map.of("CurrencyCode", "USD", "Amount", "2.00"))));
        h.spApi.serve("113-0000000-7004", getOrder, items);
        sendAmazon("113-0000000-7004", "Unshipped", "n-7004");
        Map<String, Object> detail = h.awaitStatus(OrderIds.forExternal("dlv-amazon", "113-0000000-7004"), key,
                "UNSHIPPED");
        assertNull(((Map<?, ?>) detail.get("buyer")).get("email"));
        assertEquals("2026-12-03T07:59:59Z", detail.get("shipBy"));
        assertEquals("2026-12-09T07:59:59Z", detail.get("deliverBy"));
    }

    // ---- a held order, fixed and released by the seller ----

    @Test
    void a_line_without_a_sku_is_held_then_mapped_released_and_remembered_for_the_next_order() throws Exception {
        Map<String, Object> order = shopifyOrder(7005, null, "paid");
        HttpResponse<String> r = shopify("orders/create", "wh-7005", order);
        assertEquals(202, r.statusCode(), r.body());
        String id = OrderIds.forExternal("dlv-shopify", "7005");
        Map<String, Object> held = h.awaitStatus(id, key, "ON_HOLD");
        assertTrue(String.valueOf(held.get("statusReason")).contains("no SKU"), String.valueOf(held));

        HttpResponse<String> refused = h.call("POST", "/v1/orders/" + id + "/release", key, Map.of());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("lines[0].sku"), refused.body());

        HttpResponse<String> released = h.call("POST", "/v1/orders/" + id + "/release", key,
                Map.of("skus", List.of(Map.of("line", 0, "sku", "CAP-01"))));
        assertEquals(200, released.statusCode(), released.body());
        h.awaitStatus(id, key, "UNSHIPPED");
        assertEquals(409, h.call("POST", "/v1/orders/" + id + "/release", key, Map.of()).statusCode());

        // The same product on a later order arrives mapped (by its variant id), not held.
        assertEquals(202, shopify("orders/create", "wh-7006", shopifyOrder(7006, null, "paid")).statusCode());
        Map<String, Object> next = h.awaitStatus(OrderIds.forExternal("dlv-shopify", "7006"), key, "UNSHIPPED");
        assertEquals("CAP-01", ((Map<?, ?>) ((List<?>) next.get("lines")).get(0)).get("sku"));
    }

    @Test
    void a_verified_generic_order_with_bad_fields_is_held_with_every_field_named_not_refused() throws Exception {
        byte[] body = "{\"externalOrderId\":\"G-9001\",\"currency\":\"USD\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = h.send("POST", "/webhooks/dlv-generic", Map.of("content-type", "application/json",
                WebhookSignature.HEADER, RunnerHarness.sign(SECRET, body, java.time.Instant.now())), body);
        assertEquals(202, r.statusCode(), r.body());
        Map<String, Object> held = h.awaitStatus(OrderIds.forExternal("dlv-generic", "G-9001"), key, "ON_HOLD");
        String holds = String.valueOf(((Map<?, ?>) held.get("intake")).get("holds"));
        assertTrue(holds.contains("paymentStatus") && holds.contains("buyer") && holds.contains("lines"), holds);
        assertNull(held.get("rawPayload"), "only on request");
        Map<String, Object> withRaw = Json.parseObject(h.call("GET", "/v1/orders/"
                + OrderIds.forExternal("dlv-generic", "G-9001") + "?include=raw", key, null).body());
        assertEquals(new String(body, StandardCharsets.UTF_8), withRaw.get("rawPayload"), "the delivery as it came");
    }

    // ---- the corpus: real-shaped deliveries, each with the order it must produce ----

    static Stream<Path> corpus() throws Exception {
        Path dir = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
                .resolve("it/src/test/resources/corpus");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the delivery corpus is missing: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @SuppressWarnings("unchecked")
    void every_corpus_delivery_is_taken_and_becomes_its_expected_order(Path file) throws Exception {
        Map<String, Object> c = Json.parseObject(Files.readString(file));
        String platform = (String) c.get("platform");
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        Map<String, Object> stock = c.get("stock") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        stock.forEach((sku, units) -> h.admin().putStock(SELLER, sku, ((Number) units).longValue(), java.time.Instant.now()));
        String name = file.getFileName().toString();
        Map<String, String> extra = c.get("headers") instanceof Map<?, ?> hs ? (Map<String, String>) hs : Map.of();
        Map<String, Object> body = (Map<String, Object>) c.get("body");
        String topic = (String) c.get("topic");
        String externalId;
        String storefront;
        if (platform.equals("amazon")) {
            Map<String, Object> getOrder = (Map<String, Object>) body.get("getOrder");
            externalId = String.valueOf(getOrder.get("AmazonOrderId"));
            storefront = "dlv-amazon";
            h.spApi.serve(externalId, getOrder, (Map<String, Object>) body.get("getOrderItems"));
            sendAmazon(externalId, String.valueOf(getOrder.get("OrderStatus")), "n-" + name);
        } else {
            storefront = "dlv-" + (platform.equals("woocommerce") ? "woo" : platform);
            byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            switch (platform) {
                case "shopify" -> {
                    headers.put("x-shopify-hmac-sha256", PlatformSignature.sign(SECRET, bytes));
                    headers.put("x-shopify-topic", topic == null ? "orders/create" : topic);
                    headers.put("x-shopify-webhook-id", "wh-" + name);
                }
                case "woocommerce" -> {
                    headers.put("x-wc-webhook-signature", PlatformSignature.sign(SECRET, bytes));
                    headers.put("x-wc-webhook-topic", topic == null ? "order.created" : topic);
                    headers.put("x-wc-webhook-delivery-id", "d-" + name);
                }
                default -> headers.put(WebhookSignature.HEADER, RunnerHarness.sign(SECRET, bytes, java.time.Instant.now()));
            }
            extra.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            HttpResponse<String> r = h.send("POST", "/webhooks/" + storefront, headers, bytes);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 202, name + ": a verified delivery answered "
                    + r.statusCode() + " " + r.body());
            Object id = platform.equals("generic") ? body.get("externalOrderId") : body.get("id");
            externalId = String.valueOf(id instanceof Double d ? (long) d.doubleValue() : id);
        }
        String orderId = OrderIds.forExternal(storefront, externalId);
        String want = String.valueOf(expect.get("status"));
        if (want.equals("IGNORED")) {
            Thread.sleep(500);
            assertEquals(404, h.call("GET", "/v1/orders/" + orderId, key, null).statusCode(), name + ": no order");
            return;
        }
        Map<String, Object> order = h.awaitStatus(orderId, key, want);
        List<String> wrong = new ArrayList<>();
        Map<String, Object> totals = (Map<String, Object>) order.get("totals");
        if (expect.get("total") != null) {
            Map<String, Object> total = (Map<String, Object>) totals.get("total");
            if (!String.valueOf(expect.get("total")).equals(total.get("amount"))) {
                wrong.add("total " + total.get("amount") + " (expected " + expect.get("total") + ")");
            }
            if (expect.get("currency") != null && !expect.get("currency").equals(total.get("currency"))) {
                wrong.add("currency " + total.get("currency"));
            }
        }
        if (expect.get("reason") != null) {
            String reason = String.valueOf(order.get("statusReason")) + " " + order.get("cancellation");
            if (!reason.toLowerCase(java.util.Locale.ROOT).contains(String.valueOf(expect.get("reason"))
                    .toLowerCase(java.util.Locale.ROOT))) {
                wrong.add("reason '" + reason + "' lacks '" + expect.get("reason") + "'");
            }
        }
        if (expect.get("displayNumber") != null && !String.valueOf(expect.get("displayNumber")).equals(order.get("displayNumber"))) {
            wrong.add("displayNumber " + order.get("displayNumber"));
        }
        if (expect.get("buyerEmail") instanceof Boolean has
                && has != (((Map<?, ?>) order.get("buyer")).get("email") != null)) {
            wrong.add("buyer email " + ((Map<?, ?>) order.get("buyer")).get("email"));
        }
        if (expect.get("payOnDelivery") instanceof Boolean pod
                && !pod.equals(((Map<?, ?>) order.get("intake")).get("payOnDelivery"))) {
            wrong.add("payOnDelivery " + ((Map<?, ?>) order.get("intake")).get("payOnDelivery"));
        }
        if (expect.get("buyerTotal") != null) {
            Object paid = ((Map<?, ?>) order.get("intake")).get("buyerTotal");
            if (!Map.of("amount", expect.get("buyerTotal"), "currency", expect.get("buyerCurrency")).equals(paid)) {
                wrong.add("buyerTotal " + paid);
            }
        }
        assertTrue(wrong.isEmpty(), name + ": " + wrong + " in " + order);
    }

    // ---- helpers ----

    private static String status(String orderId) throws Exception {
        return String.valueOf(Json.parseObject(h.call("GET", "/v1/orders/" + orderId, key, null).body()).get("status"));
    }

    /** A Shopify REST Order as orders/create sends it (shop currency USD, taxes on top); sku null: a custom line. */
    private static Map<String, Object> shopifyOrder(long id, String sku, String financialStatus) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id * 10);
        line.put("variant_id", 44000000000L + (sku == null ? 1 : sku.hashCode() & 0xffff));
        line.put("product_id", 8000000000L);
        line.put("title", "Blue mug");
        line.put("name", "Blue mug");
        line.put("sku", sku);
        line.put("quantity", 2);
        line.put("price", "10.00");
        line.put("requires_shipping", true);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", "#" + id);
        o.put("email", "buyer" + id + "@example.com");
        o.put("created_at", "2026-12-01T10:00:00-05:00");
        o.put("currency", "USD");
        o.put("presentment_currency", "USD");
        o.put("financial_status", financialStatus);
        o.put("gateway", "shopify_payments");
        o.put("payment_gateway_names", List.of("shopify_payments"));
        o.put("taxes_included", false);
        o.put("total_price", "26.60");
        o.put("subtotal_price", "20.00");
        o.put("total_tax", "1.60");
        o.put("total_discounts", "0.00");
        o.put("cancelled_at", null);
        o.put("customer", Map.of("first_name", "Ada", "last_name", "Buyer"));
        o.put("shipping_address", Map.of("first_name", "Ada", "last_name", "Buyer", "address1", "1 Main St",
                "city", "Springfield", "province_code", "IL", "zip", "62701", "country_code", "US"));
        o.put("shipping_lines", List.of(Map.of("title", "Standard", "price", "5.00")));
        o.put("line_items", List.of(line));
        return o;
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
        return o;
    }

    private static HttpResponse<String> shopify(String topic, String webhookId, Map<String, Object> order) throws Exception {
        byte[] bytes = Json.write(order).getBytes(StandardCharsets.UTF_8);
        return h.send("POST", "/webhooks/dlv-shopify", Map.of("content-type", "application/json",
                "x-shopify-topic", topic, "x-shopify-webhook-id", webhookId,
                "x-shopify-hmac-sha256", PlatformSignature.sign(SECRET, bytes)), bytes);
    }

    private static HttpResponse<String> woo(String topic, String deliveryId, Map<String, Object> order) throws Exception {
        byte[] bytes = Json.write(order).getBytes(StandardCharsets.UTF_8);
        return h.send("POST", "/webhooks/dlv-woo", Map.of("content-type", "application/json",
                "x-wc-webhook-topic", topic, "x-wc-webhook-delivery-id", deliveryId,
                "x-wc-webhook-signature", PlatformSignature.sign(SECRET, bytes)), bytes);
    }

    /** An SP-API ORDER_CHANGE notification on the Amazon queue, as Amazon sends it. */
    private static void sendAmazon(String amazonOrderId, String status, String notificationId) {
        String body = Json.write(Map.of("NotificationVersion", "1.0", "NotificationType", "ORDER_CHANGE",
                "PayloadVersion", "1.0", "EventTime", "2026-12-01T10:00:00.000Z",
                "Payload", Map.of("OrderChangeNotification", Map.of("SellerId", "ADLVSELLER",
                        "AmazonOrderId", amazonOrderId, "OrderChangeType", "OrderStatusChange",
                        "OrderChangeTrigger", Map.of("TimeOfOrderChange", "2026-12-01T10:00:00.000Z",
                                "ChangeReason", "OrderStatusChange"),
                        "Summary", Map.of("MarketplaceId", "ATVPDKIKX0DER", "OrderStatus", status,
                                "FulfillmentType", "MFN"))),
                "NotificationMetadata", Map.of("ApplicationId", "amzn1.sellerapps.app.test", "SubscriptionId", "sub-1",
                        "PublishTime", "2026-12-01T10:00:01.000Z", "NotificationId", notificationId)));
        h.sqs.sendMessage(b -> b.queueUrl(h.ref("AmazonNotificationQueue")).messageBody(body));
    }
}
