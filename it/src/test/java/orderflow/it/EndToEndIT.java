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
    private static DemoSeed.Demo demo;
    private static DynamoDbClient dynamo;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
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
            if (String.valueOf(email.get("subject")).contains("order " + externalOrderId + " ")) {
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
    void unsigned_badly_signed_stale_or_malformed_webhooks_get_4xx_problems_and_write_nothing() throws Exception {
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

        String invalid = Json.write(Map.of("externalOrderId", "E2E-BAD", "paymentStatus", "PAID"));
        r = postOrder(invalid, signed(invalid));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"field\":\"lines\"") && r.body().contains("\"field\":\"currency\""), r.body());

        assertEquals(before, orderCount());
    }

    @Test
    void seller_api_needs_a_valid_key_and_hides_other_sellers_orders() throws Exception {
        String body = Fixtures.sampleOrderJson("E2E-AUTH");
        String orderId = (String) Json.parseObject(postOrder(body, signed(body)).body()).get("orderId");
        assertEquals(401, getOrder(orderId, null).statusCode());
        assertEquals(403, getOrder(orderId, "Bearer ofk_" + "A".repeat(43)).statusCode());

        DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                String.valueOf(runner.cloud().ref("InventoryTable")));
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
}
