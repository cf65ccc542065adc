package orderflow.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import orderflow.local.DemoSeed;
import orderflow.local.Runner;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.Seller;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local runner as README command one starts it (own emulator, every function in its own JVM,
 * the HTTP API on a free port), for tests that drive it over HTTP: its log captured as well as
 * printed, AWS clients on its emulator, request helpers, and a fingerprint of everything stored
 * (every table's items, every queue's messages) to prove that a request wrote nothing.
 */
public final class RunnerHarness implements AutoCloseable {

    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final Runner runner;
    public final DemoSeed.Demo demo;
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final FakeSpApi spApi;
    public final Path root;
    private final ByteArrayOutputStream captured;

    private RunnerHarness(Runner runner, FakeSpApi spApi, Path root, ByteArrayOutputStream captured) {
        this.runner = runner;
        this.demo = runner.demo();
        this.spApi = spApi;
        this.root = root;
        this.captured = captured;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        URI endpoint = URI.create(runner.emulatorEndpoint());
        this.dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Starts the runner (with a fake SP-API for Amazon storefronts); its log goes to stdout and to {@link #log()}. */
    public static RunnerHarness start() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        FakeSpApi spApi = new FakeSpApi(root);
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("PARAM_SpApiEndpoint", spApi.endpoint());
        env.put("PARAM_LwaEndpoint", spApi.tokenEndpoint());
        env.put("PARAM_LwaClientId", FakeSpApi.CLIENT_ID);
        env.put("PARAM_LwaClientSecret", FakeSpApi.CLIENT_SECRET);
        String cloud = System.getProperty("cloud", "moto");
        env.put("EMULATOR", cloud);
        if (cloud.equals("localstack")) {
            env.put("AWS_ENDPOINT_URL", TestCloud.get().endpoint); // skips the class without Docker
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                System.out.write(b, off, len);
            }
        };
        try {
            Runner runner = Runner.start(Runner.Options.fromEnvironment(env, root, new PrintStream(tee, true,
                    StandardCharsets.UTF_8)));
            return new RunnerHarness(runner, spApi, root, captured);
        } catch (Exception | Error e) {
            spApi.close();
            throw e;
        }
    }

    /** Everything the runner and its functions logged so far. */
    public String log() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        runner.close();
        spApi.close();
        dynamo.close();
        sqs.close();
    }

    public String ref(String logicalId) {
        return String.valueOf(runner.cloud().ref(logicalId));
    }

    public DynamoAdmin admin() {
        return new DynamoAdmin(dynamo, ref("AccountsTable"), ref("InventoryTable"), runner.cloud().sealer());
    }

    /** A seller of its own (same settings as the demo's) and an API key for it. */
    public String newSeller(String sellerId) {
        admin().putSeller(new Seller(sellerId, "Shop " + sellerId, "o@" + sellerId + ".example",
                "o@" + sellerId + ".example", "o@" + sellerId + ".example", 2, ZoneId.of("UTC")));
        return admin().newApiKey(sellerId, "test", Instant.now());
    }

    // ---- HTTP ----

    /** Any request: raw path (already encoded), headers, body bytes (null: none). */
    public HttpResponse<String> send(String method, String rawPath, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + rawPath))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A /v1 call with the key as a Bearer token and the body as JSON (null: none). */
    public HttpResponse<String> call(String method, String rawPath, String key, Object body) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + key);
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return send(method, rawPath, headers, body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The X-Orderflow-Signature of the body with the secret, at the time given. */
    public static String sign(String secret, byte[] body, Instant at) {
        return WebhookSignature.sign(secret, at.getEpochSecond(), body);
    }

    /** POST /webhooks/{storefrontId}{suffix}, signed now with the demo storefront's secret. */
    public HttpResponse<String> postSigned(String storefrontId, String suffix, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST", "/webhooks/" + storefrontId + suffix, Map.of("content-type", "application/json",
                WebhookSignature.HEADER, sign(demo.webhookSecret(), bytes, Instant.now())), bytes);
    }

    /** Polls until the order (read with the key) has the status; the pipeline is asynchronous. */
    public Map<String, Object> awaitStatus(String orderId, String key, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/v1/orders/" + orderId, key, null);
            if (r.statusCode() == 200) {
                last = Json.parseObject(r.body());
                if (status.equals(last.get("status"))) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderId + " never became " + status + "; last seen " + last);
    }

    // ---- what is stored ----

    /**
     * Every table's items (count and a digest of their content) and every queue's message counts; items:
     * each table's items as text, so a difference can name the items that changed.
     */
    public record Fingerprint(Map<String, String> tables, Map<String, String> queues, Map<String, List<String>> items) {
        public List<String> differences(Fingerprint later) {
            List<String> out = new ArrayList<>();
            tables.forEach((t, v) -> {
                if (!v.equals(later.tables.get(t))) {
                    List<String> gone = new ArrayList<>(items.getOrDefault(t, List.of()));
                    gone.removeAll(later.items.getOrDefault(t, List.of()));
                    List<String> came = new ArrayList<>(later.items.getOrDefault(t, List.of()));
                    came.removeAll(items.getOrDefault(t, List.of()));
                    out.add(t + ": " + v + " -> " + later.tables.get(t) + " (was " + abbreviated(gone) + "; now "
                            + abbreviated(came) + ")");
                }
            });
            queues.forEach((q, v) -> {
                if (!v.equals(later.queues.get(q))) {
                    out.add(q + ": " + v + " -> " + later.queues.get(q));
                }
            });
            return out;
        }

        /** From each table's items as text ({@link #itemText}), in any order, and each queue's counts. */
        public static Fingerprint of(Map<String, List<String>> itemsByTable, Map<String, String> queues)
                throws Exception {
            Map<String, String> tables = new TreeMap<>();
            Map<String, List<String>> sorted = new TreeMap<>();
            for (var e : itemsByTable.entrySet()) {
                List<String> items = new ArrayList<>(e.getValue());
                items.sort(null);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                items.forEach(i -> sha.update(i.getBytes(StandardCharsets.UTF_8)));
                tables.put(e.getKey(), items.size() + " items " + HexFormat.of().formatHex(sha.digest()).substring(0, 12));
                sorted.put(e.getKey(), items);
            }
            return new Fingerprint(tables, queues, sorted);
        }

        private static String abbreviated(List<String> items) {
            List<String> some = items.stream().limit(3).map(i -> i.length() > 400 ? i.substring(0, 400) + "..." : i)
                    .toList();
            return some + (items.size() > 3 ? " and " + (items.size() - 3) + " more" : "");
        }

        boolean queuesEmpty() {
            return queues.values().stream().allMatch(v -> v.equals("0/0/0"));
        }
    }

    /**
     * The attributes scheduled jobs keep for themselves (the stock push's mark, set by each stock change
     * and cleared by PushStockFunction a minute later; the failed-sync report mark the digest clears) left
     * out: a request is judged by what it writes, not by when a job last ran. A write that sets a mark
     * also changes the item's own attributes, which stay in.
     */
    public static String itemText(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> kept = new TreeMap<>(item);
        kept.keySet().removeAll(Set.of("pushShard", "pushSince", "failedShard", "failedAt"));
        return kept.toString();
    }

    public Fingerprint fingerprint() throws Exception {
        Map<String, List<String>> contents = new TreeMap<>();
        for (String id : runner.cloud().template().idsOfType("AWS::DynamoDB::Table")) {
            String name = ref(id);
            List<String> items = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = dynamo.scan(b -> b.tableName(name).consistentRead(true).exclusiveStartKey(from));
                page.items().forEach(i -> items.add(itemText(i)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            contents.put(id, items);
        }
        Map<String, String> queues = new TreeMap<>();
        for (String id : runner.cloud().template().idsOfType("AWS::SQS::Queue")) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(ref(id)).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            queues.put(id, a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + "/"
                    + a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) + "/"
                    + a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        }
        return Fingerprint.of(contents, queues);
    }

    /** Waits until the queues are drained (the runner's pollers consume them) and nothing changes for a second. */
    public Fingerprint quiet() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Fingerprint last = fingerprint();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Fingerprint now = fingerprint();
            if (now.equals(last) && now.queuesEmpty()) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the stack never came to rest: " + last);
    }
}
