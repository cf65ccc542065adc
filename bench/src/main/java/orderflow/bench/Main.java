package orderflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.local.Emulator;
import orderflow.local.LocalCloud;
import orderflow.local.Template;
import orderflow.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * bench/run: regenerates bench/RESULTS.md (and the raw samples in bench/RESULTS.raw.json).
 * Options: --runs N (cold starts per set-up, at least 5), --invocations N (warm, at least 1000),
 * --orders N (throughput), --export N (orders exported, default 10,000), --race N (orders racing
 * for N/4 units, default 2,000), --out FILE,
 * --late N (late orders for the overdue check, default 100,000),
 * --sections cold (cold starts only, to bench/out), export (the export only, to bench/out) or
 * jobs (the overdue check only, to bench/RESULTS-jobs.md) or flash (the flash sale through the local
 * stack, to bench/RESULTS-flash.md: --flash-orders N, --flash-units N, --flash-concurrency N) or channels
 * (the channel sync to the platforms' fakes, to bench/RESULTS-channels.md: --channel-orders N, default 200,
 * --channel-rate shipments per second, --channel-throttled N orders per platform, --channel-concurrency N) or
 * documents (the PDF libraries for printable documents, to bench/RESULTS-documents.md; --runs N) or
 * labels (a label's round trip with the EasyPost fake, to bench/RESULTS-labels.md; --label-orders N, default 100) or
 * search (GET /v1/orders?q= over --search-orders N orders of one seller, default 100,000, --search-samples N
 * searches per kind, default 200, to bench/RESULTS-search.md) or secrets (a cold webhook with a plain and
 * with a sealed storefront secret, to bench/RESULTS-secrets.md).
 */
public final class Main {

    // Prices from shared/reference.md section 5 (us-east-1, on demand, 2026).
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_PER_GB_S_ARM = 0.0000133334;
    static final double DDB_PER_WCU = 0.625 / 1e6;
    static final double DDB_PER_RCU = 0.125 / 1e6;
    static final double SQS_PER_REQUEST = 0.40 / 1e6;
    static final double SES_PER_EMAIL = 0.10 / 1000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("runs", "5", "invocations", "1000", "orders", "300",
                "out", "bench/RESULTS.md", "sections", "all", "export", "10000", "race", "2000",
                "late", "100000"));
        opt.putAll(Map.of("flash-orders", "5000", "flash-units", "1000", "flash-concurrency", "4"));
        opt.putAll(Map.of("channel-orders", "200", "channel-rate", "4", "channel-throttled", "15"));
        opt.put("label-orders", "100");
        opt.putAll(Map.of("search-orders", "100000", "search-samples", "200"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int runs = Math.max(5, Integer.parseInt(opt.get("runs")));
        int invocations = Math.max(1000, Integer.parseInt(opt.get("invocations")));
        int orders = Integer.parseInt(opt.get("orders"));
        Path root = Path.of(System.getenv().getOrDefault("PROJECT_DIR", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/out");
        Files.createDirectories(out);
        String runId = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        Report report = new Report();
        header(report, root, runId, runs, invocations);
        if (opt.get("sections").equals("documents")) { // no emulator: fresh JVMs writing PDFs
            progress("printable documents (" + runs + " fresh JVMs per PDF library)");
            DocumentsSection.run(report, root.resolve("bench/target/bench.jar"), out, runs);
            Files.writeString(root.resolve("bench/RESULTS-documents.md"), "# Printable documents: PDF libraries\n\n"
                    + "Written by `bench/run --sections documents` on " + runId + ".\n\n"
                    + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                            .replaceFirst("Regenerate with `bench/run`[^\n]*\n\n", "")
                            .replaceFirst("\\| emulator \\|[^\n]*\n", "")
                            .replaceFirst("\\| samples \\|[^\n]*\n", "| samples | " + runs
                                    + " fresh JVMs per library, interleaved |\n"));
            progress("wrote bench/RESULTS-documents.md");
            return;
        }
        if (opt.get("sections").equals("flash")) { // the local stack end to end, twice: long, so on its own
            progress("flash sale (" + opt.get("flash-orders") + " orders for " + opt.get("flash-units") + " units)");
            List<FlashSaleSection.Result> flash = FlashSaleSection.run(report, root, new Events(root),
                    Integer.parseInt(opt.get("flash-orders")), Integer.parseInt(opt.get("flash-units")),
                    Integer.parseInt(opt.get("flash-concurrency")));
            Files.writeString(root.resolve("bench/RESULTS-flash.md"), "# Flash sale\n\n"
                    + "Written by `bench/run --sections flash` on " + runId + ".\n\n"
                    + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                            .replaceFirst("Regenerate with `bench/run`[^\n]*\n\n", ""));
            progress("wrote bench/RESULTS-flash.md");
            if (flash.stream().anyMatch(r -> !r.exact())) {
                throw new IllegalStateException("the flash sale did not end exact: " + flash);
            }
            return;
        }
        PrintStream quiet = new PrintStream(Files.newOutputStream(out.resolve("emulator-console.log")), true);
        try (Emulator emulator = Emulator.start(System.getenv().getOrDefault("BENCH_EMULATOR", "moto"), root.resolve(".venv"), 0, out.resolve("emulator.log"), quiet)) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            URI endpoint = URI.create(emulator.endpoint());
            try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                    .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
                 SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                         .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
                 SesV2Client ses = SesV2Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                         .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
                 KmsClient kms = KmsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                         .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
                 SsmClient ssm = SsmClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                         .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build()) {
                // The stack's SecretsKey exists as on AWS; the bench fixture's secrets stay plain except
                // where a section seals one to measure it (--sections secrets).
                LocalCloud cloud = new LocalCloud(Template.load(root.resolve("template.yaml")), "us-east-1", "bench",
                        Map.of("SenderEmail", "orders@bench.example"), dynamo, sqs, ses).withSecrets(kms, ssm);
                cloud.provisionAll();
                Events events = new Events(root);
                Fixture fx = new Fixture(cloud, dynamo, events, emulator.endpoint(), root);

                if (opt.get("sections").equals("jobs")) { // the overdue check alone: long on moto, so on its own
                    progress("overdue check (" + opt.get("late") + " late orders)");
                    OverdueJobSection.run(report, fx, sqs, Integer.parseInt(opt.get("late")), emulator.kind());
                    Files.writeString(root.resolve("bench/RESULTS-jobs.md"), "# Scheduled jobs at scale\n\n"
                            + "Written by `bench/run --sections jobs` on " + runId + " against " + emulator.kind() + ".\n"
                            + report.markdown().replaceFirst("# Benchmark results\n\n", ""));
                    progress("wrote bench/RESULTS-jobs.md");
                    return;
                }
                if (opt.get("sections").equals("channels")) { // the channel sync alone, to its own file
                    progress("channel sync (" + opt.get("channel-orders") + " orders)");
                    ChannelSyncSection.run(report, fx, Integer.parseInt(opt.get("channel-orders")),
                            Double.parseDouble(opt.get("channel-rate")), Integer.parseInt(opt.get("channel-throttled")),
                            opt.containsKey("channel-concurrency") ? Integer.valueOf(opt.get("channel-concurrency")) : null);
                    Files.writeString(root.resolve("bench/RESULTS-channels.md"), "# Channel sync to the platforms\n\n"
                            + "Written by `bench/run --sections channels` on " + runId + " against " + emulator.kind() + ".\n\n"
                            + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                                    .replaceFirst("Regenerate with `bench/run`[^\n]*\n\n", "")
                                    .replaceFirst("\\| samples \\|[^\n]*\n", "| samples | " + opt.get("channel-orders")
                                            + " orders shipped at " + opt.get("channel-rate") + "/s; "
                                            + opt.get("channel-throttled") + " throttled orders per platform |\n"));
                    progress("wrote bench/RESULTS-channels.md");
                    return;
                }
                if (opt.get("sections").equals("labels")) { // the label round trip alone, to its own file
                    progress("label round trip (" + opt.get("label-orders") + " orders)");
                    try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                            .endpointOverride(endpoint).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                            .build();
                         S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                                 .credentialsProvider(credentials).endpointOverride(endpoint)
                                 .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                                 .build()) {
                        s3.createBucket(b -> b.bucket(fx.ref("LabelsBucket")));
                        LabelSection.run(report, fx, sqs, s3, presigner, Integer.parseInt(opt.get("label-orders")));
                    }
                    Files.writeString(root.resolve("bench/RESULTS-labels.md"), "# Shipping labels\n\n"
                            + "Written by `bench/run --sections labels` on " + runId + " against " + emulator.kind() + ".\n"
                            + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                                    .replaceFirst("Regenerate with `bench/run`[^\n]*\n", "")
                                    .replaceFirst("\\| samples \\|[^\n]*\n", "| samples | " + opt.get("label-orders")
                                            + " orders, one label each |\n"));
                    progress("wrote bench/RESULTS-labels.md");
                    return;
                }
                if (opt.get("sections").equals("search")) { // search at seller scale alone, to its own file
                    progress("search (" + opt.get("search-orders") + " orders)");
                    SearchSection.run(report, fx, new InProcess(fx), Integer.parseInt(opt.get("search-orders")),
                            Integer.parseInt(opt.get("search-samples")));
                    Files.writeString(root.resolve("bench/RESULTS-search.md"), "# Order search at seller scale\n\n"
                            + "Written by `bench/run --sections search` on " + runId + " against " + emulator.kind() + ".\n"
                            + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                                    .replaceFirst("Regenerate with `bench/run`[^\n]*\n", "")
                                    .replaceFirst("\\| samples \\|[^\n]*\n", "| samples | "
                                            + opt.get("search-samples") + " searches per row |\n"));
                    progress("wrote bench/RESULTS-search.md");
                    return;
                }
                if (opt.get("sections").equals("secrets")) { // what sealing costs a cold webhook, to its own file
                    progress("sealed secrets (" + runs + " cold webhooks per storefront and set-up)");
                    SealedSecretSection.run(report, fx, root.resolve("local/bootstrap/target/bootstrap.jar"),
                            floorJar(root), out, runs);
                    Files.writeString(root.resolve("bench/RESULTS-secrets.md"), "# Secrets at rest\n\n"
                            + "Written by `bench/run --sections secrets` on " + runId + " against " + emulator.kind() + ".\n"
                            + report.markdown().replaceFirst("# Benchmark results\n\n", "")
                                    .replaceFirst("Regenerate with `bench/run`[^\n]*\n", ""));
                    progress("wrote bench/RESULTS-secrets.md");
                    return;
                }
                if (opt.get("sections").equals("export")) { // a partial run, for working on the export
                    ExportSection.run(report, fx, new InProcess(fx), Integer.parseInt(opt.get("export")));
                    StockRaceSection.run(report, fx, sqs, Integer.parseInt(opt.get("race")));
                    Files.writeString(out.resolve("RESULTS-export.md"), report.markdown());
                    progress("wrote bench/out/RESULTS-export.md");
                    return;
                }
                ColdStartSection cold = new ColdStartSection(fx, root.resolve("local/bootstrap/target/bootstrap.jar"),
                        floorJar(root), out, runs);
                progress("cold starts (" + runs + " runs x each function x 3 set-ups, with floors)");
                cold.run(report);
                verdict(report, cold);
                snapStart(report);
                if (opt.get("sections").equals("cold")) { // a partial run, for working on cold starts
                    Files.writeString(out.resolve("RESULTS-cold.md"), report.markdown());
                    progress("wrote bench/out/RESULTS-cold.md");
                    return;
                }

                progress("work per order");
                InProcess in = new InProcess(fx);
                WorkPerOrderSection work = new WorkPerOrderSection(fx, in, sqs);
                List<WorkPerOrderSection.Step> steps = work.measure();

                progress("warm latency (" + invocations + " invocations per handler)");
                List<WarmSection.Result> warm = new WarmSection(fx, in, sqs, 200, invocations).run();

                writeWork(report, steps, warm);
                PackageSection.write(report, cold.specs());
                writeWarm(report, warm);
                report.raw("workPerOrder", WorkPerOrderSection.toRaw(steps));
                report.raw("warm", WarmSection.toRaw(warm));

                progress("throughput (" + orders + " orders end to end)");
                ThroughputSection.run(report, root, events, orders, 8);

                progress("export (" + opt.get("export") + " orders)");
                ExportSection.run(report, fx, in, Integer.parseInt(opt.get("export")));

                progress("stock race (" + opt.get("race") + " orders)");
                StockRaceSection.run(report, fx, sqs, Integer.parseInt(opt.get("race")));
            }
        }
        Path md = root.resolve(opt.get("out"));
        Files.writeString(md, report.markdown());
        Files.writeString(md.resolveSibling(md.getFileName().toString().replace(".md", ".raw.json")),
                Json.write(report.raw));
        progress("wrote " + root.relativize(md));
    }

    private static Path floorJar(Path root) throws IOException {
        try (var files = Files.list(root.resolve("bench/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-floor.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("bench/target/*-floor.jar missing: build with -P bench"));
        }
    }

    private static void header(Report r, Path root, String runId, int runs, int invocations) throws Exception {
        r.line("# Benchmark results").blank();
        r.line("Regenerate with `bench/run` (README \"Benchmarks\"); raw samples of this run: `bench/RESULTS.raw.json`.")
                .blank();
        r.table(List.of("run", "value"), List.of(
                List.of("run id (UTC start)", runId),
                List.of("commit", git(root, "rev-parse", "--short", "HEAD") + (git(root, "status", "--porcelain").isBlank()
                        ? "" : " + uncommitted changes")),
                List.of("machine", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory()),
                List.of("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (functions compiled for 21)"),
                List.of("emulator", "moto 5.2.1 via tools/moto_local.py, on loopback"),
                List.of("samples", runs + " cold runs per function and set-up (medians, min-max); "
                        + invocations + " warm invocations per handler after 200 warm-up")));
        r.raw("runId", runId);
    }

    private static void verdict(Report r, ColdStartSection cold) {
        r.heading("1c. Against the target: within 1.25x of the floor");
        List<List<String>> rows = new ArrayList<>();
        cold.ratios.forEach((fn, byVariant) -> {
            List<String> row = new ArrayList<>(List.of(fn));
            for (ColdStartSection.Variant v : ColdStartSection.VARIANTS) {
                Double ratio = byVariant.get(v.name());
                row.add(ratio == null ? "-" : String.format("%.2f %s", ratio, ratio <= 1.25 ? "ok" : "**over**"));
            }
            rows.add(row);
        });
        List<String> header = new ArrayList<>(List.of("function"));
        ColdStartSection.VARIANTS.forEach(v -> header.add(v.name()));
        r.table(header, rows);
        r.line("The set-up Lambda runs (C1 only: the template's JAVA_TOOL_OPTIONS) is the one the target is about.")
                .line("What the functions load beyond their floor (1b) is, in order of size:")
                .line("- **jackson-jr + jackson-core** (about 115 classes): our JSON. The SDK already carries a shaded")
                .line("  jackson-core; parsing with it instead would remove most of these. Planned, not done: that")
                .line("  shaded copy is SDK-internal API, so it needs a wrapper we own and its own tests.")
                .line("- **SDK operations beyond the floor's single call**: the floor makes one GetItem per client;")
                .line("  ProcessOrder also marshals a TransactWriteItems, an UpdateItem and a SendMessage (the")
                .line("  dynamodb group above). That is the step's work, not overhead, and no floor of one call has it.")
                .line("- **our own classes** (orderflow.*, 15-55) and lambdas (java.lang.invoke).")
                .line("Removed already, by these measurements: the Java runtime's reflective event serialiser (a shaded")
                .line("Jackson databind, 700-830 classes; handlers now enter through handleStream) and java.net.http in")
                .line("the local runtime client (about 370 classes). On Lambda, SnapStart (section 2) takes all of the")
                .line("remaining class loading out of the cold path: the priming hooks load it before the snapshot,")
                .line("which the AOT-cache rows stand in for.")
                .blank();
        r.raw("coldStartRatios", cold.ratios);
        r.raw("extraClasses", cold.extraClasses);
    }

    private static void snapStart(Report r) {
        r.heading("2. SnapStart readiness");
        r.line("- template.yaml Globals: `AutoPublishAlias: live` and `SnapStart: ApplyOn: PublishedVersions`; the")
                .line("  HTTP routes, the authorizer (`FunctionArn: !Ref ApiKeyAuthorizerFunctionAliaslive`) and the SQS")
                .line("  event sources call the published alias, so they run restored snapshots.")
                .line("- Each handler is an `org.crac.Resource` registered by its no-argument constructor; `beforeCheckpoint`")
                .line("  runs `prime()`: a copy of the handler wired to offline clients (`shared/aws/PrimingHttpClient`:")
                .line("  canned answers, static dummy credentials) handles a realistic event through the real code path:")
                .line("  a signed sample order and a malformed one, a stock reservation and confirmation, an email render")
                .line("  and send, an order read, an authorization.")
                .line("- Nothing unique is captured: `it/.../SnapStartReadinessIT` proves each priming succeeds, opens no")
                .line("  socket (from /proc/self/fd, with a self-check that the probe sees a real one), and that no handler")
                .line("  holds ids, random state, an Instant, a socket or a non-system clock. The real clients are not used")
                .line("  before the snapshot, so no connection or credential is in it; order ids derive from the request,")
                .line("  request ids come from Lambda, and the clock is read per call.")
                .line("- The `C1 + AOT cache` rows of section 1 are the local stand-in for a restore: class loading and")
                .line("  linking done ahead of time, as a snapshot does.")
                .blank();
    }

    private static void writeWork(Report r, List<WorkPerOrderSection.Step> steps, List<WarmSection.Result> warm) {
        r.heading("3. Work per order");
        r.line("One order's life through the handlers with metered clients: every AWS request and the DynamoDB")
                .line("capacity it costs, computed from item sizes (moto reports a fixed ConsumedCapacity). The order has")
                .line("2 SKUs. Beside each step, the minimum it needs and why.").blank();
        Map<String, String> minimum = Map.of(
                "1. receive webhook", "same 3: the secret must be read to verify; the order stored before the 202; "
                        + "handed on durably (caching storefronts per container would save the read when warm)",
                "2. process order (2 SKUs)", "1 read + 1 transaction + 1 send: the seller read is cacheable per "
                        + "container; the confirmationQueuedAt write only narrows duplicate email messages after a "
                        + "crash (the sender de-duplicates anyway) and could go",
                "3. send confirmation email", "same: a claim before SES and a record after are what make it "
                        + "exactly-once in practice; 1 SES call",
                "(seller reads the order: authorizer + GET)", "2 reads; the authorizer's are cached 300 s per key "
                        + "on AWS, so 1 read per call in practice");
        List<List<String>> rows = new ArrayList<>();
        double rcu = 0;
        double wcu = 0;
        int sqsSends = 0;
        int ses = 0;
        for (WorkPerOrderSection.Step s : steps) {
            rows.add(List.of(s.name(), String.join("<br>", s.requests()), WorkPerOrderSection.fmt(s.rcu()),
                    WorkPerOrderSection.fmt(s.wcu()), minimum.getOrDefault(s.name(), "")));
            if (!s.name().startsWith("(")) {
                rcu += s.rcu();
                wcu += s.wcu();
                sqsSends += s.sqs();
                ses += s.ses();
            }
        }
        r.table(List.of("step", "requests (measured)", "RCU", "WCU", "minimum and why"), rows);
        // The Lambda SQS pollers' requests are AWS's, not our code's, but they are billed: at batch size 1
        // (low traffic) one ReceiveMessage and one DeleteMessageBatch per message, on each of two queues.
        int pollerRequests = 2 * 2;
        Map<String, Double> p50 = new LinkedHashMap<>();
        warm.forEach(w -> p50.put(w.handler(), w.total().median()));
        double gbSeconds = (ceilMs(p50.get("ReceiveWebhookHandler")) + ceilMs(p50.get("ProcessOrderHandler"))
                + ceilMs(p50.get("SendEmailHandler"))) / 1000.0 * 1.0; // MemorySize 1024 MB = 1 GB
        double perOrder = 3 * LAMBDA_PER_REQUEST + gbSeconds * LAMBDA_PER_GB_S_ARM + wcu * DDB_PER_WCU
                + rcu * DDB_PER_RCU + (sqsSends + pollerRequests) * SQS_PER_REQUEST + ses * SES_PER_EMAIL;
        r.line("**Cost per 1,000 orders** (prices of shared/reference.md; webhook + process + email steps; warm p50")
                .line("durations of section 5 billed per started ms at 1024 MB arm64; SQS at batch size 1 incl. the")
                .line("Lambda pollers' receive + delete; API Gateway and CloudWatch not included):").blank();
        r.table(List.of("item", "per order", "per 1,000 orders (USD)"), List.of(
                List.of("Lambda requests", "3", usd(3000 * LAMBDA_PER_REQUEST)),
                List.of("Lambda duration", String.format("%.4f GB-s", gbSeconds), usd(1000 * gbSeconds * LAMBDA_PER_GB_S_ARM)),
                List.of("DynamoDB writes", WorkPerOrderSection.fmt(wcu) + " WCU", usd(1000 * wcu * DDB_PER_WCU)),
                List.of("DynamoDB reads", WorkPerOrderSection.fmt(rcu) + " RCU", usd(1000 * rcu * DDB_PER_RCU)),
                List.of("SQS requests", (sqsSends + pollerRequests) + " (" + sqsSends + " sends + " + pollerRequests
                        + " by the pollers)", usd(1000 * (sqsSends + pollerRequests) * SQS_PER_REQUEST)),
                List.of("SES emails", Integer.toString(ses), usd(1000 * ses * SES_PER_EMAIL)),
                List.of("**total**", "", "**" + usd(1000 * perOrder) + "**")));
    }

    private static void writeWarm(Report r, List<WarmSection.Result> warm) {
        r.heading("5. Warm latency per handler");
        r.line("In one JVM (JVM defaults, JIT warm), each invocation from event deserialisation to result.")
                .line("wire = waiting on the emulator (SDK transmission), SDK = marshalling, signing and")
                .line("unmarshalling, ours = everything else (our code, JSON, event (de)serialisation).")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        for (WarmSection.Result w : warm) {
            rows.add(List.of(w.handler(), Integer.toString(w.total().n()), Stats.ms(w.total().median()),
                    Stats.ms(w.total().percentile(99)), Stats.ms(w.wire().median()), Stats.ms(w.sdk().median()),
                    Stats.ms(w.ours().median()), Integer.toString(w.awsCalls())));
        }
        r.table(List.of("handler", "n", "p50 ms", "p99 ms", "wire p50", "SDK p50", "ours p50", "AWS calls"), rows);
    }

    private static double ceilMs(Double ms) {
        return Math.ceil(ms);
    }

    private static String usd(double v) {
        return String.format("%.5f", v);
    }

    private static String git(Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    private static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> String.format("%.0f GiB RAM", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                .orElse("");
    }

    static void progress(String message) {
        System.out.println("[bench] " + message);
    }
}
