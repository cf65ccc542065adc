package orderflow.functions.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ApiKeyAuthService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): the API key in the Authorization
 * header names the seller, passed to routes as context.sellerId (and the key's public id as keyId). The key itself is never logged.
 */
public class ApiKeyAuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final ApiKeyAuthService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ApiKeyAuthorizerHandler() {
        this(AwsClients.dynamoDb(), Env.system());
        this.snapStart = SnapStartHook.register(ApiKeyAuthorizerHandler::prime);
    }

    ApiKeyAuthorizerHandler(DynamoDbClient dynamo, Env env) {
        this.service = new ApiKeyAuthService(new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")));
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, String> headers = event.getHeaders();
        String header = headers == null ? null : headers.get("authorization");
        return service.principalFor(header)
                .map(p -> SimpleIAMPolicyResponse.builder().withIsAuthorized(true)
                        .withContext(Map.of("sellerId", p.sellerId(), "keyId", p.keyId())).build())
                .orElseGet(() -> SimpleIAMPolicyResponse.builder().withIsAuthorized(false).build());
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.authorizer(in, out, event -> handleRequest(event, context));
    }

    /** Authorizes a well-formed sample key through a copy of this handler wired to an offline client. */
    public static SimpleIAMPolicyResponse prime() {
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("GetItem", Priming.itemJson(PrimingSamples.apiKeyItem())))) {
            ApiKeyAuthorizerHandler handler = new ApiKeyAuthorizerHandler(dynamo, Priming.ENV);
            APIGatewayV2CustomAuthorizerEvent event = APIGatewayV2CustomAuthorizerEvent.builder()
                    .withHeaders(Map.of("authorization", "Bearer ofk_" + "p".repeat(43))).build();
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
