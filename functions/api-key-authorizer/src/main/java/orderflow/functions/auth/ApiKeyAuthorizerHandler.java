package orderflow.functions.auth;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.Env;
import orderflow.shared.service.ApiKeyAuthService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): the API key in the Authorization
 * header names the seller, passed to routes as context.sellerId. The key itself is never logged.
 */
public class ApiKeyAuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final ApiKeyAuthService service;

    public ApiKeyAuthorizerHandler() {
        this(AwsClients.dynamoDb(), Env.system());
    }

    ApiKeyAuthorizerHandler(DynamoDbClient dynamo, Env env) {
        this.service = new ApiKeyAuthService(new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")));
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, String> headers = event.getHeaders();
        String header = headers == null ? null : headers.get("authorization");
        return service.sellerFor(header)
                .map(sellerId -> SimpleIAMPolicyResponse.builder().withIsAuthorized(true)
                        .withContext(Map.of("sellerId", sellerId)).build())
                .orElseGet(() -> SimpleIAMPolicyResponse.builder().withIsAuthorized(false).build());
    }
}
