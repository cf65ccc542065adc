package orderflow.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import orderflow.local.carriers.FakeAmazonShipping;
import orderflow.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The local cloud: emulator + template.yaml's resources + its functions behind their triggers.
 * Configured by environment variables (README "Run locally"); {@link #start} is also what the
 * end-to-end tests call.
 */
public final class Runner implements AutoCloseable {

    /** Local values for template parameters that have no default (a real deploy asks for them). */
    static final Map<String, String> LOCAL_PARAMETERS = Map.of("SenderEmail", "orders@demo-store.example");
    /** Not a template parameter: the LWA client secret's value, put in SSM by the runner (PARAM_LwaClientSecret). */
    static final String LOCAL_LWA_SECRET = "LwaClientSecret";

    public record Options(Path projectDir, String host, int port, String emulatorKind, String endpoint,
                          int emulatorPort, String region, int maxConcurrency, boolean seedDemo,
                          Map<String, String> parameters, PrintStream log) {

        public static Options fromEnvironment(Map<String, String> env, Path projectDir, PrintStream log) {
            Map<String, String> params = new HashMap<>(LOCAL_PARAMETERS);
            env.forEach((k, v) -> {
                if (k.startsWith("PARAM_")) {
                    params.put(k.substring(6), v);
                }
            });
            return new Options(projectDir, env.getOrDefault("HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("PORT", "3000")),
                    env.getOrDefault("EMULATOR", "moto"), env.get("AWS_ENDPOINT_URL"),
                    Integer.parseInt(env.getOrDefault("EMULATOR_PORT", "0")),
                    env.getOrDefault("AWS_REGION", "us-east-1"),
                    Integer.parseInt(env.getOrDefault("LOCAL_MAX_CONCURRENCY", "2")),
                    !"false".equalsIgnoreCase(env.getOrDefault("SEED_DEMO", "true")), params, log);
        }
    }

    private final Options options;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Emulator emulator;
    private HttpGateway gateway;
    private LocalCloud cloud;
    private DemoSeed.Demo demo;
    private LocalCarriers carriers;
    private final Map<String, FunctionRuntime> runtimes = new LinkedHashMap<>();
    private final List<Scheduler.Schedule> schedules = new ArrayList<>();
    /** The HTTP API's clock: what cached authorizer answers expire by (nothing else reads it). */
    private final AdjustableClock clock = new AdjustableClock(Clock.systemUTC());

    private Runner(Options options) {
        this.options = options;
    }

    public static Runner start(Options options) throws Exception {
        Runner runner = new Runner(options);
        try {
            runner.boot();
            return runner;
        } catch (Exception | Error e) {
            runner.close();
            throw e;
        }
    }

    private void boot() throws Exception {
        PrintStream log = options.log();
        Path dir = options.projectDir();
        Path venv = dir.resolve(".venv");
        emulator = options.endpoint() != null ? Emulator.external(options.emulatorKind(), options.endpoint())
                : Emulator.start(options.emulatorKind(), venv, options.emulatorPort(),
                dir.resolve(".local/emulator.log"), log);
        closeables.add(emulator);

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Region region = Region.of(options.region());
        var endpoint = URI.create(emulator.endpoint());
        DynamoDbClient dynamo = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        SesV2Client ses = SesV2Client.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        closeables.add(dynamo);
        closeables.add(sqs);
        closeables.add(ses);
        S3Client s3 = S3Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
        closeables.add(s3);

        carriers = LocalCarriers.start();
        closeables.add(carriers);
        Template template = Template.load(dir.resolve("template.yaml"));
        Map<String, String> parameters = new LinkedHashMap<>(carriers.withLoginWithAmazon(options.parameters()));
        // Local convenience: PARAM_LwaClientSecret is the secret itself, which goes to SSM as an operator
        // puts it on AWS; the functions get only the parameter's name.
        String lwaSecret = parameters.remove(LOCAL_LWA_SECRET);
        if (lwaSecret != null) {
            parameters.putIfAbsent("LwaClientSecretParameter", LocalCarriers.LWA_SECRET_PARAMETER);
        }
        cloud = new LocalCloud(template, options.region(), "orderflow-local", parameters, dynamo, sqs, ses, s3);
        KmsClient kms = KmsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        SsmClient ssm = SsmClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create()).build();
        closeables.add(kms);
        closeables.add(ssm);
        cloud.withSecrets(kms, ssm).provisionAll();
        if (LocalCarriers.LWA_SECRET_PARAMETER.equals(cloud.ref("LwaClientSecretParameter"))) {
            // As the operator does on AWS: the secret goes to SSM, the functions get only its name.
            cloud.putSecureString(LocalCarriers.LWA_SECRET_PARAMETER,
                    lwaSecret != null ? lwaSecret : FakeAmazonShipping.CLIENT_SECRET);
        }

        Path bootstrap = dir.resolve("local/bootstrap/target/bootstrap.jar");
        if (!Files.isRegularFile(bootstrap)) {
            throw new IllegalStateException(bootstrap + " is missing: build with mvn package first");
        }
        Intrinsics fn = cloud.intrinsics();
        List<HttpGateway.Route> routes = new ArrayList<>();
        List<QueuePoller> pollers = new ArrayList<>();
        for (String id : template.idsOfType("AWS::Serverless::Function")) {
            if (!cloud.isActive(id)) {
                continue;
            }
            Map<String, Object> props = template.functionProperties(id);
            Path jar = Template.functionJar(dir, fn.string(props.get("CodeUri")));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(id + ": " + jar + " (from its CodeUri) is missing: build with mvn package first");
            }
            int memory = Integer.parseInt(String.valueOf(fn.resolve(props.getOrDefault("MemorySize", 128))));
            Duration timeout = Duration.ofSeconds(Long.parseLong(String.valueOf(fn.resolve(props.getOrDefault("Timeout", 3)))));
            Map<String, String> env = cloud.functionEnvironment(id);
            env.put("_HANDLER", fn.string(props.get("Handler")));
            env.put("AWS_REGION", options.region());
            env.put("AWS_DEFAULT_REGION", options.region());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_ENDPOINT_URL", emulator.endpoint());
            env.put("AWS_LAMBDA_FUNCTION_NAME", String.valueOf(cloud.physical(id).get("Ref")));
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            env.put("TZ", "UTC");
            // The flags the managed java21 runtime uses; heap sized from MemorySize as there.
            List<String> jvm = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Xmx" + Math.max(64, memory * 85 / 100) + "m");
            FunctionRuntime runtime = new FunctionRuntime(id, jar, bootstrap, jvm, env, timeout,
                    options.maxConcurrency(), log);
            runtimes.put(id, runtime);
            closeables.add(runtime);

            Template.map(props.get("Events")).forEach((eventName, raw) -> {
                Map<String, Object> event = Template.map(raw);
                Map<String, Object> ep = Template.map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpGateway.Route(
                            fn.string(ep.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
                            fn.string(ep.getOrDefault("Path", "/{proxy+}")), id, authorizerFor(template, fn, ep)));
                    case "SQS" -> {
                        if (!"false".equals(String.valueOf(fn.resolve(ep.getOrDefault("Enabled", true))))) {
                            String queueId = logicalIdOf(ep.get("Queue"));
                            Map<String, Object> queue = cloud.physical(queueId);
                            boolean partial = Template.list(ep.get("FunctionResponseTypes"))
                                    .contains("ReportBatchItemFailures");
                            int batch = Integer.parseInt(String.valueOf(fn.resolve(ep.getOrDefault("BatchSize", 10))));
                            Object limit = Template.map(ep.get("ScalingConfig")).get("MaximumConcurrency");
                            int concurrency = limit == null ? options.maxConcurrency()
                                    : Math.min(options.maxConcurrency(), Integer.parseInt(String.valueOf(fn.resolve(limit))));
                            pollers.add(new QueuePoller(sqs, (String) queue.get("Ref"), (String) queue.get("Arn"),
                                    batch, partial, runtime, options.region(), concurrency, log));
                        }
                    }
                    case "Schedule", "ScheduleV2" -> {
                        Object expression = ep.containsKey("Schedule") ? ep.get("Schedule") : ep.get("ScheduleExpression");
                        schedules.add(new Scheduler.Schedule(id, eventName, fn.string(expression), fn.resolve(ep.get("Input"))));
                    }
                    default -> log.println("[runner] " + id + "." + eventName + ": event type " + event.get("Type")
                            + " is not run locally");
                }
            });
        }
        for (FunctionRuntime r : runtimes.values()) {
            r.warm();
        }
        closeables.addAll(pollers);
        Scheduler scheduler = new Scheduler(schedules, runtimes, options.region(), log);
        closeables.add(scheduler);

        if (options.seedDemo()) {
            demo = DemoSeed.seed(cloud, dynamo);
            carriers.seedAccount(DemoSeed.admin(cloud, dynamo), demo.sellerId());
        }
        Map<String, HttpGateway.LocalEndpoint> local = new LinkedHashMap<>();
        local.put("emails", sub -> emulator.sentEmails());
        local.put("emails.html", sub -> EmailPreview.page(Emulator.sentEmails(emulator.kind(), emulator.endpoint())));
        local.put("health", sub -> "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        local.put("schedules", sub -> {
            for (Scheduler.Schedule s : schedules) {
                if (sub.equals(s.functionId() + "/" + s.eventName())) {
                    return scheduler.fire(s).getBytes(StandardCharsets.UTF_8);
                }
            }
            throw new IOException("no schedule " + sub);
        });
        if (demo != null) {
            local.put("refunds", new DemoRefundReceiver(List.of(demo.webhookSecret())));
        }
        gateway = new HttpGateway(options.host(), options.port(), routes, runtimes::get, local, options.region(), clock,
                log);
        closeables.add(gateway);
        if (demo != null) {
            demo = demo.withBaseUrl(baseUrl());
            DemoSeed.receiveRefundsAt(cloud, dynamo, baseUrl() + "/_local/refunds");
            carriers.sendTrackingTo(baseUrl(), demo.sellerId());
            Files.createDirectories(dir.resolve(".local"));
            Map<String, Object> saved = demo.toJson();
            saved.put("easyPostUrl", carriers.easyPostUrl());
            saved.put("amazonShippingUrl", carriers.amazonUrl());
            Files.writeString(dir.resolve(".local/demo.json"), Json.write(saved));
        }
    }

    private HttpGateway.Authorizer authorizerFor(Template template, Intrinsics fn, Map<String, Object> eventProps) {
        String apiId = eventProps.get("ApiId") == null ? null : logicalIdOf(eventProps.get("ApiId"));
        Map<String, Object> apiAuth = apiId == null ? Template.map(template.globals("HttpApi").get("Auth"))
                : Template.map(template.properties(apiId).get("Auth"));
        Object chosen = Template.map(eventProps.get("Auth")).get("Authorizer");
        String name = chosen != null ? String.valueOf(chosen) : (String) apiAuth.get("DefaultAuthorizer");
        if (name == null || name.equals("NONE")) {
            return null;
        }
        Map<String, Object> def = Template.map(Template.map(apiAuth.get("Authorizers")).get(name));
        if (def.isEmpty()) {
            throw new IllegalArgumentException("authorizer " + name + " is not defined on the API");
        }
        Map<String, Object> identity = Template.map(def.get("Identity"));
        List<String> headers = new ArrayList<>();
        Template.list(identity.get("Headers")).forEach(h -> headers.add(fn.string(h)));
        return new HttpGateway.Authorizer(name, logicalIdOf(def.get("FunctionArn")), headers,
                reauthorizeEvery(fn.resolve(identity.get("ReauthorizeEvery"))));
    }

    /** SAM's default for an HTTP API Lambda authorizer without ReauthorizeEvery. */
    static final Duration DEFAULT_REAUTHORIZE_EVERY = Duration.ofSeconds(300);

    /** How long API Gateway caches the authorizer's answers: Identity.ReauthorizeEvery (resolved), 0 to 3600 s. */
    static Duration reauthorizeEvery(Object resolved) {
        if (resolved == null) {
            return DEFAULT_REAUTHORIZE_EVERY;
        }
        long seconds = Long.parseLong(String.valueOf(resolved).strip());
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException("ReauthorizeEvery must be 0 to 3600 seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Moves the HTTP API's clock forward, for tests: cached authorizer answers (kept for the
     * authorizer's ReauthorizeEvery, as API Gateway does) expire as if that time had passed.
     * Nothing else reads this clock; functions and the emulator keep the real time.
     */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /**
     * The logical id inside {"Ref": X} or {"Fn::GetAtt": [X, attr]}; a Ref to the alias SAM makes
     * for AutoPublishAlias ({@code <Function>Alias<name>}) means the function itself.
     */
    String logicalIdOf(Object raw) {
        Map<String, Object> m = Template.map(raw);
        if (m.containsKey("Ref")) {
            String id = String.valueOf(m.get("Ref"));
            Object alias = cloud.template().globals("Function").get("AutoPublishAlias");
            if (!cloud.template().resources().containsKey(id) && alias != null && id.endsWith("Alias" + alias)) {
                return id.substring(0, id.length() - ("Alias" + alias).length());
            }
            return id;
        }
        if (m.containsKey("Fn::GetAtt")) {
            return String.valueOf(Template.list(m.get("Fn::GetAtt")).get(0));
        }
        throw new IllegalArgumentException("expected !Ref or !GetAtt, got " + raw);
    }

    public String baseUrl() {
        return "http://" + options.host() + ":" + gateway.port();
    }

    public String emulatorEndpoint() {
        return emulator.endpoint();
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public DemoSeed.Demo demo() {
        return demo;
    }

    public List<HttpGateway.Route> routes() {
        return gateway.routes();
    }

    public Map<String, FunctionRuntime.Stats> functionStats() {
        Map<String, FunctionRuntime.Stats> stats = new LinkedHashMap<>();
        runtimes.forEach((id, r) -> stats.put(id, r.stats()));
        return stats;
    }

    public String emulatorKind() {
        return emulator.kind();
    }

    public List<Scheduler.Schedule> schedules() {
        return List.copyOf(schedules);
    }

    @Override
    public void close() {
        runtimes.values().forEach(r -> new Thread(r::close).start()); // stop every JVM in parallel
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                options.log().println("[runner] close: " + e);
            }
        }
        closeables.clear();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("PROJECT_DIR", ".")).toAbsolutePath().normalize();
        Options options = Options.fromEnvironment(System.getenv(), dir, System.out);
        Runner runner = Runner.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[runner] stopping...");
            runner.close();
            stopped.countDown();
        }));
        runner.printBanner();
        stopped.await();
    }

    private void printBanner() {
        PrintStream out = options.log();
        out.println();
        out.println("orderflow is running locally (Ctrl-C stops everything)");
        if (gateway.routes().stream().anyMatch(r -> r.method().equals("GET") && r.path().equals("/"))) {
            out.println("  Dashboard       " + baseUrl() + "/" + (demo == null ? "" : "   (sign in with the demo API key below)"));
        }
        out.println("  HTTP API        " + baseUrl());
        for (HttpGateway.Route r : gateway.routes()) {
            out.printf("    %-6s %-32s -> %s%s%n", r.method(), r.path(), r.functionId(),
                    r.authorizer() == null ? "" : "  [" + r.authorizer().name() + "]");
        }
        out.println("  AWS emulator    " + emulator.endpoint() + " (" + emulator.kind() + ")");
        out.println("  Sent emails     " + baseUrl() + "/_local/emails.html   (as buyers see them; JSON: /_local/emails)");
        if (demo != null) {
            out.println("  Demo seller     " + demo.sellerId());
            out.println("  Demo refunds    " + baseUrl() + "/_local/refunds   (what the demo storefront was sent, signed)");
            out.println("  Demo API key    " + demo.apiKey());
            out.println("  Webhook URL     " + demo.webhookUrl());
            out.println("  Webhook secret  " + demo.webhookSecret());
            out.println("  Demo stock      " + demo.stock());
            out.println("  Try it          scripts/post-sample-webhook   (signs and posts events/webhook-order-paid.json)");
            out.println("  Then            curl -H 'Authorization: Bearer " + demo.apiKey() + "' " + baseUrl() + "/v1/orders");
            out.println("                  (ship, cancel, deliver, history, export: docs/api.md)");
        }
        out.println("  EasyPost fake   " + carriers.easyPostUrl() + "   (labels; docs/shipping.md \"Trying it locally\")");
        out.println("    Move a parcel POST " + carriers.easyPostAdvance());
        if (demo != null) {
            out.println("    Its webhook   " + LocalCarriers.trackingUrl(baseUrl(), demo.sellerId()) + "   (signed)");
        }
        out.println("  Amazon Shipping " + carriers.amazonUrl() + "   (Login with Amazon too, unless PARAM_Lwa* are given)");
        out.println("    Move a parcel POST " + carriers.amazonAdvance());
        if (demo != null) {
            out.println("  (saved to .local/demo.json)");
        }
        out.println();
    }
}
