package orderflow.functions.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** POST /v1/orders/{orderId}/returns against the emulator: RMAs within the policy, 422 naming the rule outside it. */
class CreateReturnIT {

    private final TestCloud cloud = TestCloud.get();
    private final CreateReturnHandler handler = new CreateReturnHandler(cloud.adapters("CreateReturnFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("ret");
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    /** The sample order (2 x MUG-BLUE, 1 x TEE-BLACK-L) reserved, shipped and delivered at {@code deliveredAt}. */
    private Order delivered(Instant deliveredAt) {
        return Fixtures.deliveredOrder(cloud, seller, "RT-" + System.nanoTime(), deliveredAt);
    }

    private APIGatewayV2HTTPResponse request(APIGatewayV2HTTPEvent event, String seller, String orderId, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000006"));
        event.setPathParameters(Map.of("orderId", orderId));
        event.setBody(Json.write(body));
        return handler.handleRequest(event, new TestContext());
    }

    private static Map<String, Object> line(String sku, int quantity, String reason) {
        return Map.of("sku", sku, "quantity", quantity, "reason", reason);
    }

    @ParameterizedTest
    @Event(value = "events/create-return.json", type = APIGatewayV2HTTPEvent.class)
    void a_return_within_the_policy_gets_an_rma_and_the_buyer_the_instructions(APIGatewayV2HTTPEvent event) {
        Order order = delivered(Instant.now().minusSeconds(2 * 86_400));
        APIGatewayV2HTTPResponse r = request(event, seller, order.orderId(),
                Map.of("lines", List.of(line("MUG-BLUE", 1, "NO_LONGER_NEEDED"))));
        assertEquals(201, r.getStatusCode(), r.getBody());
        Map<String, Object> rma = Json.parseObject(r.getBody());
        assertTrue(String.valueOf(rma.get("rmaNumber")).startsWith("RMA-"), r.getBody());
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(1, emails.size());
        assertEquals("return-authorized:" + rma.get("rmaId"), emails.get(0).get("eventId"));
        assertEquals("ada@example.com", emails.get(0).get("toAddress"));

        // One more mug is fine (2 delivered), a third is not: the rule is named.
        assertEquals(201, request(event, seller, order.orderId(),
                Map.of("lines", List.of(line("MUG-BLUE", 1, "DEFECTIVE")))).getStatusCode());
        APIGatewayV2HTTPResponse tooMany = request(event, seller, order.orderId(),
                Map.of("lines", List.of(line("MUG-BLUE", 1, "DEFECTIVE"))));
        assertEquals(422, tooMany.getStatusCode(), tooMany.getBody());
        assertEquals("quantity", Json.parseObject(tooMany.getBody()).get("rule"));
        assertTrue(tooMany.getBody().contains("lines[0].quantity"), tooMany.getBody());
    }

    @ParameterizedTest
    @Event(value = "events/create-return.json", type = APIGatewayV2HTTPEvent.class)
    void outside_the_window_or_for_another_seller_nothing_is_created(APIGatewayV2HTTPEvent event) {
        Order old = delivered(Instant.now().minusSeconds(40L * 86_400)); // the default window is 30 days
        APIGatewayV2HTTPResponse late = request(event, seller, old.orderId(),
                Map.of("lines", List.of(line("TEE-BLACK-L", 1, "NO_LONGER_NEEDED"))));
        assertEquals(422, late.getStatusCode(), late.getBody());
        assertEquals("return-window", Json.parseObject(late.getBody()).get("rule"));
        assertEquals("/problems/return-refused", Json.parseObject(late.getBody()).get("type"));

        Order recent = delivered(Instant.now().minusSeconds(86_400));
        String intruder = cloud.newSeller("ret-intruder");
        assertEquals(404, request(event, intruder, recent.orderId(),
                Map.of("lines", List.of(line("MUG-BLUE", 1, "OTHER")))).getStatusCode());
        APIGatewayV2HTTPResponse invalid = request(event, seller, recent.orderId(),
                Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 0, "reason", "BORED"))));
        assertEquals(400, invalid.getStatusCode(), invalid.getBody());
        assertTrue(invalid.getBody().contains("lines[0].quantity") && invalid.getBody().contains("lines[0].reason"),
                invalid.getBody());
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")));
    }

    @ParameterizedTest
    @Event(value = "events/create-return.json", type = APIGatewayV2HTTPEvent.class)
    void a_retried_return_with_the_same_idempotency_key_makes_one_rma_and_one_email(APIGatewayV2HTTPEvent event) {
        Order order = delivered(Instant.now().minusSeconds(86_400));
        Map<String, Object> body = Map.of("lines", List.of(line("MUG-BLUE", 1, "DAMAGED")));
        event.getHeaders().put("Idempotency-Key", "ret-retry-1");
        APIGatewayV2HTTPResponse first = request(event, seller, order.orderId(), body);
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse retry = request(event, seller, order.orderId(), body);
        assertEquals(200, retry.getStatusCode(), retry.getBody());
        assertEquals(Json.parseObject(first.getBody()).get("rmaId"), Json.parseObject(retry.getBody()).get("rmaId"));
        assertEquals(1, Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).size(), "the buyer is emailed once");

        // Another key is another return (the second mug); a key and a different requestId is a 400.
        event.getHeaders().put("Idempotency-Key", "ret-retry-2");
        assertEquals(201, request(event, seller, order.orderId(), body).getStatusCode());
        APIGatewayV2HTTPResponse mismatch = request(event, seller, order.orderId(),
                Map.of("lines", List.of(line("MUG-BLUE", 1, "DAMAGED")), "requestId", "other"));
        assertEquals(400, mismatch.getStatusCode(), mismatch.getBody());
        assertTrue(mismatch.getBody().contains("requestId"), mismatch.getBody());
    }

    private APIGatewayV2HTTPResponse fromStorefront(APIGatewayV2HTTPEvent event, String storefront, Object body,
                                                    String secret) {
        String json = Json.write(body);
        event.setPathParameters(Map.of("storefrontId", storefront));
        event.setBody(json);
        event.getHeaders().put(orderflow.shared.security.WebhookSignature.HEADER,
                orderflow.shared.security.WebhookSignature.sign(secret, Instant.now().getEpochSecond(),
                        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return handler.handleRequest(event, new TestContext());
    }

    @ParameterizedTest
    @Event(value = "events/storefront-return.json", type = APIGatewayV2HTTPEvent.class)
    void a_buyer_return_requested_at_the_storefront_gets_one_rma_however_often_it_is_delivered(
            APIGatewayV2HTTPEvent event) {
        cloud.admin().putStorefront(seller + "-sf", seller, "generic", Fixtures.SECRET);
        Order order = delivered(Instant.now().minusSeconds(86_400));
        Map<String, Object> body = Map.of("returnId", "ret-1", "externalOrderId", order.externalOrderId(),
                "lines", List.of(line("MUG-BLUE", 1, "DAMAGED")));
        APIGatewayV2HTTPResponse first = fromStorefront(event, seller + "-sf", body, Fixtures.SECRET);
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse again = fromStorefront(event, seller + "-sf", body, Fixtures.SECRET);
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(true, Json.parseObject(again.getBody()).get("duplicate"));
        assertEquals(Json.parseObject(first.getBody()).get("rmaId"), Json.parseObject(again.getBody()).get("rmaId"));
        assertEquals(1, Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).size());

        // A wrong signature writes nothing; a request outside the policy names the rule.
        assertEquals(401, fromStorefront(event, seller + "-sf", Map.of("returnId", "ret-2", "externalOrderId",
                order.externalOrderId(), "lines", List.of(line("MUG-BLUE", 1, "OTHER"))), "not-the-secret")
                .getStatusCode());
        APIGatewayV2HTTPResponse tooMany = fromStorefront(event, seller + "-sf", Map.of("returnId", "ret-3",
                "externalOrderId", order.externalOrderId(), "lines", List.of(line("MUG-BLUE", 2, "OTHER"))),
                Fixtures.SECRET);
        assertEquals(422, tooMany.getStatusCode(), tooMany.getBody());
        assertEquals("quantity", Json.parseObject(tooMany.getBody()).get("rule"));
        assertEquals(List.of(), Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")));
    }
}
