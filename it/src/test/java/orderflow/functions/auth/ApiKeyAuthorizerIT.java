package orderflow.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.security.ApiKeys;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ApiKeyAuthorizerHandler with events/api-key-authorizer.json: keys are stored hashed and name the seller. */
class ApiKeyAuthorizerIT {

    private final TestCloud cloud = TestCloud.get();
    private final ApiKeyAuthorizerHandler handler = new ApiKeyAuthorizerHandler(
            cloud.adapters("ApiKeyAuthorizerFunction"));

    private APIGatewayV2CustomAuthorizerEvent withHeader(APIGatewayV2CustomAuthorizerEvent event, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (value == null) {
            headers.remove("authorization");
        } else {
            headers.put("authorization", value);
        }
        event.setHeaders(headers);
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/api-key-authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void valid_key_names_its_seller_and_is_stored_only_as_a_hash(APIGatewayV2CustomAuthorizerEvent event) {
        String seller = cloud.newSeller("auth");
        String key = cloud.admin().newApiKey(seller, "test", Instant.now());
        SimpleIAMPolicyResponse response = handler.handleRequest(withHeader(event, "Bearer " + key), new TestContext());
        assertTrue(response.getIsAuthorized());
        assertEquals(Map.of("sellerId", seller, "keyId", ApiKeys.keyId(ApiKeys.hash(key))), response.getContext());

        var item = cloud.dynamo.getItem(b -> b.tableName(cloud.ref("AccountsTable"))
                .key(Map.of("pk", AttributeValue.fromS("APIKEY#" + ApiKeys.hash(key))))).item();
        assertEquals(seller, item.get("sellerId").s());
        assertFalse(item.toString().contains(key));
    }

    @ParameterizedTest
    @Event(value = "events/api-key-authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void unknown_malformed_or_missing_keys_are_denied(APIGatewayV2CustomAuthorizerEvent event) {
        String unknown = ApiKeys.newKey(new SecureRandom());
        for (String header : new String[] {"Bearer " + unknown, "Bearer nope", "", null}) {
            assertFalse(handler.handleRequest(withHeader(event, header), new TestContext()).getIsAuthorized(),
                    String.valueOf(header));
        }
    }
}
