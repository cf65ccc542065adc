package orderflow.it.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WooCommerce fake answers as the WooCommerce REST API v3 documents (and, where the docs are silent, as its source does). */
class FakeWooCommerceTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (FakeWooCommerce.CONSUMER_KEY + ":" + FakeWooCommerce.CONSUMER_SECRET).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeWooCommerce woo;

    @BeforeEach
    void start() throws IOException {
        woo = new FakeWooCommerce();
    }

    @AfterEach
    void stop() {
        woo.close();
    }

    private HttpResponse<String> send(String method, String path, String auth, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(woo.apiUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, BASIC, json == null ? null : "application/json", json);
    }

    private static Map<String, Object> obj(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> r) {
        return (List<Map<String, Object>>) Json.parseObject("{\"l\":" + r.body() + "}").get("l");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void refuses_requests_without_valid_credentials_in_the_wordpress_error_shape() throws Exception {
        HttpResponse<String> none = send("GET", "/orders/5001", null, null, null);
        assertEquals(401, none.statusCode());
        assertEquals("woocommerce_rest_cannot_view", obj(none).get("code"));
        assertEquals(401, map(obj(none).get("data")).get("status"));

        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString(
                (FakeWooCommerce.CONSUMER_KEY + ":cs_wrong").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bad = send("GET", "/orders/5001", wrongSecret, null, null);
        assertEquals(401, bad.statusCode());
        assertEquals("woocommerce_rest_authentication_error", obj(bad).get("code"));
        assertEquals("Consumer secret is invalid.", obj(bad).get("message"));

        HttpResponse<String> unknownKey = send("PUT", "/orders/5001", "Basic "
                + Base64.getEncoder().encodeToString("ck_other:cs_other".getBytes(StandardCharsets.UTF_8)),
                "application/json", "{\"status\":\"completed\"}");
        assertEquals(401, unknownKey.statusCode());
        assertEquals("woocommerce_rest_cannot_edit", obj(unknownKey).get("code"));
        assertEquals("processing", woo.order(5001).get("status"));
    }

    @Test
    void accepts_the_key_and_secret_as_query_parameters() throws Exception {
        HttpResponse<String> r = send("GET", "/orders/5001?consumer_key=" + FakeWooCommerce.CONSUMER_KEY
                + "&consumer_secret=" + FakeWooCommerce.CONSUMER_SECRET, null, null, null);
        assertEquals(200, r.statusCode());
        assertEquals(5001, obj(r).get("id"));
    }

    @Test
    void a_read_only_key_cannot_write() throws Exception {
        woo.keyPermissions("read");
        HttpResponse<String> r = call("PUT", "/orders/5001", "{\"status\":\"completed\"}");
        assertEquals(401, r.statusCode());
        assertEquals("The API key provided does not have write permissions.", obj(r).get("message"));
        assertEquals(200, call("GET", "/orders/5001", null).statusCode());
    }

    @Test
    void gets_an_order_with_its_line_items_and_404s_an_unknown_one() throws Exception {
        HttpResponse<String> r = call("GET", "/orders/5001", null);
        assertEquals(200, r.statusCode());
        Map<String, Object> order = obj(r);
        assertEquals("processing", order.get("status"));
        assertEquals("49.00", order.get("total"));
        List<?> lines = (List<?>) order.get("line_items");
        assertEquals(2, lines.size());
        Map<String, Object> tee = map(lines.get(1));
        assertEquals(12, tee.get("id"));
        assertEquals(200, tee.get("product_id"));
        assertEquals(201, tee.get("variation_id"));
        assertEquals("TEE-S", tee.get("sku"));
        assertEquals("25.00", tee.get("total"));

        HttpResponse<String> missing = call("GET", "/orders/999", null);
        assertEquals(404, missing.statusCode());
        assertEquals("woocommerce_rest_shop_order_invalid_id", obj(missing).get("code"));
        assertEquals("rest_no_route", obj(call("GET", "/orders/abc", null)).get("code"));
    }

    @Test
    void updates_the_status_and_moves_stock_as_woocommerce_does() throws Exception {
        HttpResponse<String> done = call("PUT", "/orders/5001", "{\"status\":\"completed\"}");
        assertEquals(200, done.statusCode());
        assertEquals("completed", obj(done).get("status"));
        assertEquals(10, woo.stockOf(101)); // already reduced when it went to processing
        assertEquals("Order status changed from Processing to Completed.", woo.notes(5001).get(0).get("note"));

        HttpResponse<String> cancelled = call("PUT", "/orders/5001", "{\"status\":\"cancelled\"}");
        assertEquals(200, cancelled.statusCode());
        assertEquals(12, woo.stockOf(101));
        assertEquals(5, woo.stockOf(201));

        call("PUT", "/orders/5002", "{\"status\":\"processing\"}");
        assertNull(woo.stockOf(102)); // not managed: nothing to reduce
    }

    @Test
    void refuses_an_unknown_status_with_rest_invalid_param() throws Exception {
        HttpResponse<String> r = call("PUT", "/orders/5001", "{\"status\":\"shipped\"}");
        assertEquals(400, r.statusCode());
        Map<String, Object> body = obj(r);
        assertEquals("rest_invalid_param", body.get("code"));
        assertEquals("Invalid parameter(s): status", body.get("message"));
        Map<String, Object> data = map(body.get("data"));
        assertEquals(400, data.get("status"));
        assertTrue(((String) map(data.get("params")).get("status")).startsWith("status is not one of pending, processing"));
        assertEquals("rest_not_in_enum", map(map(data.get("details")).get("status")).get("code"));

        HttpResponse<String> unknown = call("PUT", "/orders/999", "{\"status\":\"completed\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("woocommerce_rest_shop_order_invalid_id", obj(unknown).get("code"));
    }

    @Test
    void adds_a_note_and_needs_the_body_sent_as_json() throws Exception {
        HttpResponse<String> r = call("POST", "/orders/5001/notes", "{\"note\":\"Shipped with DHL 123\",\"customer_note\":true}");
        assertEquals(201, r.statusCode());
        Map<String, Object> note = obj(r);
        assertEquals("Shipped with DHL 123", note.get("note"));
        assertEquals(true, note.get("customer_note"));
        assertEquals("system", note.get("author"));
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/orders/5001/notes/" + note.get("id")));

        HttpResponse<String> noType = send("POST", "/orders/5001/notes", BASIC, null, "{\"note\":\"x\"}");
        assertEquals(400, noType.statusCode());
        assertEquals("rest_missing_callback_param", obj(noType).get("code"));

        HttpResponse<String> broken = send("POST", "/orders/5001/notes", BASIC, "application/json", "{\"note\":");
        assertEquals(400, broken.statusCode());
        assertEquals("rest_invalid_json", obj(broken).get("code"));

        assertEquals("woocommerce_rest_order_invalid_id",
                obj(call("POST", "/orders/999/notes", "{\"note\":\"x\"}")).get("code"));
    }

    @Test
    void creates_a_refund_restocks_and_refuses_more_than_remains() throws Exception {
        HttpResponse<String> r = call("POST", "/orders/5001/refunds", """
                {"amount":"12.00","reason":"damaged","api_refund":false,
                 "line_items":[{"id":11,"quantity":1,"refund_total":12,"refund_tax":[]}]}""");
        assertEquals(201, r.statusCode());
        Map<String, Object> refund = obj(r);
        assertEquals("12.00", refund.get("amount"));
        assertEquals("damaged", refund.get("reason"));
        assertEquals(false, refund.get("refunded_payment"));
        Map<String, Object> line = map(((List<?>) refund.get("line_items")).get(0));
        assertEquals(-1, line.get("quantity"));
        assertEquals("-12.00", line.get("total"));
        assertEquals(11, woo.stockOf(101)); // api_restock defaults to true
        assertEquals("-12.00", map(((List<?>) woo.order(5001).get("refunds")).get(0)).get("total"));

        HttpResponse<String> tooMuch = call("POST", "/orders/5001/refunds", "{\"amount\":\"40.00\",\"api_refund\":false}");
        assertEquals(500, tooMuch.statusCode());
        assertEquals("woocommerce_rest_cannot_create_order_refund", obj(tooMuch).get("code"));
        assertEquals("Invalid refund amount.", obj(tooMuch).get("message"));

        HttpResponse<String> numeric = call("POST", "/orders/5001/refunds", "{\"amount\":10}");
        assertEquals(400, numeric.statusCode());
        assertEquals("rest_invalid_param", obj(numeric).get("code"));
        assertEquals("amount is not of type string.", map(map(obj(numeric).get("data")).get("params")).get("amount"));

        HttpResponse<String> rest = call("POST", "/orders/5001/refunds", "{\"amount\":\"37.00\",\"api_refund\":false}");
        assertEquals(201, rest.statusCode());
        assertEquals("refunded", woo.order(5001).get("status"));
    }

    @Test
    void setting_refunded_by_hand_refunds_what_remains() throws Exception {
        assertEquals(200, call("PUT", "/orders/5002", "{\"status\":\"refunded\"}").statusCode());
        assertEquals("9.00", woo.refunds(5002).get(0).get("amount"));
        assertEquals(false, woo.refunds(5002).get(0).get("refunded_payment"));
        HttpResponse<String> again = call("POST", "/orders/5002/refunds", "{\"amount\":\"9.00\",\"api_refund\":false}");
        assertEquals(500, again.statusCode());
        assertEquals("Invalid refund amount.", obj(again).get("message"));
    }

    @Test
    void api_refund_fails_when_the_gateway_cannot_refund() throws Exception {
        woo.gatewaySupportsRefunds(false);
        HttpResponse<String> r = call("POST", "/orders/5001/refunds", "{\"amount\":\"5.00\"}");
        assertEquals(500, r.statusCode());
        assertEquals("woocommerce_rest_cannot_create_order_refund", obj(r).get("code"));
        assertTrue(woo.refunds(5001).isEmpty());
    }

    @Test
    void finds_products_and_variations_by_sku() throws Exception {
        HttpResponse<String> r = call("GET", "/products?sku=MUG-BLUE", null);
        assertEquals(200, r.statusCode());
        List<Map<String, Object>> found = list(r);
        assertEquals(1, found.size());
        assertEquals(101, found.get(0).get("id"));
        assertEquals(true, found.get(0).get("manage_stock"));
        assertEquals(10, found.get(0).get("stock_quantity"));
        assertEquals("1", r.headers().firstValue("X-WP-Total").orElseThrow());

        List<Map<String, Object>> variation = list(call("GET", "/products?sku=TEE-S", null));
        assertEquals(1, variation.size());
        assertEquals("variation", variation.get(0).get("type"));
        assertEquals(200, variation.get(0).get("parent_id"));

        assertEquals(2, list(call("GET", "/products?sku=MUG-BLUE,TEE-S", null)).size());
        assertTrue(list(call("GET", "/products?sku=NOPE", null)).isEmpty());
        assertTrue(obj(call("GET", "/products/102", null)).containsKey("stock_quantity"));
        assertNull(obj(call("GET", "/products/102", null)).get("stock_quantity"));
        assertEquals("woocommerce_rest_product_invalid_id", obj(call("GET", "/products/9999", null)).get("code"));
    }

    @Test
    void sets_stock_on_products_and_variations_only_when_managed() throws Exception {
        HttpResponse<String> r = call("PUT", "/products/101", "{\"stock_quantity\":7}");
        assertEquals(200, r.statusCode());
        assertEquals(7, obj(r).get("stock_quantity"));

        HttpResponse<String> unmanaged = call("PUT", "/products/102", "{\"stock_quantity\":5}");
        assertEquals(200, unmanaged.statusCode());
        assertNull(obj(unmanaged).get("stock_quantity")); // ignored without manage_stock
        HttpResponse<String> managed = call("PUT", "/products/102", "{\"manage_stock\":true,\"stock_quantity\":5}");
        assertEquals(5, obj(managed).get("stock_quantity"));
        assertEquals("instock", obj(managed).get("stock_status"));

        HttpResponse<String> v = call("PUT", "/products/200/variations/201", "{\"stock_quantity\":0}");
        assertEquals(200, v.statusCode());
        assertEquals(0, obj(v).get("stock_quantity"));
        assertEquals("outofstock", obj(v).get("stock_status"));

        HttpResponse<String> fraction = call("PUT", "/products/101", "{\"stock_quantity\":1.5}");
        assertEquals(400, fraction.statusCode());
        assertEquals("rest_invalid_param", obj(fraction).get("code"));

        HttpResponse<String> viaProducts = call("PUT", "/products/201", "{\"stock_quantity\":3}");
        assertEquals(404, viaProducts.statusCode());
        assertEquals("woocommerce_rest_invalid_product_id", obj(viaProducts).get("code"));
        assertEquals("woocommerce_rest_product_variation_invalid_id",
                obj(call("PUT", "/products/101/variations/201", "{\"stock_quantity\":3}")).get("code"));
        assertEquals("product_invalid_sku", obj(call("PUT", "/products/101", "{\"sku\":\"TEE-S\"}")).get("code"));
    }

    @Test
    void batches_updates_with_inline_errors_and_refuses_more_than_100() throws Exception {
        HttpResponse<String> r = call("POST", "/products/batch", """
                {"update":[{"id":101,"stock_quantity":3},{"id":9999,"stock_quantity":1}],
                 "create":[{"name":"Cap","sku":"CAP","manage_stock":true,"stock_quantity":2}],
                 "delete":[102]}""");
        assertEquals(200, r.statusCode());
        Map<String, Object> body = obj(r);
        List<?> updated = (List<?>) body.get("update");
        assertEquals(3, map(updated.get(0)).get("stock_quantity"));
        Map<String, Object> failed = map(updated.get(1));
        assertEquals(9999, failed.get("id"));
        assertEquals("woocommerce_rest_product_invalid_id", map(failed.get("error")).get("code"));
        assertEquals("CAP", map(((List<?>) body.get("create")).get(0)).get("sku"));
        assertEquals(102, map(((List<?>) body.get("delete")).get(0)).get("id"));
        assertNull(woo.product(102));

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("{\"id\":101,\"stock_quantity\":" + i + "}");
        }
        HttpResponse<String> tooMany = call("POST", "/products/batch", "{\"update\":[" + String.join(",", many) + "]}");
        assertEquals(413, tooMany.statusCode());
        assertEquals("woocommerce_rest_request_entity_too_large", obj(tooMany).get("code"));
        assertEquals(3, woo.stockOf(101));
    }

    @Test
    void batches_variation_updates() throws Exception {
        HttpResponse<String> r = call("POST", "/products/200/variations/batch",
                "{\"update\":[{\"id\":201,\"stock_quantity\":9},{\"id\":202,\"manage_stock\":true,\"stock_quantity\":1}]}");
        assertEquals(200, r.statusCode());
        assertEquals(9, woo.stockOf(201));
        assertEquals(1, woo.stockOf(202));
        HttpResponse<String> wrongParent = call("POST", "/products/200/variations/batch", "{\"update\":[{\"id\":101,\"stock_quantity\":1}]}");
        assertEquals("woocommerce_rest_product_variation_invalid_id",
                map(map(((List<?>) obj(wrongParent).get("update")).get(0)).get("error")).get("code"));
    }

    @Test
    void fails_as_a_wordpress_host_does_and_records_every_call() throws Exception {
        woo.failNext(2, 503);
        HttpResponse<String> first = call("PUT", "/products/101", "{\"stock_quantity\":1}");
        assertEquals(503, first.statusCode());
        assertTrue(first.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("600", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(503, call("GET", "/orders/5001", null).statusCode());
        assertEquals(200, call("GET", "/orders/5001", null).statusCode());
        assertEquals(10, woo.stockOf(101));

        woo.failNext(1, 500);
        HttpResponse<String> fatal = call("GET", "/orders/5001", null);
        assertEquals(500, fatal.statusCode());
        assertEquals("internal_server_error", obj(fatal).get("code"));

        List<FakeWooCommerce.Call> calls = woo.calls();
        assertEquals(4, calls.size());
        FakeWooCommerce.Call put = calls.get(0);
        assertEquals("PUT", put.method());
        assertEquals("/wp-json/wc/v3/products/101", put.path());
        assertEquals(1, map(put.body()).get("stock_quantity"));
        assertEquals(503, put.status());
        assertFalse(calls.stream().anyMatch(c -> c.status() == 404));
    }
}
