package orderflow.functions.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.sun.net.httpserver.HttpServer;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.HttpRefundWebhook;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import orderflow.shared.outbound.OutboundRules;

/**
 * RefundQueue to the storefront: a signed POST (checked here with the verifier storefronts are
 * told to use), retried with backoff until a 2xx, and never sent again once acknowledged. The
 * storefront is a local HTTP server speaking the documented wire format.
 */
class DeliverRefundIT {

    private final TestCloud cloud = TestCloud.get();
    private final DeliverRefundHandler deliver = new DeliverRefundHandler(cloud.adapters("DeliverRefundFunction"),
            new HttpRefundWebhook(OutboundRules.allowingLoopback()), Duration.ofSeconds(1));
    private final CreateRefundHandler refund = new CreateRefundHandler(cloud.adapters("CreateRefundFunction"));
    private final DynamoRefunds refunds = new DynamoRefunds(cloud.dynamo, cloud.ref("RefundsTable"), null, null);

    /** What the fake storefront answers next (200 when empty), and what it received. */
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer storefront;
    private String seller;
    private String secret;

    @BeforeEach
    void start() throws IOException {
        seller = cloud.newSeller("dlv");
        secret = cloud.admin().putStorefront(seller + "-sf", seller, "generic");
        storefront = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storefront.createContext("/refunds", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // What the storefront's handler does: verify, then act on the refund once per Idempotency-Key.
            WebhookSignature.verify(exchange.getRequestHeaders().getFirst("X-Orderflow-Signature"), body,
                    List.of(secret), Instant.now());
            Map<String, Object> seen = new java.util.HashMap<>(Json.parseObject(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8)));
            seen.put("idempotencyKey", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            seen.put("event", exchange.getRequestHeaders().getFirst("X-Orderflow-Event"));
            received.add(seen);
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        storefront.start();
        cloud.admin().setRefundUrl(seller + "-sf", "http://127.0.0.1:" + storefront.getAddress().getPort() + "/refunds",
                OutboundRules.allowingLoopback(), java.net.InetAddress::getAllByName);
        Fixtures.drain(cloud.sqs, cloud.ref("RefundQueue"));
    }

    @AfterEach
    void stop() {
        storefront.stop(0);
    }

    private Order delivered() {
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        return Fixtures.deliveredOrder(cloud, seller, "DR-" + System.nanoTime(), Instant.now().minusSeconds(86_400));
    }

    /** The next RefundQueue message as Lambda gets it (receive count included), waiting up to 5 s. */
    private SQSEvent next(SQSEvent fixture) {
        List<Message> messages = cloud.sqs.receiveMessage(b -> b.queueUrl(cloud.ref("RefundQueue"))
                .waitTimeSeconds(5).maxNumberOfMessages(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size(), "a refund notice on the queue");
        Message m = messages.get(0);
        SQSEvent.SQSMessage record = fixture.getRecords().get(0);
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        Map<String, String> attributes = new java.util.HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        record.setAttributes(attributes);
        return fixture;
    }

    private void issue(Order order, String amount, String requestId) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(order.orderId(), Map.of(
                "amount", Map.of("amount", amount, "currency", "USD"), "reason", "arrived late",
                "requestId", requestId));
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000008"));
        assertEquals(201, refund.handleRequest(event, new TestContext()).getStatusCode());
    }

    @ParameterizedTest
    @Event(value = "events/deliver-refund.json", type = SQSEvent.class)
    void an_unacknowledged_refund_is_retried_with_backoff_and_never_sent_again_once_acknowledged(SQSEvent fixture) {
        Order order = delivered();
        issue(order, "7.50", "late-1");
        answers.add(503);

        SQSEvent first = next(fixture);
        String messageId = first.getRecords().get(0).getMessageId();
        SQSBatchResponse failed = deliver.handleRequest(first, new TestContext());
        assertEquals(List.of(messageId), failed.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        Refund pending = refunds.forOrder(order.orderId()).get(0);
        assertEquals(RefundDelivery.Status.PENDING, pending.delivery().status());
        assertEquals("HTTP 503", pending.delivery().lastError());

        // Hidden for the 1 s backoff, then back with receive count 2: acknowledged.
        SQSEvent second = next(fixture);
        assertEquals("2", second.getRecords().get(0).getAttributes().get("ApproximateReceiveCount"));
        assertEquals(List.of(), deliver.handleRequest(second, new TestContext()).getBatchItemFailures());
        Refund acknowledged = refunds.forOrder(order.orderId()).get(0);
        assertEquals(RefundDelivery.Status.ACKNOWLEDGED, acknowledged.delivery().status());
        assertEquals(2, acknowledged.delivery().attempts());
        assertNotNull(acknowledged.delivery().acknowledgedAt());

        // The same message delivered again: no third POST.
        assertEquals(List.of(), deliver.handleRequest(second, new TestContext()).getBatchItemFailures());
        assertEquals(2, received.size());
        for (Map<String, Object> r : received) {
            assertEquals(acknowledged.refundId(), r.get("idempotencyKey"));
            assertEquals(acknowledged.refundId(), r.get("refundId"));
            assertEquals("refund.issued", r.get("event"));
            assertEquals(Map.of("amount", "7.50", "currency", "USD"), r.get("amount"));
            assertEquals(order.externalOrderId(), r.get("externalOrderId"));
        }
    }

    @ParameterizedTest
    @Event(value = "events/deliver-refund.json", type = SQSEvent.class)
    void a_storefront_without_a_refund_url_leaves_the_refund_to_be_paid_by_hand(SQSEvent fixture) {
        cloud.admin().setRefundUrl(seller + "-sf", null);
        Order order = delivered();
        issue(order, "1.00", "manual-1");
        assertEquals(List.of(), deliver.handleRequest(next(fixture), new TestContext()).getBatchItemFailures());
        Refund manual = refunds.forOrder(order.orderId()).get(0);
        assertEquals(RefundDelivery.Status.NO_ENDPOINT, manual.delivery().status());
        assertTrue(received.isEmpty());
    }
}
