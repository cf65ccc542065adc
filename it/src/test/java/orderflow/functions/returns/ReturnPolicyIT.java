package orderflow.functions.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.json.Json;
import org.junit.jupiter.params.ParameterizedTest;

/** GET and PUT /v1/return-policy against the emulator, with events/put-return-policy.json. */
class ReturnPolicyIT {

    private final TestCloud cloud = TestCloud.get();
    private final ReturnPolicyHandler handler = new ReturnPolicyHandler(cloud.adapters("ReturnPolicyFunction"));

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, String seller, String method, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000005"));
        event.getRequestContext().getHttp().setMethod(method);
        event.setBody(body == null ? null : Json.write(body));
        return handler.handleRequest(event, new TestContext());
    }

    @ParameterizedTest
    @Event(value = "events/put-return-policy.json", type = APIGatewayV2HTTPEvent.class)
    void a_seller_reads_the_default_sets_a_policy_and_only_sees_its_own(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("rp");
        String body = event.getBody();
        Map<String, Object> before = Json.parseObject(call(event, seller, "GET", null).getBody());
        assertEquals(true, before.get("default"));
        assertEquals(30, before.get("windowDays"));

        APIGatewayV2HTTPResponse set = call(event, seller, "PUT", Json.parseObject(body));
        assertEquals(200, set.getStatusCode(), set.getBody());
        Map<String, Object> after = Json.parseObject(call(event, seller, "GET", null).getBody());
        assertEquals(false, after.get("default"));
        assertEquals(15, after.get("restockingFeePercent"));
        assertEquals("BUYER", after.get("returnShippingPayer"));
        assertEquals(List.of("GIFT-CARD-50"), after.get("nonReturnableSkus"));

        String other = cloud.newSeller("rp-other");
        assertEquals(true, Json.parseObject(call(event, other, "GET", null).getBody()).get("default"));
    }

    @ParameterizedTest
    @Event(value = "events/put-return-policy.json", type = APIGatewayV2HTTPEvent.class)
    void an_invalid_policy_is_400_naming_every_field_and_changes_nothing(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("rp-bad");
        APIGatewayV2HTTPResponse r = call(event, seller, "PUT", Map.of("windowDays", -1, "restockingFeePercent", 150,
                "returnShippingPayer", "NOBODY", "nonReturnableSkus", List.of("ok-sku", "bad <sku>")));
        assertEquals(400, r.getStatusCode(), r.getBody());
        for (String field : List.of("windowDays", "restockingFeePercent", "returnShippingPayer", "nonReturnableSkus[1]")) {
            assertTrue(r.getBody().contains("\"" + field + "\""), field + " in " + r.getBody());
        }
        assertEquals(true, Json.parseObject(call(event, seller, "GET", null).getBody()).get("default"));
    }
}
