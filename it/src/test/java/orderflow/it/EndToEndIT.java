package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import orderflow.local.DemoSeed;
import orderflow.local.Runner;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The product as a seller runs it: the local runner (own emulator, every function in its own JVM,
 * the HTTP API on a free port) driven over HTTP only, as README command one starts it.
 */
class EndToEndIT {

    private static Runner runner;
    private static FakeSpApi spApi;
    private static DemoSeed.Demo demo;
    private static DynamoDbClient dynamo;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        spApi = new FakeSpApi(root);
        env.put("PARAM_SpApiEndpoint", spApi.endpoint());
        env.put("PARAM_LwaEndpoint", spApi.tokenEndpoint());
        env.put("PARAM_LwaClientId", FakeSpApi.CLIENT_ID);
        env.put("PARAM_LwaClientSecret", FakeSpApi.CLIENT_SECRET);
        String cloud = System.getProperty("cloud", "moto");
        env.put("EMULATOR", cloud);
        if (cloud.equals("localstack")) {
            env.put("AWS_ENDPOINT_URL", TestCloud.get().endpoint); // skips the class without Docker
        }
        runner = Runner.start(Runner.Options.fromEnvironment(env, root, new PrintStream(System.out, true)));
        demo = runner.demo();
        dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(runner.emulatorEndpoint())).httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (spApi != null) {
            spApi.close();
        }
    }

    private static HttpResponse<String> postOrder(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.webhookUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signed(String body) {
        return WebhookSignature.sign(demo.webhookSecret(), Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> getOrder(String orderId, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/orders/" + orderId));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String listOrders(String authorization) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/orders?limit=100"))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Polls the seller API until the order has the status (the pipeline is asynchronous). */
    private static Map<String, Object> awaitStatus(String orderId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = getOrder(orderId, "Bearer " + demo.apiKey());
            if (response.statusCode() == 404) { // not stored yet: it may come through a queue
                Thread.sleep(200);
                continue;
            }
            assertEquals(200, response.statusCode(), response.body());
            last = Json.parseObject(response.body());
            if (status.equals(last.get("status"))) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderId + " never became " + status + "; last seen " + last);
    }

    private static List<Map<String, Object>> emailsFor(String externalOrderId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(runner.baseUrl() + "/_local/emails")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Object o : (List<?>) com.fasterxml.jackson.jr.ob.JSON.std.anyFrom(response.body())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> email = (Map<String, Object>) o;
            if (java.util.regex.Pattern.compile("order " + java.util.regex.Pattern.quote(externalOrderId) + "( |$)")
                    .matcher(String.valueOf(email.get("subject"))).find()) {
                matching.add(email);
            }
        }
        return matching;
    }

    private static List<Map<String, Object>> awaitEmails(String externalOrderId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> emails = emailsFor(externalOrderId);
            if (emails.size() >= count) {
                return emails;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email for order " + externalOrderId);
    }

    private static long[] stock(String sku) {
        return new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable"))).stock(demo.sellerId(), sku);
    }

    private static int orderCount() {
        return dynamo.scan(b -> b.tableName(String.valueOf(runner.cloud().ref("OrdersTable")))).count();
    }

    @Test
    void signed_webhook_becomes_unshipped_with_stock_reserved_and_a_confirmation_email() throws Exception {
        long[] mugsBefore = stock("MUG-BLUE");
        String body = Fixtures.sampleOrderJson("E2E-1");
        HttpResponse<String> accepted = postOrder(body, signed(body));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String orderId = (String) Json.parseObject(accepted.body()).get("orderId");

        Map<String, Object> order = awaitStatus(orderId, "UNSHIPPED");
        assertTrue(String.valueOf(order.get("shipBy")).startsWith("20"), order.toString());
        long[] mugs = stock("MUG-BLUE");
        assertEquals(mugsBefore[1] + 2, mugs[1]);
        assertEquals(mugsBefore[2] - 2, mugs[2]);

        List<Map<String, Object>> emails = awaitEmails("E2E-1", 1);
        assertEquals(1, emails.size());
        assertEquals(List.of("ada@example.com"), emails.get(0).get("to"));
        assertTrue(String.valueOf(emails.get(0).get("html")).contains("Blue mug"));
    }

    @Test
    void the_same_webhook_posted_20_times_also_concurrently_gives_one_order_and_one_email() throws Exception {
        long[] teesBefore = stock("TEE-BLACK-L");
        String body = Fixtures.sampleOrderJson("E2E-DUP");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = postOrder(body, signed(body));
            assertEquals(202, r.statusCode(), r.body());
            ids.add((String) Json.parseObject(r.body()).get("orderId"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit((Callable<HttpResponse<String>>) () -> postOrder(body, signed(body))));
            }
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertEquals(202, r.statusCode(), r.body());
                ids.add((String) Json.parseObject(r.body()).get("orderId"));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        awaitStatus(ids.get(0), "UNSHIPPED");
        awaitEmails("E2E-DUP", 1);
        // Give any stray duplicate time to surface through both queues before counting.
        Thread.sleep(3000);
        assertEquals(1, emailsFor("E2E-DUP").size());
        assertEquals(teesBefore[1] + 1, stock("TEE-BLACK-L")[1]);
    }

    @Test
    void unsigned_badly_signed_stale_or_unreadable_webhooks_get_4xx_problems_and_write_nothing() throws Exception {
        int before = orderCount();
        String body = Fixtures.sampleOrderJson("E2E-BAD");
        String stale = WebhookSignature.sign(demo.webhookSecret(), Instant.now().minusSeconds(600).getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("unsigned", null);
        cases.put("bad signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32));
        cases.put("stale", stale);
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = postOrder(body, c.getValue());
            assertEquals(401, r.statusCode(), c.getKey());
            assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""), c.getKey());
            assertEquals("/problems/signature", Json.parseObject(r.body()).get("type"), c.getKey());
        }
        String malformed = "{\"externalOrderId\": \"E2E-BAD\", \"lines\": [}";
        HttpResponse<String> r = postOrder(malformed, signed(malformed));
        assertEquals(400, r.statusCode());
        Map<String, Object> problem = Json.parseObject(r.body());
        assertEquals("/problems/validation", problem.get("type"));
        assertEquals(400, ((Number) problem.get("status")).intValue());
        assertTrue(problem.containsKey("title") && problem.containsKey("detail") && problem.containsKey("errors"));

        assertEquals(before, orderCount());
    }

    @Test
    void a_signed_order_with_bad_fields_is_kept_on_hold_with_every_field_named_never_refused() throws Exception {
        String invalid = Json.write(Map.of("externalOrderId", "E2E-HELD", "paymentStatus", "PAID"));
        HttpResponse<String> r = postOrder(invalid, signed(invalid));
        assertEquals(202, r.statusCode(), r.body());
        Map<String, Object> answer = Json.parseObject(r.body());
        assertEquals("ON_HOLD", answer.get("status"));
        Map<String, Object> order = Json.parseObject(getOrder((String) answer.get("orderId"), "Bearer " + demo.apiKey()).body());
        String holds = String.valueOf(((Map<?, ?>) order.get("intake")).get("holds"));
        assertTrue(holds.contains("field=lines") && holds.contains("field=currency"), holds);
        assertEquals(List.of(), emailsFor("E2E-HELD"), "a held order emails nobody");
    }

    @Test
    void seller_api_needs_a_valid_key_and_hides_other_sellers_orders() throws Exception {
        String body = Fixtures.sampleOrderJson("E2E-AUTH");
        String orderId = (String) Json.parseObject(postOrder(body, signed(body)).body()).get("orderId");
        awaitStatus(orderId, "UNSHIPPED"); // no processing left running into the next test's stock counts
        assertEquals(401, getOrder(orderId, null).statusCode());
        assertEquals(403, getOrder(orderId, "Bearer ofk_" + "A".repeat(43)).statusCode());

        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
        admin.putSeller(new orderflow.shared.domain.Seller("other-seller", "Other shop", "o@other.example",
                "o@other.example", "o@other.example", 2, java.time.ZoneId.of("UTC")));
        String otherKey = admin.newApiKey("other-seller", "e2e", Instant.now());
        HttpResponse<String> foreign = getOrder(orderId, "Bearer " + otherKey);
        assertEquals(404, foreign.statusCode());
        assertEquals("application/problem+json", foreign.headers().firstValue("content-type").orElse(""));
        assertEquals(200, getOrder(orderId, "Bearer " + demo.apiKey()).statusCode());
        // The listing: the demo seller sees the order, the other seller's key never does.
        assertTrue(listOrders("Bearer " + demo.apiKey()).contains(orderId));
        assertFalse(listOrders("Bearer " + otherKey).contains(orderId));
        assertArrayEquals(new long[] {0, 0, 0}, stock("NO-SUCH-SKU"));
    }

    private static HttpResponse<String> call(String method, String path, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newSellerKey(String sellerId) {
        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
        admin.putSeller(new orderflow.shared.domain.Seller(sellerId, "Shop " + sellerId, "o@" + sellerId + ".example",
                "o@" + sellerId + ".example", "o@" + sellerId + ".example", 2, java.time.ZoneId.of("UTC")));
        return admin.newApiKey(sellerId, "e2e", Instant.now());
    }

    @Test
    void demo_order_goes_unshipped_partially_shipped_shipped_delivered_with_emails_and_history() throws Exception {
        String body = Fixtures.sampleOrderJson("E2E-LIFE");
        String orderId = (String) Json.parseObject(postOrder(body, signed(body)).body()).get("orderId");
        awaitStatus(orderId, "UNSHIPPED");
        String key = demo.apiKey();
        assertEquals(200, call("POST", "/v1/orders/" + orderId + "/acknowledge", key, null).statusCode());

        HttpResponse<String> partial = call("POST", "/v1/orders/" + orderId + "/shipments", key, Map.of("carrier", "UPS",
                "trackingNumber", "1Z999AA10123456784", "shipDate", Instant.now().toString(),
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1))));
        assertEquals(201, partial.statusCode(), partial.body());
        assertEquals("PARTIALLY_SHIPPED", Json.parseObject(partial.body()).get("status"));
        HttpResponse<String> rest = call("POST", "/v1/orders/" + orderId + "/shipments", key, Map.of("carrier", "USPS",
                "trackingNumber", "9400 1118 9922 3397 6239 13", "shipDate", Instant.now().toString()));
        assertEquals(201, rest.statusCode(), rest.body());
        assertEquals("SHIPPED", Json.parseObject(rest.body()).get("status"));
        HttpResponse<String> delivered = call("POST", "/v1/orders/" + orderId + "/delivery", key,
                Map.of("deliveredAt", Instant.now().toString()));
        assertEquals(200, delivered.statusCode(), delivered.body());
        assertEquals("DELIVERED", Json.parseObject(delivered.body()).get("status"));

        List<Map<String, Object>> emails = awaitEmails("E2E-LIFE", 4);
        List<String> subjects = emails.stream().map(e -> String.valueOf(e.get("subject"))).sorted().toList();
        assertEquals(4, subjects.size(), subjects.toString());
        assertTrue(subjects.get(0).endsWith("has shipped") && subjects.get(1).endsWith("has shipped"), subjects.toString());
        assertTrue(subjects.get(2).endsWith("is confirmed") && subjects.get(3).endsWith("was delivered"), subjects.toString());
        assertTrue(emails.stream().anyMatch(e -> String.valueOf(e.get("html"))
                .contains("https://www.ups.com/track?tracknum=1Z999AA10123456784")), "tracking link in the email");

        HttpResponse<String> history = call("GET", "/v1/orders/" + orderId + "/history", key, null);
        assertEquals(200, history.statusCode(), history.body());
        List<Object> actions = new ArrayList<>();
        for (Object e : (List<?>) Json.parseObject(history.body()).get("entries")) {
            actions.add(((Map<?, ?>) e).get("action") + "->" + ((Map<?, ?>) e).get("to"));
        }
        assertEquals(List.of("receive->READY", "reserve->UNSHIPPED", "acknowledge->UNSHIPPED",
                "ship shp_1->PARTIALLY_SHIPPED", "ship shp_2->SHIPPED", "confirm-delivery->DELIVERED"), actions);

        HttpResponse<String> csv = call("GET", "/v1/orders/export?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", key, null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().lines().anyMatch(l -> l.startsWith(orderId + ",") && l.contains(",DELIVERED,")),
                csv.body());

        // A mug comes back: restocked, refunded (default policy: no fee, the seller pays the way back),
        // the demo storefront acknowledges the signed refund, the buyer gets one refund email.
        HttpResponse<String> rma = call("POST", "/v1/orders/" + orderId + "/returns", key,
                Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "NO_LONGER_NEEDED"))));
        assertEquals(201, rma.statusCode(), rma.body());
        String rmaId = (String) Json.parseObject(rma.body()).get("rmaId");
        Map<String, Object> receipt = Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1,
                "condition", "SELLABLE")));
        HttpResponse<String> received = call("POST", "/v1/returns/" + rmaId + "/receive", key, receipt);
        assertEquals(201, received.statusCode(), received.body());
        assertEquals(200, call("POST", "/v1/returns/" + rmaId + "/receive", key, receipt).statusCode());
        // 12.50 + tax round(3.60 x 12.50 / 44.99) = 1.00
        assertEquals(Map.of("amount", "13.50", "currency", "USD"),
                ((Map<?, ?>) Json.parseObject(received.body()).get("refund")).get("amount"));
        Map<?, ?> refund = null;
        for (int i = 0; i < 100 && (refund == null || !"ACKNOWLEDGED".equals(refund.get("status"))); i++) {
            Thread.sleep(100); // the runner's poller hands the notice to DeliverRefundFunction
            List<?> items = (List<?>) Json.parseObject(call("GET", "/v1/orders/" + orderId + "/refunds", key, null)
                    .body()).get("items");
            refund = items.isEmpty() ? null : (Map<?, ?>) items.get(0);
        }
        assertEquals("ACKNOWLEDGED", refund.get("status"), String.valueOf(refund));
        String seen = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/_local/refunds")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(seen.contains((String) refund.get("refundId")) && seen.contains("\"signatureValid\":true"), seen);
        assertEquals(1, awaitEmails("E2E-LIFE", 6).stream()
                .filter(e -> String.valueOf(e.get("subject")).startsWith("Your refund")).count());
    }

    @Test
    void every_seller_route_answers_404_to_another_sellers_key_and_changes_nothing() throws Exception {
        String body = Fixtures.sampleOrderJson("E2E-TENANT");
        String orderId = (String) Json.parseObject(postOrder(body, signed(body)).body()).get("orderId");
        Map<String, Object> before = awaitStatus(orderId, "UNSHIPPED");
        long[] stockBefore = stock("MUG-BLUE");
        String intruder = newSellerKey("intruder-" + System.nanoTime());
        Map<String, Object> anyBody = Map.of("reason", "OTHER", "carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                "shipDate", Instant.now().toString(), "deliveredAt", Instant.now().toString(),
                "onHand", 0, "delta", -1, "scans", List.of("MUG-BLUE"));
        int walked = 0;
        for (var route : runner.routes()) {
            if (!route.path().startsWith("/v1/")) {
                continue;
            }
            walked++;
            String path = route.path().replace("{orderId}", orderId).replace("{sku}", "MUG-BLUE")
                    .replace("{rmaId}", "rma_" + orderId.substring("ord_".length()))
                    .replace("{syncId}", "sync_" + orderId.substring("ord_".length()))
                    .replace("{labelId}", "lbl_" + "0".repeat(24)).replace("{uploadId}", "upl_" + "0".repeat(27));
            HttpResponse<String> r = call(route.method(), path + (route.method().equals("GET")
                    ? "?from=2026-01-01T00:00:00Z" : ""), intruder, route.method().equals("GET") ? null : anyBody);
            String what = route.method() + " " + route.path() + ": " + r.statusCode() + " " + r.body();
            assertTrue(r.statusCode() < 500, what);
            assertFalse(r.body().contains("E2E-TENANT"), what); // nothing of the victim's order leaks
            if (!route.path().contains("{orderId}")) {
                assertFalse(r.body().contains(orderId), what);
            } else {
                assertEquals(404, r.statusCode(), what);
                assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
            }
        }
        assertTrue(walked >= 15, "walked " + walked + " /v1 routes");
        // The bulk route names orders in its body: the victim's order is that order's 404, nothing written.
        HttpResponse<String> bulk = call("POST", "/v1/orders/bulk-actions", intruder,
                Map.of("action", "cancel", "reason", "OTHER", "orderIds", List.of(orderId)));
        assertEquals(200, bulk.statusCode(), bulk.body());
        assertEquals(404, ((Map<?, ?>) ((Map<?, ?>) ((List<?>) Json.parseObject(bulk.body()).get("results")).get(0))
                .get("problem")).get("status"), bulk.body());
        assertFalse(bulk.body().contains("E2E-TENANT"), bulk.body());
        Map<String, Object> after = Json.parseObject(getOrder(orderId, "Bearer " + demo.apiKey()).body());
        assertEquals(before.get("version"), after.get("version"));
        assertEquals(before.get("status"), after.get("status"));
        assertArrayEquals(stockBefore, stock("MUG-BLUE"), "the intruder's stock writes touch only its own items");
    }

    /**
     * As on API Gateway, the authorizer's answer is cached per Authorization value for the
     * template's ReauthorizeEvery: a revoked key keeps working while its cached answer lives and is
     * refused once it expires. The runner's clock is moved forward instead of waiting.
     */
    @Test
    void a_seller_has_at_most_two_active_keys_and_a_revoked_key_stops_working_within_reauthorize_every() throws Exception {
        String seller = "rotating-" + System.nanoTime();
        String first = newSellerKey(seller);
        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
        String second = admin.newApiKey(seller, "rotation", Instant.now());
        IllegalArgumentException third = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> admin.newApiKey(seller, "one too many", Instant.now()));
        assertTrue(third.getMessage().contains("revoke one first"), third.getMessage());
        assertEquals(200, call("GET", "/v1/orders", first, null).statusCode());
        assertEquals(200, call("GET", "/v1/orders", second, null).statusCode());

        admin.revokeApiKey(seller, orderflow.shared.security.ApiKeys.keyId(orderflow.shared.security.ApiKeys.hash(first)));
        Duration reauthorizeEvery = runner.routes().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/v1/orders"))
                .findFirst().orElseThrow().authorizer().ttl();
        assertTrue(reauthorizeEvery.toSeconds() > 0, "template.yaml caches the authorizer's answers: " + reauthorizeEvery);
        assertEquals(200, call("GET", "/v1/orders", first, null).statusCode(), "the cached answer still lets it in");
        runner.advanceClock(reauthorizeEvery.dividedBy(2));
        assertEquals(200, call("GET", "/v1/orders", first, null).statusCode(), "half the window later: still cached");
        runner.advanceClock(reauthorizeEvery.dividedBy(2));
        assertEquals(403, call("GET", "/v1/orders", first, null).statusCode(), "after the window: asked again, refused");
        assertEquals(200, call("GET", "/v1/orders", second, null).statusCode());
        assertEquals(1, admin.apiKeyIds(seller).size());
    }

    @Test
    void a_backordered_then_canceled_order_and_a_buyer_question_each_email_the_buyer_once() throws Exception {
        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
        admin.putStock(demo.sellerId(), "SCARF-GREEN", 0, Instant.now());
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "E2E-BACK");
        json.put("lines", List.of(Map.of("sku", "SCARF-GREEN", "title", "Green scarf", "quantity", 1, "unitPrice", "30.00")));
        json.remove("total");
        String body = Json.write(json);
        String orderId = (String) Json.parseObject(postOrder(body, signed(body)).body()).get("orderId");
        awaitStatus(orderId, "BACKORDERED");
        HttpResponse<String> canceled = call("POST", "/v1/orders/" + orderId + "/cancel", demo.apiKey(),
                Map.of("reason", "OUT_OF_STOCK", "note", "supplier discontinued it"));
        assertEquals(200, canceled.statusCode(), canceled.body());

        String question = Json.write(Map.of("externalOrderId", "E2E-BACK", "messageId", "q-1",
                "body", "Will it come back in stock?"));
        for (int i = 0; i < 2; i++) { // the storefront retries: one message
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(demo.webhookUrl() + "/messages"))
                    .header("content-type", "application/json").header(WebhookSignature.HEADER, signed(question))
                    .POST(HttpRequest.BodyPublishers.ofString(question)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, posted.statusCode(), posted.body());
        }
        HttpResponse<String> waiting = call("GET", "/v1/messages?awaitingReply=true", demo.apiKey(), null);
        assertTrue(waiting.body().contains(orderId), waiting.body());
        HttpResponse<String> reply = call("POST", "/v1/orders/" + orderId + "/messages", demo.apiKey(),
                Map.of("body", "Sadly not: we canceled it and you were not charged."));
        assertEquals(201, reply.statusCode(), reply.body());
        assertFalse(call("GET", "/v1/messages?awaitingReply=true", demo.apiKey(), null).body().contains(orderId));

        List<Map<String, Object>> emails = awaitEmails("E2E-BACK", 3);
        Thread.sleep(1000); // anything more would be a duplicate: give it the time to show up
        emails = emailsFor("E2E-BACK");
        List<String> subjects = emails.stream().map(e -> String.valueOf(e.get("subject"))).sorted().toList();
        assertEquals(3, subjects.size(), subjects.toString());
        assertTrue(subjects.get(0).startsWith("Re: your"), subjects.toString());
        assertTrue(subjects.get(1).endsWith("is waiting for stock"), subjects.toString());
        assertTrue(subjects.get(2).endsWith("was canceled"), subjects.toString());
        assertTrue(emails.stream().allMatch(e -> List.of("ada@example.com").equals(e.get("to"))));
        assertTrue(emails.stream().anyMatch(e -> String.valueOf(e.get("html")).contains("supplier discontinued it")));
    }

    @Test
    void shopify_woocommerce_and_amazon_orders_in_their_own_shapes_become_confirmed_orders_once() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
        String secret = "platform-secret-e2e";
        admin.putStorefront("e2e-shopify", demo.sellerId(), "shopify", secret);
        admin.putStorefront("e2e-woo", demo.sellerId(), "woocommerce", secret);
        admin.putAmazonStorefront("e2e-amazon", demo.sellerId(), "AE2ESELLER", FakeSpApi.REFRESH_TOKEN);

        String shopify = java.nio.file.Files.readString(root.resolve("events/shopify-orders-create.json"));
        String shopifyOrder = OrderIdsOf.of("e2e-shopify", String.valueOf(Json.parseObject(shopify).get("id")));
        for (String[] delivery : new String[][] {{"orders/create", "w-1"}, {"orders/paid", "w-2"}, {"orders/create", "w-1"}}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/webhooks/e2e-shopify"))
                    .header("content-type", "application/json").header("x-shopify-topic", delivery[0])
                    .header("x-shopify-webhook-id", delivery[1]).header("x-shopify-hmac-sha256",
                            orderflow.shared.security.PlatformSignature.sign(secret, shopify.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(shopify)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode(), r.body());
        }
        String woo = java.nio.file.Files.readString(root.resolve("events/woocommerce-order-created.json"));
        HttpResponse<String> wooPing = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/webhooks/e2e-woo"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("webhook_id=7")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wooPing.statusCode(), wooPing.body());
        HttpResponse<String> wooPosted = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/webhooks/e2e-woo"))
                .header("content-type", "application/json").header("x-wc-webhook-topic", "order.created")
                .header("x-wc-webhook-delivery-id", "d-1").header("x-wc-webhook-signature",
                        orderflow.shared.security.PlatformSignature.sign(secret, woo.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(woo)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, wooPosted.statusCode(), wooPosted.body());
        String wooOrder = (String) Json.parseObject(wooPosted.body()).get("orderId");

        String amazonOrderId = "114-0000000-7777777";
        var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(runner.emulatorEndpoint())).httpClient(UrlConnectionHttpClient.create()).build();
        Map<String, Object> event = Json.parseObject(java.nio.file.Files.readString(root.resolve("events/spapi-order-change.json")));
        String notification = (String) ((Map<?, ?>) ((List<?>) event.get("Records")).get(0)).get("body");
        notification = notification.replaceAll("\"SellerId\"\\s*:\\s*\"[^\"]*\"", "\"SellerId\":\"AE2ESELLER\"")
                .replaceAll("\"AmazonOrderId\"\\s*:\\s*\"[^\"]*\"", "\"AmazonOrderId\":\"" + amazonOrderId + "\"");
        String queueUrl = String.valueOf(runner.cloud().ref("AmazonNotificationQueue"));
        for (int i = 0; i < 2; i++) { // SQS delivers at least once
            String body = notification;
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
        String amazonOrder = OrderIdsOf.of("e2e-amazon", amazonOrderId);

        for (String id : List.of(shopifyOrder, wooOrder, amazonOrder)) {
            awaitStatus(id, "UNSHIPPED");
        }
        Map<String, Object> shopifyDetail = Json.parseObject(getOrder(shopifyOrder, "Bearer " + demo.apiKey()).body());
        assertEquals(Map.of("amount", "5.00", "currency", "USD"), ((Map<?, ?>) shopifyDetail.get("totals")).get("discount"));
        assertEquals(Json.parseObject(shopify).get("name"), shopifyDetail.get("displayNumber"));
        // Emails name the order as the buyer knows it: Shopify's "#1001", WooCommerce's number, Amazon's id.
        List<String> numbers = new ArrayList<>();
        for (String id : List.of(shopifyOrder, wooOrder, amazonOrder)) {
            numbers.add((String) Json.parseObject(getOrder(id, "Bearer " + demo.apiKey()).body()).get("displayNumber"));
        }
        for (String number : numbers) {
            awaitEmails(number, 1);
        }
        Thread.sleep(1000); // a second confirmation would show up by now
        for (String number : numbers) {
            assertEquals(1, emailsFor(number).size(), "one confirmation for " + number);
        }
        sqs.close();
    }

    /** Order ids as the storefront door derives them. */
    private static final class OrderIdsOf {
        static String of(String storefrontId, String externalId) {
            return orderflow.shared.domain.OrderIds.forExternal(storefrontId, externalId);
        }
    }
}
