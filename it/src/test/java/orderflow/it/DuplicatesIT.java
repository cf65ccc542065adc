package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.email.SendEmailHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.returns.CreateRefundHandler;
import orderflow.functions.returns.CreateReturnHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.QueueConsumer;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every kind of delivery replayed, at the same time and then one after another, through the
 * handlers against the emulator: a webhook, an OrderQueue message, an EmailQueue message, a goodwill
 * refund with a request id and a storefront's return request. Each side effect must happen once.
 *
 * <p>"At the same time" is checked, not hoped for: each delivery runs in a simulated execution
 * environment of its own (a handler instance per environment, as Lambda never runs two invocations
 * in one instance), all environments wait at a start gate and call together, and the test asserts
 * that the calls' time windows overlapped ({@link Overlap}) and that the race had losers (deliveries
 * answered as duplicates, a reservation refused by its version condition). Run one after another
 * ({@code -Doverlap.sequential=true}) the test fails. Every wait and every redelivery is bounded.
 *
 * <p>The confirmation email is at-least-once up to the sender and exactly once after it, by design:
 * the processor queues the confirmation under one event id ({@code order-confirmed:<orderId>}) and
 * a delivery that lost the reservation race (or a redelivery after a crash between reserving and
 * queueing) may queue it again under the same id; the sender claims each event id in its send log
 * before sending. So the test asserts that every queued copy carries that one event id and, after
 * every copy has been delivered to concurrent senders, that exactly one email reached SES, one
 * sender answered SENT and the send log records the event as SENT
 * (docs/reliability.md, "Duplicates").
 */
class DuplicatesIT {

    /** Deliveries at once per kind: 6 in the test suite, more for the bigger run (bench/reliability). */
    private static final int REPLAYS = 6 * Integer.getInteger("reliability.scale", 1);
    /** A failed queue message comes back after this (SQS: the visibility timeout), at most REDELIVERIES times. */
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final int REDELIVERIES = 40;

    private final TestCloud cloud = TestCloud.get();
    private final List<String> figures = new ArrayList<>();
    private int replays;

    /** One kind's deliveries: those made at once (with their windows), then the two in a row. */
    private record Replay<T>(List<Overlap.Call<T>> atOnce, List<T> inARow) {

        List<T> concurrent() {
            return atOnce.stream().map(Overlap.Call::answer).toList();
        }

        List<T> all() {
            return Stream.concat(concurrent().stream(), inARow.stream()).toList();
        }

        String shape() {
            return all().size() + " deliveries (" + atOnce.size() + " at once, up to " + Overlap.mostAtOnce(atOnce)
                    + " overlapping, then " + inARow.size() + " in a row)";
        }
    }

    /**
     * {@code environments} deliveries at once, each through a handler of its own, with their
     * overlap asserted; then two more in a row through one warm handler.
     */
    private <H, T> Replay<T> replay(String kind, int environments, Supplier<H> newHandler,
                                    BiFunction<H, Integer, T> call) {
        List<Overlap.Call<T>> atOnce = Overlap.atOnce(environments, i -> newHandler.get(), call);
        Overlap.assertOverlapped(kind, atOnce);
        H warm = newHandler.get();
        List<T> inARow = List.of(call.apply(warm, environments), call.apply(warm, environments + 1));
        replays += environments + inARow.size();
        return new Replay<>(atOnce, inARow);
    }

    /** One queue delivery and its redeliveries until it succeeds: how often it failed, what it did. */
    private record Delivery(int failures, String outcome) {
    }

    /** Delivers the message until the consumer takes it (SQS redelivers a failed one), bounded. */
    private static Delivery deliver(String what, QueueConsumer consumer, String body) {
        int[] failures = {0};
        List<String> outcomes = Overlap.redeliver(what, REDELIVERIES, PAUSE, () -> {
            Overlap.Logged context = new Overlap.Logged();
            SQSBatchResponse r = consumer.handleRequest(LambdaStreams.sqsEventOf(body), context);
            if (!r.getBatchItemFailures().isEmpty()) {
                failures[0]++;
                return null;
            }
            return context.outcomes();
        }, o -> o != null);
        assertEquals(1, outcomes.size(), outcomes.toString());
        return new Delivery(failures[0], outcomes.get(0));
    }

    private static boolean duplicate(APIGatewayV2HTTPResponse r) {
        return Boolean.TRUE.equals(Json.parseObject(r.getBody()).get("duplicate"));
    }

    private static long count(List<APIGatewayV2HTTPResponse> answers, int status) {
        return answers.stream().filter(r -> r.getStatusCode() == status).count();
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

        // 1. The order webhook: one order; one delivery of those at once created it, the rest were duplicates.
        String external = "DUP-" + System.nanoTime();
        String body = Fixtures.sampleOrderJson(external);
        Replay<APIGatewayV2HTTPResponse> accepted = replay("webhook", REPLAYS,
                () -> new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction")),
                (webhook, i) -> webhook.handleRequest(
                        signed(fixture, storefront, "POST /webhooks/{storefrontId}", body), new TestContext()));
        assertTrue(accepted.all().stream().allMatch(r -> r.getStatusCode() == 202), accepted.all().toString());
        assertEquals(1, accepted.concurrent().stream().filter(r -> !duplicate(r)).count(),
                "one delivery at once created the order: " + accepted.concurrent());
        assertTrue(accepted.inARow().stream().allMatch(DuplicatesIT::duplicate), accepted.inARow().toString());
        String orderId = OrderIds.forExternal(storefront, external);
        assertEquals(1, cloud.orders().history(orderId, 0, 50).size(), "one receive entry");
        figures.add("webhook: " + accepted.shape() + ", 1 order, "
                + accepted.all().stream().filter(DuplicatesIT::duplicate).count() + " answered duplicate");

        // 2. The OrderQueue message at once: one reservation; the others lost the race on the order's version.
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        String message = Json.write(Map.of("orderId", orderId));
        Overlap.Refusals refusals = new Overlap.Refusals();
        Replay<Delivery> processed;
        try (DynamoDbClient racing = refusals.client(cloud)) {
            processed = replay("OrderQueue message", REPLAYS,
                    () -> new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction", Map.of(), racing, cloud.sqs,
                            Clock.systemUTC())),
                    (process, i) -> deliver("OrderQueue message", process, message));
        }
        List<String> outcomes = processed.all().stream().map(Delivery::outcome).toList();
        // A delivery whose every attempt met the winner's transaction in flight goes back on the queue
        // (CONTENDED); the winner confirmed the order meanwhile.
        assertTrue(outcomes.stream().allMatch(o -> o.endsWith(": CONFIRMED") || o.endsWith(": ALREADY_DONE")
                || o.contains(": CONTENDED")), outcomes.toString());
        long[] mug = cloud.admin().stock(seller, "MUG-BLUE");
        assertEquals(2, mug[1], "reserved once");
        assertEquals(2, cloud.orders().history(orderId, 0, 50).size(), "received, reserved: no more");
        int lostRaces = refusals.of("TransactWriteItems");
        assertTrue(lostRaces >= 1, "no delivery's reservation was refused by the order's version: the deliveries"
                + " did not contend (" + outcomes + ", refusals " + refusals + ")");

        // The confirmation: queued at least once, every copy under the one event id (the sender dedupes on it).
        List<Map<String, Object>> copies = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertFalse(copies.isEmpty(), "no confirmation queued");
        assertTrue(copies.stream().allMatch(e -> ("order-confirmed:" + orderId).equals(e.get("eventId"))
                && "order-confirmed".equals(e.get("template"))), copies.toString());
        figures.add("OrderQueue message: " + processed.shape() + ", 1 reservation (" + lostRaces
                + " lost the version race), " + copies.size() + " confirmation cop" + (copies.size() == 1 ? "y" : "ies")
                + " queued under 1 event id");

        // 3. Every queued copy and more, to senders at once: one email reaches SES.
        int senders = Math.max(REPLAYS, copies.size());
        Replay<Delivery> sent = replay("EmailQueue message", senders,
                () -> new SendEmailHandler(cloud.adapters("SendEmailFunction")),
                (sender, i) -> deliver("EmailQueue message", sender, Json.write(copies.get(i % copies.size()))));
        List<String> sends = sent.all().stream().map(Delivery::outcome).toList();
        assertEquals(1, sent.concurrent().stream().filter(d -> d.outcome().endsWith(": SENT")).count(),
                "one sender at once sent it: " + sends);
        assertEquals(sends.size() - 1, sends.stream().filter(o -> o.endsWith(": DUPLICATE")).count(), sends.toString());
        long emailed = Fixtures.sentEmails(cloud.endpoint).stream()
                .filter(e -> String.valueOf(e.get("subject")).contains(external)).count();
        assertEquals(1, emailed, "emails accepted by SES for " + external);
        Map<String, AttributeValue> logged = cloud.dynamo.getItem(b -> b.tableName(cloud.ref("SendLogTable"))
                .consistentRead(true).key(Map.of("eventId", AttributeValue.fromS("order-confirmed:" + orderId)))).item();
        assertEquals("SENT", logged.get("state").s(), logged.toString());
        int busy = sent.all().stream().mapToInt(Delivery::failures).sum();
        figures.add("EmailQueue message: " + sent.shape() + " of " + copies.size() + " queued, 1 email ("
                + busy + " redeliveries while the winner held the claim)");

        // Deliver it, for the refund and the return.
        Order order = cloud.orders().get(orderId).orElseThrow();
        Instant at = Instant.now();
        var ship = OrderLifecycle.ship(order, ActionRequests.ship(Map.of("carrier", "UPS", "trackingNumber",
                "1Z999AA10123456784", "shipDate", at.toString()), ZoneOffset.UTC, at), Actor.job("test"), at);
        cloud.orders().apply(ship);
        var delivered = OrderLifecycle.confirmDelivery(ship.after(), new ActionRequests.Delivery(at, null),
                Actor.job("test"), at);
        cloud.orders().apply(delivered);

        // 4. A goodwill refund with one request id: one refund, refunded once, made by one of the calls at once.
        Replay<APIGatewayV2HTTPResponse> refunds = replay("goodwill refund", REPLAYS,
                () -> new CreateRefundHandler(cloud.adapters("CreateRefundFunction")), (refund, i) -> {
                    APIGatewayV2HTTPEvent e = PrimingSamples.sellerRequest(orderId, Map.of("amount",
                            Map.of("amount", "5.00", "currency", "USD"), "reason", "late", "requestId", "dup-refund-1"));
                    e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId",
                            "key_dup00000000"));
                    return refund.handleRequest(e, new PrimingContext());
                });
        assertTrue(refunds.all().stream().allMatch(r -> r.getStatusCode() == 201 || r.getStatusCode() == 200
                || r.getStatusCode() == 409), refunds.all().toString());
        assertEquals(1, count(refunds.concurrent(), 201), refunds.concurrent().toString());
        assertTrue(refunds.inARow().stream().allMatch(r -> r.getStatusCode() == 200), refunds.inARow().toString());
        assertEquals(1, new DynamoRefunds(cloud.dynamo, cloud.ref("RefundsTable"), null, null).forOrder(orderId).size());
        assertEquals(500, cloud.orders().get(orderId).orElseThrow().refunded().minor());
        figures.add("goodwill refund request: " + refunds.shape() + ", 1 refund of 5.00 ("
                + count(refunds.all(), 200) + " answered 200, " + count(refunds.all(), 409) + " 409)");

        // 5. The storefront's return request: one RMA, one instructions email, made by one of the calls at once.
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        String returnBody = Json.write(Map.of("returnId", "ret-dup-1", "externalOrderId", external,
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED"))));
        Replay<APIGatewayV2HTTPResponse> returns = replay("return request", REPLAYS,
                () -> new CreateReturnHandler(cloud.adapters("CreateReturnFunction")),
                (create, i) -> create.handleRequest(
                        signed(fixture, storefront, "POST /webhooks/{storefrontId}/returns", returnBody),
                        new TestContext()));
        assertTrue(returns.all().stream().allMatch(r -> r.getStatusCode() == 201 || r.getStatusCode() == 200
                || r.getStatusCode() == 409), returns.all().toString());
        assertEquals(1, count(returns.concurrent(), 201), returns.concurrent().toString());
        assertTrue(returns.inARow().stream().allMatch(r -> r.getStatusCode() == 200), returns.inARow().toString());
        assertEquals(1, new orderflow.shared.aws.DynamoReturns(cloud.dynamo, cloud.ref("ReturnsTable"))
                .forOrder(orderId).size());
        assertEquals(1, Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).size());
        figures.add("storefront return request: " + returns.shape() + ", 1 RMA, 1 email ("
                + count(returns.all(), 200) + " answered 200, " + count(returns.all(), 409) + " 409)");

        System.out.println("[duplicates] " + replays + " replays (" + REPLAYS + " at once, then 2 in a row, per kind):"
                + " every side effect once");
        figures.forEach(f -> System.out.println("  " + f));
    }

    /** The overlap check itself: calls made one after another never pass it. */
    @Test
    void calls_made_one_after_another_fail_the_overlap_check() {
        List<Overlap.Call<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            long until = start + 2_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            calls.add(new Overlap.Call<>(i, start, System.nanoTime(), i));
        }
        assertEquals(1, Overlap.mostAtOnce(calls));
        assertThrows(AssertionError.class, () -> Overlap.assertOverlapped("one after another", calls));
        List<Overlap.Call<Integer>> two = List.of(calls.get(0), new Overlap.Call<>(9, calls.get(0).startNanos() + 1,
                calls.get(0).endNanos() + 1, 9));
        assertEquals(2, Overlap.mostAtOnce(two));
        Overlap.assertOverlapped("two at once", two);
    }
}
