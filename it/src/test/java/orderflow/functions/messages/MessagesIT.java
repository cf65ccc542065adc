package orderflow.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** Buyer messages in, seller answers out, waits listed and timed: against the emulator. */
class MessagesIT {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private final TestCloud cloud = TestCloud.get();
    private String seller;
    private String storefront;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("msg");
        storefront = seller + "-sf";
        cloud.admin().putStorefront(storefront, seller, "generic", Fixtures.SECRET);
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private Order order(String externalId) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId);
        Order order = GenericOrderPayload.parse(json).toOrder(storefront, seller, T0);
        cloud.orders().createIfAbsent(order);
        return order;
    }

    private APIGatewayV2HTTPResponse deliver(APIGatewayV2HTTPEvent fixture, Instant now, Map<String, Object> body,
                                             String secret) {
        String json = Json.write(body);
        fixture.setPathParameters(Map.of("storefrontId", storefront));
        fixture.setBody(json);
        fixture.getHeaders().put(WebhookSignature.HEADER, WebhookSignature.sign(secret, now.getEpochSecond(),
                json.getBytes(StandardCharsets.UTF_8)));
        return new ReceiveBuyerMessageHandler(cloud.adapters("ReceiveBuyerMessageFunction", at(now))).handleRequest(fixture, new TestContext());
    }

    private static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String seller, String orderId, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000004"));
        if (orderId != null) {
            event.setPathParameters(Map.of("orderId", orderId));
        }
        if (body != null) {
            event.setBody(Json.write(body));
        }
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/receive-buyer-message.json", type = APIGatewayV2HTTPEvent.class)
    void a_buyer_message_is_stored_once_and_refused_without_a_valid_signature(APIGatewayV2HTTPEvent event) {
        Order order = order("M-" + System.nanoTime());
        Map<String, Object> body = Map.of("externalOrderId", order.externalOrderId(), "messageId", "m-1",
                "body", "Can it ship before Friday?");
        APIGatewayV2HTTPResponse first = deliver(event, T0.plusSeconds(60), body, Fixtures.SECRET);
        assertEquals(202, first.getStatusCode(), first.getBody());
        assertEquals(false, Json.parseObject(first.getBody()).get("duplicate"));
        APIGatewayV2HTTPResponse again = deliver(event, T0.plusSeconds(90), body, Fixtures.SECRET);
        assertEquals(true, Json.parseObject(again.getBody()).get("duplicate"));
        DynamoMessages messages = new DynamoMessages(cloud.dynamo, cloud.ref("MessagesTable"));
        assertEquals(1, messages.messages(order.orderId(), 10).size());
        assertEquals(T0.plusSeconds(60), messages.thread(order.orderId()).orElseThrow().awaitingSince());

        assertEquals(401, deliver(event, T0.plusSeconds(120), Map.of("externalOrderId", order.externalOrderId(),
                "messageId", "m-2", "body", "forged"), "not-the-secret").getStatusCode());
        APIGatewayV2HTTPResponse unknown = deliver(event, T0.plusSeconds(120), Map.of("externalOrderId", "NOPE",
                "messageId", "m-3", "body", "hello"), Fixtures.SECRET);
        assertEquals(404, unknown.getStatusCode(), unknown.getBody());
        APIGatewayV2HTTPResponse invalid = deliver(event, T0.plusSeconds(120), Map.of("messageId", "", "body", ""),
                Fixtures.SECRET);
        assertEquals(400, invalid.getStatusCode());
        assertTrue(invalid.getBody().contains("externalOrderId") && invalid.getBody().contains("\"body\""), invalid.getBody());
        assertEquals(1, messages.messages(order.orderId(), 10).size());
    }

    @ParameterizedTest
    @Event(value = "events/reply-to-buyer.json", type = APIGatewayV2HTTPEvent.class)
    void waiting_threads_are_listed_oldest_first_and_a_reply_emails_the_buyer_and_records_the_response_time(
            APIGatewayV2HTTPEvent event) throws Exception {
        Order older = order("MO-" + System.nanoTime());
        Order newer = order("MN-" + System.nanoTime());
        APIGatewayV2HTTPEvent hook = Events.webhook();
        deliver(hook, T0.plusSeconds(3600), Map.of("externalOrderId", newer.externalOrderId(), "messageId", "n-1",
                "body", "Newer question", "sentAt", T0.plusSeconds(3600).toString()), Fixtures.SECRET);
        deliver(Events.webhook(), T0.plusSeconds(3700), Map.of("externalOrderId", older.externalOrderId(),
                "messageId", "o-1", "body", "Older question", "sentAt", T0.toString()), Fixtures.SECRET);

        Instant now = T0.plus(java.time.Duration.ofHours(30));
        APIGatewayV2HTTPEvent list = Events.seller("events/list-messages.json");
        APIGatewayV2HTTPResponse waiting = new ListMessagesHandler(cloud.adapters("ListMessagesFunction", at(now))).handleRequest(as(list, seller, null, null),
                new TestContext());
        assertEquals(200, waiting.getStatusCode(), waiting.getBody());
        List<Map<String, Object>> threads = new ArrayList<>();
        for (Object t : (List<?>) Json.parseObject(waiting.getBody()).get("threads")) {
            threads.add(Json.parseObject(Json.write(t)));
        }
        assertEquals(List.of(older.orderId(), newer.orderId()), threads.stream().map(t -> t.get("orderId")).toList());
        assertEquals(30 * 60, threads.get(0).get("waitingMinutes"));
        assertEquals(true, threads.get(0).get("overdue"));

        APIGatewayV2HTTPResponse reply = new ReplyToBuyerHandler(cloud.adapters("ReplyToBuyerFunction", at(now))).handleRequest(as(event, seller, older.orderId(), null),
                new TestContext());
        assertEquals(201, reply.getStatusCode(), reply.getBody());
        assertEquals(30L * 3600, ((Number) Json.parseObject(reply.getBody()).get("responseSeconds")).longValue());
        List<Map<String, Object>> queued = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(1, queued.size());
        assertEquals("seller-reply", queued.get(0).get("template"));
        assertEquals("ada@example.com", queued.get(0).get("toAddress"));

        APIGatewayV2HTTPResponse after = new ListMessagesHandler(cloud.adapters("ListMessagesFunction", at(now))).handleRequest(as(list, seller, null, null),
                new TestContext());
        assertEquals(List.of(newer.orderId()), ((List<?>) Json.parseObject(after.getBody()).get("threads")).stream()
                .map(t -> ((Map<?, ?>) t).get("orderId")).toList());
        var facts = new DynamoMessages(cloud.dynamo, cloud.ref("MessagesTable")).responseTimes(seller, T0, now.plusSeconds(1));
        assertEquals(1, facts.size());
        assertEquals(java.time.Duration.ofHours(30), facts.get(0).elapsed());

        String intruder = cloud.newSeller("msg-intruder");
        assertEquals(404, new ReplyToBuyerHandler(cloud.adapters("ReplyToBuyerFunction", at(now))).handleRequest(as(Events.seller("events/reply-to-buyer.json"),
                intruder, newer.orderId(), null), new TestContext()).getStatusCode());
    }

    /** Fresh copies of the fixtures, for a test that needs several events. */
    private static final class Events {
        static APIGatewayV2HTTPEvent webhook() throws Exception {
            return read("events/receive-buyer-message.json");
        }

        static APIGatewayV2HTTPEvent seller(String fixture) throws Exception {
            return read(fixture);
        }

        private static APIGatewayV2HTTPEvent read(String fixture) throws Exception {
            String json = java.nio.file.Files.readString(TestCloud.get().root.resolve(fixture));
            return com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                    .serializerFor(APIGatewayV2HTTPEvent.class, MessagesIT.class.getClassLoader())
                    .fromJson(json);
        }
    }
}
