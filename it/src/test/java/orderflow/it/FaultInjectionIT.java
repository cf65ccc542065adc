package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.email.SendEmailHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.aws.Adapters;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The order path (webhook, processing, confirmation email) with chosen AWS calls failing through
 * the functions' real clients: before a write, after a write whose answer is lost, and with 503s
 * on every attempt, so the SDK's own retries give up. The storefront retries a failed delivery and
 * the queues redeliver failed messages, as they do. Each scenario must show that the fault reached
 * our code (every one of its rules fired, and the step it hits ran again through our own path:
 * more than one delivery, or its message received more than once), and afterwards every accepted
 * order must be complete exactly once: one order, its stock reserved once, two history entries,
 * one confirmation email.
 */
class FaultInjectionIT {

    private final TestCloud cloud = TestCloud.get();
    /** Orders per scenario: 1 in the test suite, more for the bigger run (bench/reliability). */
    private static final int SCALE = Integer.getInteger("reliability.scale", 1);

    /** Where a fault is injected. */
    private enum Step { WEBHOOK, PROCESS, EMAIL }

    private record Scenario(String name, Step step, Consumer<FaultInjector> faults) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("webhook: order stored, queueing it fails", Step.WEBHOOK,
                    f -> f.fail("SendMessage", FaultInjector.Fault.BEFORE_SEND, 1)),
            new Scenario("webhook: order write done, its answer lost", Step.WEBHOOK,
                    f -> f.fail("TransactWriteItems", FaultInjector.Fault.AFTER_SEND, 1)),
            new Scenario("webhook: DynamoDB and SQS answer 503 past the SDK's retries", Step.WEBHOOK,
                    f -> f.fail("GetItem", FaultInjector.Fault.HTTP_503, 1)
                            .fail("TransactWriteItems", FaultInjector.Fault.HTTP_503, 1)
                            .fail("SendMessage", FaultInjector.Fault.HTTP_503, 1)),
            new Scenario("processor: reservation done, its answer lost", Step.PROCESS,
                    f -> f.fail("TransactWriteItems", FaultInjector.Fault.AFTER_SEND, 1)),
            new Scenario("processor: reservation fails before it is sent", Step.PROCESS,
                    f -> f.fail("TransactWriteItems", FaultInjector.Fault.BEFORE_SEND, 1)),
            new Scenario("processor: the confirmation cannot be queued", Step.PROCESS,
                    f -> f.fail("SendMessage", FaultInjector.Fault.BEFORE_SEND, 2)),
            new Scenario("processor: DynamoDB times out reading the order", Step.PROCESS,
                    f -> f.fail("GetItem", FaultInjector.Fault.AFTER_SEND, 1)),
            new Scenario("sender: SES answers 503 past the SDK's retries", Step.EMAIL,
                    f -> f.fail("SendEmail", FaultInjector.Fault.HTTP_503, 1)),
            new Scenario("sender: SES unreachable, then the send log write times out", Step.EMAIL,
                    f -> f.fail("SendEmail", FaultInjector.Fault.BEFORE_SEND, 1)
                            .fail("PutItem", FaultInjector.Fault.BEFORE_SEND, 1)));

    private DynamoDbClient dynamo(FaultInjector f) {
        return DynamoDbClient.builder().region(Region.of(TestCloud.REGION)).credentialsProvider(credentials())
                .endpointOverride(URI.create(cloud.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(f)).build();
    }

    private SqsClient sqs(FaultInjector f) {
        return SqsClient.builder().region(Region.of(TestCloud.REGION)).credentialsProvider(credentials())
                .endpointOverride(URI.create(cloud.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(f)).build();
    }

    private SesV2Client ses(FaultInjector f) {
        return SesV2Client.builder().region(Region.of(TestCloud.REGION)).credentialsProvider(credentials())
                .endpointOverride(URI.create(cloud.endpoint)).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(f)).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void after_every_fault_each_accepted_order_is_complete_once(APIGatewayV2HTTPEvent fixture) {
        List<String> lines = new ArrayList<>();
        int failures = 0;
        int unseen = 0;
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        int runs = 0;
        for (int round = 0; round < SCALE; round++) for (Scenario s : SCENARIOS) {
            runs++;
            FaultInjector faults = new FaultInjector(URI.create(cloud.endpoint));
            s.faults().accept(faults);
            DynamoDbClient faultyDynamo = dynamo(faults);
            SqsClient faultySqs = sqs(faults);
            SesV2Client faultySes = ses(faults);
            String seller = cloud.newSeller("fault");
            String storefront = seller + "-sf";
            cloud.admin().putStorefront(storefront, seller, "generic", Fixtures.SECRET);
            cloud.admin().putStock(seller, "MUG-BLUE", 100, Instant.now());
            cloud.admin().putStock(seller, "TEE-BLACK-L", 100, Instant.now());
            String external = "FAULT-" + System.nanoTime();
            String body = Fixtures.sampleOrderJson(external);

            // The storefront retries until it gets a 2xx, as platforms do.
            var webhook = s.step() == Step.WEBHOOK
                    ? new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction", Map.of(), faultyDynamo,
                            faultySqs, Clock.systemUTC()))
                    : new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"));
            int deliveries = 0;
            int status;
            do {
                deliveries++;
                status = deliver(webhook, fixture, storefront, body).getStatusCode();
            } while (status >= 500 && deliveries < 5);
            assertEquals(202, status, s.name());

            var process = s.step() == Step.PROCESS
                    ? new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction", Map.of(), faultyDynamo, faultySqs,
                            Clock.systemUTC()))
                    : new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
            Map<String, Integer> processed = QueuePump.drive(cloud.sqs, cloud.ref("OrderQueue"),
                    e -> process.handleRequest(e, new TestContext()));
            var sender = s.step() == Step.EMAIL
                    ? new SendEmailHandler(Adapters.of(faultyDynamo, cloud.sqs, faultySes,
                            cloud.envOf("SendEmailFunction"), Clock.systemUTC()))
                    : new SendEmailHandler(cloud.adapters("SendEmailFunction"));
            Map<String, Integer> sent = QueuePump.drive(cloud.sqs, cloud.ref("EmailQueue"),
                    e -> sender.handleRequest(e, new TestContext()));

            String orderId = OrderIds.forExternal(storefront, external);
            Order order = cloud.orders().get(orderId).orElseThrow();
            long[] mug = cloud.admin().stock(seller, "MUG-BLUE");
            long[] tee = cloud.admin().stock(seller, "TEE-BLACK-L");
            int history = cloud.orders().history(orderId, 0, 50).size();
            long emails = Fixtures.sentEmails(cloud.endpoint).stream()
                    .filter(e -> String.valueOf(e.get("subject")).contains(external)).count();
            boolean complete = order.status() == OrderStatus.UNSHIPPED && mug[1] == 2 && tee[1] == 1
                    && history == 2 && emails == 1;
            // The fault reached our code: each rule fired, and the step it hit ran again through
            // our own path (the storefront's redelivery, the queue's), not only the SDK's retries.
            List<String> unfired = faults.unfired();
            int runsOfStep = switch (s.step()) {
                case WEBHOOK -> deliveries;
                case PROCESS -> processed.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                case EMAIL -> sent.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            };
            boolean sawFault = unfired.isEmpty() && runsOfStep > 1;
            boolean ok = complete && sawFault;
            failures += complete ? 0 : 1;
            unseen += sawFault ? 0 : 1;
            List<String> wrong = new ArrayList<>();
            if (!complete) {
                wrong.add(order.status() + ", reserved " + mug[1] + "/" + tee[1] + ", history " + history + ", emails "
                        + emails);
            }
            if (!unfired.isEmpty()) {
                wrong.add("rule never fired: " + String.join(", ", unfired));
            }
            if (runsOfStep <= 1) {
                wrong.add("our own retry never ran (" + s.step().name().toLowerCase() + " ran " + runsOfStep
                        + (runsOfStep == 1 ? " time" : " times") + "): the fault did not reach the app");
            }
            lines.add(String.format("  %-62s faults %d, deliveries %d, queue receives %d+%d: %s [%s]", s.name(),
                    faults.fired(), deliveries, processed.values().stream().mapToInt(Integer::intValue).sum(),
                    sent.values().stream().mapToInt(Integer::intValue).sum(), ok ? "complete once"
                            : "WRONG: " + String.join("; ", wrong), String.join(", ", faults.figures())));
            faultyDynamo.close();
            faultySqs.close();
            faultySes.close();
            faults.close();
        }
        System.out.println("[faults] " + SCENARIOS.size() + " scenarios x " + SCALE + " = " + runs
                + " orders through faults, " + failures + " not complete-once, " + unseen
                + " where the fault did not reach our code:");
        lines.stream().distinct().limit(SCENARIOS.size() + failures + unseen).forEach(System.out::println);
        assertEquals(0, failures + unseen, String.join("\n", lines));
    }

    private APIGatewayV2HTTPResponse deliver(orderflow.functions.webhook.ReceiveWebhookHandler handler,
                                             APIGatewayV2HTTPEvent fixture, String storefront, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(fixture.getVersion());
        event.setRouteKey(fixture.getRouteKey());
        event.setRawPath("/webhooks/" + storefront);
        event.setRequestContext(fixture.getRequestContext());
        Map<String, String> headers = new HashMap<>(fixture.getHeaders());
        headers.put(WebhookSignature.HEADER, Fixtures.sign(body, Instant.now()));
        event.setHeaders(headers);
        event.setPathParameters(Map.of("storefrontId", storefront));
        event.setBody(body);
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, new TestContext());
        assertTrue(r.getStatusCode() == 202 || r.getStatusCode() >= 500, r.getStatusCode() + " " + r.getBody());
        return r;
    }

}
