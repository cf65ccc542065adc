package orderflow.it;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import orderflow.local.Emulator;
import orderflow.local.LocalCloud;
import orderflow.local.Template;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.Seller;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The emulator every *IT talks to, started once per test JVM, with template.yaml's resources
 * provisioned by the same code the local runner uses. System property "cloud": moto (default),
 * ministack, or localstack (Testcontainers, skipped with a message when Docker is absent).
 */
public final class TestCloud {

    public static final String REGION = "us-east-1";
    private static TestCloud instance;

    public final String endpoint;
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final SesV2Client ses;
    public final S3Client s3;
    public final S3Presigner presigner;
    public final LocalCloud cloud;
    public final KmsClient kms;
    public final SsmClient ssm;
    public final Template template;
    public final Path root;
    /** moto, ministack or localstack. */
    public final String kind;

    private TestCloud(String kind, String endpoint, Path root) throws Exception {
        this.kind = kind;
        this.endpoint = endpoint;
        this.root = root;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        dynamo = DynamoDbClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        ses = SesV2Client.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().region(Region.of(REGION)).credentialsProvider(credentials).forcePathStyle(true)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        presigner = S3Presigner.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        kms = KmsClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        ssm = SsmClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        template = Template.load(root.resolve("template.yaml"));
        cloud = new LocalCloud(template, REGION, "it",
                Map.of("SenderEmail", "orders@it.example"), dynamo, sqs, ses, s3);
        cloud.withSecrets(kms, ssm).provisionAll();
    }

    public static synchronized TestCloud get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test cloud", e);
            }
        }
        return instance;
    }

    private static TestCloud start() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        String kind = System.getProperty("cloud", "moto");
        String endpoint;
        if (kind.equals("localstack")) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                System.err.println("cloud=localstack needs a Docker engine and none is available here: skipping");
                Assumptions.abort("cloud=localstack needs a Docker engine and none is available here: skipping");
            }
            @SuppressWarnings("resource")
            LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0"))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS,
                            LocalStackContainer.Service.SES);
            localstack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(localstack::stop));
            endpoint = localstack.getEndpoint().toString();
        } else {
            Emulator emulator = Emulator.start(kind, root.resolve(".venv"), 0, root.resolve(".local/it-emulator.log"),
                    new PrintStream(System.out, true));
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
            endpoint = emulator.endpoint();
        }
        return new TestCloud(kind, endpoint, root);
    }

    /**
     * What tools/moto_local.py's conflict model has refused so far ("transactionsCanceled",
     * "writesRefused"), or empty when this emulator does not model DynamoDB's transaction conflicts.
     */
    public Map<String, Long> transactionConflicts() {
        if (!kind.equals("moto")) {
            return Map.of();
        }
        try (var in = URI.create(endpoint + "/moto-local/conflicts").toURL().openStream()) {
            Map<String, Object> json = orderflow.shared.json.Json.parseObject(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (!Boolean.TRUE.equals(json.get("enabled"))) {
                return Map.of();
            }
            return Map.of("transactionsCanceled", ((Number) json.get("transactionsCanceled")).longValue(),
                    "writesRefused", ((Number) json.get("writesRefused")).longValue());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A DynamoDB client of this cloud with an interceptor (a fault injector's), as a function's own would be. */
    public DynamoDbClient dynamoWith(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder().region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
    }

    /** Puts a SecureString (as the operator puts the LWA client secret) and returns its name. */
    public String secureString(String name, String value) {
        cloud.putSecureString(name, value);
        return name;
    }

    public String ref(String logicalId) {
        return String.valueOf(cloud.ref(logicalId));
    }

    /** The environment a function gets from template.yaml, resolved against this cloud. */
    public Env envOf(String functionId) {
        return Env.of(cloud.functionEnvironment(functionId));
    }

    /** The function's environment with some variables replaced (e.g. a shorter retry base). */
    public Env envOf(String functionId, Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(cloud.functionEnvironment(functionId));
        env.putAll(overrides);
        return Env.of(env);
    }

    /** The adapters a function gets on this cloud: its template environment, these clients, the system clock. */
    public Adapters adapters(String functionId) {
        return adapters(functionId, Clock.systemUTC());
    }

    public Adapters adapters(String functionId, Clock clock) {
        return Adapters.of(guardedDynamo(functionId), sqs, ses, envOf(functionId), clock).withS3(s3, presigner).withSecrets(kms, ssm);
    }

    private final Map<String, DynamoDbClient> guarded = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The function's DynamoDB client, refusing the AccountsTable calls its template.yaml policies
     * would not allow (AccountsPolicyGuard), so every IT checks the least-privilege grants.
     */
    public DynamoDbClient guardedDynamo(String functionId) {
        if (!template.resources().containsKey(functionId)) {
            return dynamo; // not a function of the template (a tool's or a test's own adapters)
        }
        return guarded.computeIfAbsent(functionId, id -> dynamoWith(new AccountsPolicyGuard(id,
                ref("AccountsTable"), AccountsPolicyGuard.grantsOf(template, id))));
    }

    /** With some variables replaced (e.g. a shorter retry base) or other clients (a fault injector's). */
    public Adapters adapters(String functionId, Map<String, String> overrides, DynamoDbClient dynamo, SqsClient sqs,
                             Clock clock) {
        return Adapters.of(dynamo, sqs, ses, envOf(functionId, overrides), clock).withS3(s3, presigner)
                .withSecrets(kms, ssm);
    }

    /** The orders adapter with every table a change can touch. */
    public orderflow.shared.aws.DynamoOrders orders() {
        return new orderflow.shared.aws.DynamoOrders(dynamo, ref("OrdersTable"), ref("OrderHistoryTable"),
                ref("InventoryTable"), ref("StockMovementsTable"), null, ref("SearchTable"));
    }

    public DynamoAdmin admin() {
        return new DynamoAdmin(dynamo, ref("AccountsTable"), ref("InventoryTable"), cloud.sealer());
    }

    /** A seller of its own for one test, so tests never share state. */
    public String newSeller(String prefix) {
        String sellerId = prefix + "-" + Long.toString(System.nanoTime(), 36);
        admin().putSeller(new Seller(sellerId, "Shop " + sellerId, "owner@" + sellerId + ".example",
                "help@shop.example", "help@shop.example", 2, ZoneId.of("UTC")));
        return sellerId;
    }

    public static Instant now() {
        return Instant.now();
    }
}
