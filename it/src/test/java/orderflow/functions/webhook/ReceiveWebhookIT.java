package orderflow.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ReceiveWebhookHandler with events/receive-webhook.json against the emulator. */
class ReceiveWebhookIT {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:30Z");
    private final TestCloud cloud = TestCloud.get();
    private final ReceiveWebhookHandler handler = new ReceiveWebhookHandler(
            cloud.adapters("ReceiveWebhookFunction", Clock.fixed(NOW, ZoneOffset.UTC)));
    private String storefront;

    @BeforeEach
    void storefront() {
        String seller = cloud.newSeller("wh");
        storefront = seller + "-sf";
        cloud.admin().putStorefront(storefront, seller, "generic", Fixtures.SECRET);
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
    }

    private APIGatewayV2HTTPEvent prepare(APIGatewayV2HTTPEvent event, String body, String signature) {
        event.setPathParameters(Map.of("storefrontId", storefront));
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (signature == null) {
            headers.remove(WebhookSignature.HEADER);
        } else {
            headers.put(WebhookSignature.HEADER, signature);
        }
        event.setHeaders(headers);
        return event;
    }

    private Map<String, AttributeValue> order(String orderId) {
        return cloud.dynamo.getItem(b -> b.tableName(cloud.ref("OrdersTable")).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
    }

    private int ordersOf(String storefrontId) {
        return cloud.dynamo.scan(b -> b.tableName(cloud.ref("OrdersTable"))
                .filterExpression("storefrontId = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(storefrontId)))).count();
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void paid_order_is_stored_ready_and_queued_once_per_delivery_chain(APIGatewayV2HTTPEvent event) {
        String body = Fixtures.sampleOrderJson("A-1");
        APIGatewayV2HTTPResponse first = handler.handleRequest(prepare(event, body, Fixtures.sign(body, NOW)),
                new TestContext());
        assertEquals(202, first.getStatusCode(), first.getBody());
        String orderId = (String) Json.parseObject(first.getBody()).get("orderId");
        Map<String, AttributeValue> item = order(orderId);
        assertEquals("READY", item.get("status").s());
        assertEquals("5358", item.get("total").n());
        List<Map<String, Object>> queued = Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        assertEquals(List.of(Map.of("orderId", orderId)), queued);

        // The order is processed meanwhile: a redelivery changes nothing and queues nothing.
        cloud.dynamo.updateItem(b -> b.tableName(cloud.ref("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .updateExpression("SET #s = :u").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("UNSHIPPED"))));
        APIGatewayV2HTTPResponse again = handler.handleRequest(prepare(event, body, Fixtures.sign(body, NOW)),
                new TestContext());
        assertEquals(202, again.getStatusCode());
        Map<String, Object> answer = Json.parseObject(again.getBody());
        assertEquals(orderId, answer.get("orderId"));
        assertEquals(true, answer.get("duplicate"));
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue")));
        assertEquals(1, ordersOf(storefront));
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void pending_order_waits_and_a_later_paid_delivery_releases_it(APIGatewayV2HTTPEvent event) {
        Map<String, Object> pending = Fixtures.sampleOrder();
        pending.put("externalOrderId", "P-1");
        pending.put("paymentStatus", "PENDING");
        String body = Json.write(pending);
        APIGatewayV2HTTPResponse response = handler.handleRequest(prepare(event, body, Fixtures.sign(body, NOW)),
                new TestContext());
        String orderId = (String) Json.parseObject(response.getBody()).get("orderId");
        assertEquals("PENDING", order(orderId).get("status").s());
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue")));

        String paid = Fixtures.sampleOrderJson("P-1");
        response = handler.handleRequest(prepare(event, paid, Fixtures.sign(paid, NOW)), new TestContext());
        assertEquals(202, response.getStatusCode());
        assertEquals("READY", order(orderId).get("status").s());
        assertEquals(List.of(Map.of("orderId", orderId)), Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue")));
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void webhook_rejects_missing_wrong_and_stale_signatures_and_writes_nothing(APIGatewayV2HTTPEvent event) {
        String body = Fixtures.sampleOrderJson("S-1");
        String wrongSecret = WebhookSignature.sign("not-the-secret", NOW.getEpochSecond(), body.getBytes());
        String stale = Fixtures.sign(body, NOW.minusSeconds(301));
        String otherBody = Fixtures.sign(body.replace("S-1", "S-2"), NOW);
        for (String signature : new String[] {null, "garbage", wrongSecret, stale, otherBody}) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(prepare(event, body, signature), new TestContext());
            assertEquals(401, response.getStatusCode(), String.valueOf(signature));
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
            Map<String, Object> problem = Json.parseObject(response.getBody());
            assertEquals("/problems/signature", problem.get("type"));
            assertEquals(401, ((Number) problem.get("status")).intValue());
        }
        assertEquals(0, ordersOf(storefront));
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue")));
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void webhook_holds_a_signed_order_naming_every_bad_field_and_refuses_only_what_it_cannot_read(
            APIGatewayV2HTTPEvent event) {
        Map<String, Object> bad = Fixtures.sampleOrder();
        bad.put("externalOrderId", "BAD-1");
        bad.put("currency", "DOLLARS");
        bad.put("buyer", Map.of("name", "Ada", "email", "not-an-email"));
        bad.put("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 0, "unitPrice", "12.501")));
        String body = Json.write(bad);
        APIGatewayV2HTTPResponse response = handler.handleRequest(prepare(event, body, Fixtures.sign(body, NOW)),
                new TestContext());
        assertEquals(202, response.getStatusCode(), response.getBody());
        String orderId = (String) Json.parseObject(response.getBody()).get("orderId");
        var held = cloud.orders().get(orderId).orElseThrow();
        assertEquals("ON_HOLD", held.status().name());
        List<String> fields = held.intake().holds().stream().map(h -> h.field()).toList();
        assertTrue(fields.containsAll(List.of("currency", "buyer.email", "lines[0].quantity")), fields.toString());
        assertEquals(null, held.buyer().email(), "an address that is not one is never written to");
        assertEquals(1, ordersOf(storefront));

        String broken = "{\"externalOrderId\": ";
        response = handler.handleRequest(prepare(event, broken, Fixtures.sign(broken, NOW)), new TestContext());
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("\"field\":\"body\""), response.getBody());
        assertEquals(1, ordersOf(storefront), "an unreadable body writes nothing");
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void webhook_for_an_unknown_storefront_is_401_like_a_bad_signature(APIGatewayV2HTTPEvent event) {
        String body = Fixtures.sampleOrderJson("U-1");
        prepare(event, body, Fixtures.sign(body, NOW));
        event.setPathParameters(Map.of("storefrontId", "no-such-store"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext());
        assertEquals(401, response.getStatusCode());
        assertEquals("/problems/signature", Json.parseObject(response.getBody()).get("type"));
        assertFalse(response.getBody().contains(Fixtures.SECRET));
    }
}
