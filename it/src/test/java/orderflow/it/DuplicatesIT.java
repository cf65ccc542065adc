package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.email.SendEmailHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.returns.CreateRefundHandler;
import orderflow.functions.returns.CreateReturnHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every kind of delivery replayed, one after another and at the same time, through the handlers
 * against the emulator: a webhook, an OrderQueue message, an EmailQueue message, a goodwill refund
 * with a request id and a storefront's return request. Each side effect must happen once.
 */
class DuplicatesIT {

    /** Deliveries at once per kind: 6 in the test suite, more for the bigger run (bench/reliability). */
    private static final int REPLAYS = 6 * Integer.getInteger("reliability.scale", 1);

    private final TestCloud cloud = TestCloud.get();
    private final List<String> figures = new ArrayList<>();
    private int replays;

    /** Runs the call REPLAYS times at once and then twice more in a row; returns every answer. */
    private <T> List<T> replay(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REPLAYS);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < REPLAYS; i++) {
            futures.add(pool.submit(call));
        }
        List<T> answers = new ArrayList<>();
        for (Future<T> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        answers.add(call.call());
        answers.add(call.call());
        replays += answers.size();
        return answers;
    }

    private APIGatewayV2HTTPEvent signed(APIGatewayV2HTTPEvent fixture, String storefront, String routeKey,
                                         String body) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion(fixture.getVersion());
        e.setRouteKey(routeKey);
        e.setRequestContext(fixture.getRequestContext());
        Map<String, String> headers = new HashMap<>(fixture.getHeaders());
        headers.put(WebhookSignature.HEADER, Fixtures.sign(body, Instant.now()));
        e.setHeaders(headers);
        e.setPathParameters(Map.of("storefrontId", storefront));
        e.setBody(body);
        return e;
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void every_delivery_replayed_at_once_and_in_a_row_has_its_side_effects_once(APIGatewayV2HTTPEvent fixture)
            throws Exception {
        String seller = cloud.newSeller("dup");
        String storefront = seller + "-sf";
        cloud.admin().putStorefront(storefront, seller, "generic", Fixtures.SECRET);
        cloud.admin().putStock(seller, "MUG-BLUE", 100, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 100, Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));

        // 1. The order webhook: one order, one message on the queue per accepted delivery chain.
        String external = "DUP-" + System.nanoTime();
        String body = Fixtures.sampleOrderJson(external);
        var webhook = new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"));
        List<APIGatewayV2HTTPResponse> accepted = replay(() -> webhook.handleRequest(
                signed(fixture, storefront, "POST /webhooks/{storefrontId}", body), new TestContext()));
        assertTrue(accepted.stream().allMatch(r -> r.getStatusCode() == 202), accepted.toString());
        String orderId = OrderIds.forExternal(storefront, external);
        assertEquals(1, cloud.orders().history(orderId, 0, 50).size(), "one receive entry");
        figures.add("webhook: " + accepted.size() + " deliveries, 1 order");

        // 2. The OrderQueue message, delivered again and again: one reservation, one confirmation event.
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        var process = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        String message = Json.write(Map.of("orderId", orderId));
        replay(() -> process.handleRequest(LambdaStreams.sqsEventOf(message), new TestContext()));
        long[] mug = cloud.admin().stock(seller, "MUG-BLUE");
        assertEquals(2, mug[1], "reserved once");
        assertEquals(2, cloud.orders().history(orderId, 0, 50).size(), "received, reserved: no more");
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(1, emails.stream().map(e -> e.get("eventId")).distinct().count(), emails.toString());
        figures.add("OrderQueue message: " + (REPLAYS + 2) + " deliveries, 1 reservation, 1 confirmation event");

        // 3. The EmailQueue message, delivered again and again: one email.
        var sender = new SendEmailHandler(cloud.adapters("SendEmailFunction"));
        String email = Json.write(emails.get(0));
        replay(() -> sender.handleRequest(LambdaStreams.sqsEventOf(email), new TestContext()));
        long sent = Fixtures.sentEmails(cloud.endpoint).stream()
                .filter(e -> String.valueOf(e.get("subject")).contains(external)).count();
        assertEquals(1, sent);
        figures.add("EmailQueue message: " + (REPLAYS + 2) + " deliveries, 1 email");

        // Deliver it, for the refund and the return.
        Order order = cloud.orders().get(orderId).orElseThrow();
        Instant at = Instant.now();
        var ship = OrderLifecycle.ship(order, ActionRequests.ship(Map.of("carrier", "UPS", "trackingNumber",
                "1Z999AA10123456784", "shipDate", at.toString()), ZoneOffset.UTC, at), Actor.job("test"), at);
        cloud.orders().apply(ship);
        var delivered = OrderLifecycle.confirmDelivery(ship.after(), new ActionRequests.Delivery(at, null),
                Actor.job("test"), at);
        cloud.orders().apply(delivered);

        // 4. A goodwill refund with one request id: one refund, refunded once.
        var refund = new CreateRefundHandler(cloud.adapters("CreateRefundFunction"));
        List<APIGatewayV2HTTPResponse> refunds = replay(() -> {
            APIGatewayV2HTTPEvent e = PrimingSamples.sellerRequest(orderId, Map.of("amount",
                    Map.of("amount", "5.00", "currency", "USD"), "reason", "late", "requestId", "dup-refund-1"));
            e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_dup00000000"));
            return refund.handleRequest(e, new PrimingContext());
        });
        assertTrue(refunds.stream().allMatch(r -> r.getStatusCode() == 201 || r.getStatusCode() == 200
                || r.getStatusCode() == 409), refunds.toString());
        assertEquals(1, refunds.stream().filter(r -> r.getStatusCode() == 201).count());
        assertEquals(1, new DynamoRefunds(cloud.dynamo, cloud.ref("RefundsTable"), null, null).forOrder(orderId).size());
        assertEquals(500, cloud.orders().get(orderId).orElseThrow().refunded().minor());
        figures.add("goodwill refund request: " + refunds.size() + " deliveries, 1 refund of 5.00");

        // 5. The storefront's return request: one RMA, one instructions email.
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        var create = new CreateReturnHandler(cloud.adapters("CreateReturnFunction"));
        String returnBody = Json.write(Map.of("returnId", "ret-dup-1", "externalOrderId", external,
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED"))));
        List<APIGatewayV2HTTPResponse> returns = replay(() -> create.handleRequest(
                signed(fixture, storefront, "POST /webhooks/{storefrontId}/returns", returnBody), new TestContext()));
        assertTrue(returns.stream().allMatch(r -> r.getStatusCode() == 201 || r.getStatusCode() == 200
                || r.getStatusCode() == 409), returns.toString());
        assertEquals(1, returns.stream().filter(r -> r.getStatusCode() == 201).count(), returns.toString());
        assertEquals(1, new orderflow.shared.aws.DynamoReturns(cloud.dynamo, cloud.ref("ReturnsTable"))
                .forOrder(orderId).size());
        assertEquals(1, Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).size());
        figures.add("storefront return request: " + returns.size() + " deliveries, 1 RMA, 1 email");

        System.out.println("[duplicates] " + replays + " replays (" + REPLAYS + " at once, then 2 in a row, per kind):"
                + " every side effect once");
        figures.forEach(f -> System.out.println("  " + f));
    }
}
