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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import orderflow.local.Emulator;
import orderflow.local.FunctionRuntime;
import orderflow.local.Runner;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Section 6: the local stack end to end, webhook to email, as scripts/run-local runs it. */
final class ThroughputSection {

    private ThroughputSection() {
    }

    static void run(Report report, Path root, Events events, int orders, int clients) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "0");
        Path log = root.resolve("bench/out/throughput-runner.log");
        Files.createDirectories(log.getParent());
        Map<String, Object> raw = new LinkedHashMap<>();
        try (PrintStream runnerLog = new PrintStream(Files.newOutputStream(log), true);
             Runner runner = Runner.start(Runner.Options.fromEnvironment(env, root, runnerLog))) {
            var demo = runner.demo();
            try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .endpointOverride(URI.create(runner.emulatorEndpoint())).httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                DynamoAdmin admin = new DynamoAdmin(dynamo, String.valueOf(runner.cloud().ref("AccountsTable")),
                        String.valueOf(runner.cloud().ref("InventoryTable")));
                admin.putStock(demo.sellerId(), "MUG-BLUE", 1_000_000, Instant.now());
                admin.putStock(demo.sellerId(), "TEE-BLACK-L", 1_000_000, Instant.now());
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            // Warm every environment first: this section measures steady state, section 1 measures cold.
            post(http, demo.webhookUrl(), demo.webhookSecret(), events.orderBody("tp-warm-" + UUID.randomUUID()));
            awaitEmails(runner, 1, Duration.ofSeconds(60));
            Map<String, FunctionRuntime.Stats> before = runner.functionStats();

            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String body = events.orderBody("tp-" + i + "-" + UUID.randomUUID());
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    int status = post(http, demo.webhookUrl(), demo.webhookSecret(), body);
                    if (status != 202) {
                        throw new IllegalStateException("webhook answered " + status);
                    }
                    latencies.add((System.nanoTime() - s) / 1e6);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            long accepted = System.nanoTime();
            pool.shutdown();
            awaitEmails(runner, orders + 1, Duration.ofSeconds(600));
            long emailed = System.nanoTime();
            Map<String, FunctionRuntime.Stats> after = runner.functionStats();

            double acceptS = (accepted - t0) / 1e9;
            double totalS = (emailed - t0) / 1e9;
            Stats webhook = new Stats(latencies);
            report.heading("6. Throughput of the local stack, webhook to email");
            report.line(orders + " distinct paid orders posted by " + clients + " concurrent clients to the local runner")
                    .line("(moto, one JVM per execution environment, up to 2 per function, warmed first). Timed from the")
                    .line("first post until the emulator's SES holds every confirmation.")
                    .blank();
            report.table(List.of("measure", "value"), List.of(
                    List.of("orders accepted per second (202s)", String.format("%.0f", orders / acceptS)),
                    List.of("orders per second, webhook to email", String.format("%.1f", orders / totalS)),
                    List.of("webhook response time p50 / p99 (ms)", Stats.ms(webhook.median()) + " / "
                            + Stats.ms(webhook.percentile(99))),
                    List.of("wall time (s)", String.format("%.1f", totalS))));
            List<List<String>> rows = new ArrayList<>();
            for (var e : after.entrySet()) {
                FunctionRuntime.Stats b = before.get(e.getKey());
                long n = e.getValue().invocations() - b.invocations();
                double busy = e.getValue().busyMs() - b.busyMs();
                rows.add(List.of(e.getKey(), Long.toString(n), String.format("%.0f", busy),
                        n == 0 ? "-" : Stats.ms(busy / n), String.format("%.0f%%", 100 * busy / (totalS * 1000)),
                        Integer.toString(e.getValue().environmentsStarted())));
                raw.put(e.getKey(), Map.of("invocations", n, "busyMs", busy));
            }
            report.line("Where the time goes (inside the function JVMs; busy share = busy time / wall time, so 100%")
                    .line("means one environment was always busy):").blank();
            report.table(List.of("function", "invocations", "busy ms", "ms per invocation", "busy share",
                    "environments"), rows);
            report.line("The processor, with the highest busy share, sets the pace; per section 5 nearly all of its time")
                    .line("is waiting on the emulator (moto's TransactWriteItems in Python, serialised by")
                    .line("tools/moto_local.py), on 2 cores shared by the emulator, the function JVMs and the load")
                    .line("generator. This measures the local stack, not AWS, where each function scales out on its own.")
                    .blank();
            raw.put("acceptSeconds", acceptS);
            raw.put("totalSeconds", totalS);
            raw.put("webhookLatencyMs", latencies);
            report.raw("throughput", raw);
        }
    }

    private static int post(HttpClient http, String url, String secret, String body) throws Exception {
        String signature = WebhookSignature.sign(secret, Instant.now().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header(WebhookSignature.HEADER, signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitEmails(Runner runner, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Emulator.sentEmails(runner.emulatorKind(), runner.emulatorEndpoint()).size() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("fewer than " + count + " emails after " + timeout.toSeconds() + " s");
    }
}
