package orderflow.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import orderflow.local.Runner;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.Seller;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A flash sale through the local stack (runner, pollers, function JVMs, moto with its transaction
 * conflict model): single-unit orders far beyond the stock, posted at once as signed webhooks. Exact
 * means every unit confirmed to one order, every other order backordered, none while stock remains,
 * and nothing in a dead-letter queue.
 */
final class FlashSaleSection {

    /** One scenario's figures. */
    record Result(String name, int orders, long units, int sellers, int skus, long confirmed, long backordered,
                  long wronglyBackordered, long unsettled, long orderDlq, long emailDlq, long transactionsCanceled,
                  long writesRefused, long failedMessages, long requeued, long processInvocations,
                  double p50Ms, double p99Ms, double maxMs, double postSeconds, double totalSeconds) {

        boolean exact() {
            return confirmed == units && backordered == orders - units && wronglyBackordered == 0 && unsettled == 0
                    && orderDlq == 0 && emailDlq == 0;
        }
    }

    private record Shop(String sellerId, String storefrontId, String secret, List<String> skus) {
    }

    private FlashSaleSection() {
    }

    static List<Result> run(Report report, Path root, Events events, int orders, int units, int concurrency)
            throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(scenario(root, events, "one SKU", orders, units, 1, 1, concurrency));
        results.add(scenario(root, events, "20 SKUs across 5 sellers", orders, units, 5, 4, concurrency));
        report.heading("Flash sale: orders far beyond the stock, at once");
        report.line(orders + " single-unit orders for " + units + " units posted at once as signed webhooks by 16 clients")
                .line("to the local runner (moto with its transaction conflict model, docs/local-cloud.md; up to "
                        + concurrency + " batches")
                .line("of ProcessOrder in flight at once, each in its own execution environment). Latency is from the")
                .line("webhook's arrival to the reservation (the order's `reserve` history entry), for confirmed orders.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(List.of(r.name(), Integer.toString(r.orders()), Long.toString(r.units()),
                    Long.toString(r.confirmed()), Long.toString(r.backordered()), Long.toString(r.wronglyBackordered()),
                    r.orderDlq() + " / " + r.emailDlq(), Long.toString(r.transactionsCanceled()),
                    Long.toString(r.writesRefused()), r.requeued() + " / " + r.failedMessages(),
                    Stats.ms(r.p50Ms()) + " / " + Stats.ms(r.p99Ms()) + " / " + Stats.ms(r.maxMs()),
                    String.format("%.0f", r.totalSeconds()), r.exact() ? "**exact**" : "**NOT EXACT**"));
        }
        report.table(List.of("scenario", "orders", "units", "confirmed", "backordered", "wrongly backordered",
                "in DLQ (orders / emails)", "transactions lost to a conflict", "single writes refused",
                "lost every race: re-queued / failed deliveries", "to reservation p50 / p99 / max (ms)", "wall time (s)",
                "verdict"), rows);
        report.raw("flashSale", results.stream().map(r -> (Object) r.toString()).toList());
        return results;
    }

    private static Result scenario(Path root, Events events, String name, int orders, int units, int sellerCount,
                                   int skusPerSeller, int concurrency) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "0");
        env.put("SEED_DEMO", "false");
        env.put("LOCAL_MAX_CONCURRENCY", Integer.toString(concurrency));
        Path log = root.resolve("bench/out/flash-" + sellerCount + "-runner.log");
        Files.createDirectories(log.getParent());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (PrintStream runnerLog = new PrintStream(Files.newOutputStream(log), true);
             Runner runner = Runner.start(Runner.Options.fromEnvironment(env, root, runnerLog));
             DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(URI.create(runner.emulatorEndpoint())).httpClient(UrlConnectionHttpClient.create())
                     .build();
             SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                     .endpointOverride(URI.create(runner.emulatorEndpoint())).httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            var cloud = runner.cloud();
            DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(cloud.ref("AccountsTable")),
                    String.valueOf(cloud.ref("InventoryTable")));
            DynamoOrders store = new DynamoOrders(dynamo, String.valueOf(cloud.ref("OrdersTable")),
                    String.valueOf(cloud.ref("OrderHistoryTable")), String.valueOf(cloud.ref("InventoryTable")),
                    String.valueOf(cloud.ref("StockMovementsTable")), null, String.valueOf(cloud.ref("SearchTable")));
            Instant now = Instant.now();
            List<Shop> shops = new ArrayList<>();
            int skus = sellerCount * skusPerSeller;
            for (int s = 0; s < sellerCount; s++) {
                String seller = "flash-seller-" + s;
                admin.putSeller(new Seller(seller, "Flash " + s, "owner@flash" + s + ".example", "help@flash" + s
                        + ".example", "help@flash" + s + ".example", 2, ZoneId.of("UTC")));
                String storefront = "flash-store-" + s;
                String secret = admin.putStorefront(storefront, seller, "generic");
                List<String> own = new ArrayList<>();
                for (int k = 0; k < skusPerSeller; k++) {
                    String sku = "FLASH-" + s + "-" + k;
                    admin.putStock(seller, sku, units / skus, now);
                    own.add(sku);
                }
                shops.add(new Shop(seller, storefront, secret, own));
            }
            Map<String, Long> conflictsBefore = conflicts(runner.emulatorEndpoint());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<String[]> placed = new ArrayList<>(); // orderId, sellerId, sku
            List<Future<?>> posts = new ArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            long t0 = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                int sku = i % skus;
                Shop shop = shops.get(sku / skusPerSeller);
                String skuName = shop.skus().get(sku % skusPerSeller);
                String external = "flash-" + i;
                Map<String, Object> body = new LinkedHashMap<>(Json.parseObject(events.orderBody(external)));
                body.put("lines", List.of(Map.of("sku", skuName, "title", "Flash item", "quantity", 1,
                        "unitPrice", "1.00")));
                body.remove("total");
                String json = Json.write(body);
                placed.add(new String[] {OrderIds.forExternal(shop.storefrontId(), external), shop.sellerId(), skuName});
                posts.add(pool.submit(() -> {
                    int status = post(http, runner.baseUrl() + "/webhooks/" + shop.storefrontId(), shop.secret(), json);
                    if (status != 202) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : posts) {
                f.get();
            }
            double postSeconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " webhooks were not accepted");
            }
            String orderQueue = String.valueOf(cloud.ref("OrderQueue"));
            awaitDrained(sqs, orderQueue, Duration.ofMinutes(40));
            awaitDrained(sqs, String.valueOf(cloud.ref("EmailQueue")), Duration.ofMinutes(10));
            double totalSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> conflictsAfter = conflicts(runner.emulatorEndpoint());

            long confirmed = 0;
            long backordered = 0;
            long unsettled = 0;
            Map<String, Long> backorderedBySku = new LinkedHashMap<>();
            List<Double> toReservation = new ArrayList<>();
            for (String[] p : placed) {
                Order order = store.get(p[0]).orElse(null);
                String status = order == null ? "MISSING" : order.status().name();
                switch (status) {
                    case "UNSHIPPED" -> {
                        confirmed++;
                        for (HistoryEntry h : store.history(p[0], 0, 20)) {
                            if (h.action().equals("reserve")) {
                                toReservation.add(Duration.between(order.receivedAt(), h.at()).toNanos() / 1e6);
                            }
                        }
                    }
                    case "BACKORDERED" -> {
                        backordered++;
                        backorderedBySku.merge(p[1] + "/" + p[2], 1L, Long::sum);
                    }
                    default -> unsettled++;
                }
            }
            long wrong = 0;
            for (Shop shop : shops) {
                for (String sku : shop.skus()) {
                    long available = admin.stock(shop.sellerId(), sku)[2];
                    if (available > 0) {
                        wrong += backorderedBySku.getOrDefault(shop.sellerId() + "/" + sku, 0L);
                    }
                }
            }
            String text = Files.readString(log);
            long failed = count(text, "\"event\":\"message.failed\"", "[ProcessOrderFunction]");
            long requeued = count(text, ": CONTENDED, again in", "[ProcessOrderFunction]");
            Stats latency = new Stats(toReservation.isEmpty() ? List.of(0.0) : toReservation);
            return new Result(name, orders, (long) (units / skus) * skus, sellerCount, skus, confirmed, backordered,
                    wrong, unsettled, depth(sqs, String.valueOf(cloud.ref("OrderDLQ"))),
                    depth(sqs, String.valueOf(cloud.ref("EmailDLQ"))),
                    conflictsAfter.get("transactionsCanceled") - conflictsBefore.get("transactionsCanceled"),
                    conflictsAfter.get("writesRefused") - conflictsBefore.get("writesRefused"), failed, requeued,
                    runner.functionStats().get("ProcessOrderFunction").invocations(), latency.median(),
                    latency.percentile(99), latency.max(), postSeconds, totalSeconds);
        }
    }

    /** Lines of one function's log that mention {@code what}. */
    private static long count(String log, String what, String function) {
        return log.lines().filter(l -> l.startsWith(function) && l.contains(what)).count();
    }

    private static Map<String, Long> conflicts(String endpoint) throws Exception {
        try (var in = URI.create(endpoint + "/moto-local/conflicts").toURL().openStream()) {
            Map<String, Object> json = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!Boolean.TRUE.equals(json.get("enabled"))) {
                throw new IllegalStateException("the emulator's transaction conflict model is off");
            }
            return Map.of("transactionsCanceled", ((Number) json.get("transactionsCanceled")).longValue(),
                    "writesRefused", ((Number) json.get("writesRefused")).longValue());
        }
    }

    private static long depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    /** Until the queue holds nothing (visible, in flight or delayed) three polls in a row. */
    private static void awaitDrained(SqsClient sqs, String queueUrl, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int empty = 0;
        while (empty < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(queueUrl + " still holds messages after " + timeout.toMinutes() + " min");
            }
            empty = depth(sqs, queueUrl) == 0 ? empty + 1 : 0;
            Thread.sleep(1000);
        }
    }

    private static int post(HttpClient http, String url, String secret, String body) throws Exception {
        String signature = WebhookSignature.sign(secret, Instant.now().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header(WebhookSignature.HEADER, signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
