package orderflow.functions.auth;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import orderflow.shared.api.AuthorizerFunction;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ApiKeyAuthService;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): the API key in the Authorization
 * header names the seller, passed to routes as context.sellerId (and the key's public id as keyId). The key itself is never logged.
 */
public class ApiKeyAuthorizerHandler extends AuthorizerFunction {

    private final ApiKeyAuthService service;

    public ApiKeyAuthorizerHandler() {
        this(Adapters.live());
    }

    public ApiKeyAuthorizerHandler(Adapters adapters) {
        super(adapters);
        this.service = new ApiKeyAuthService(adapters.accounts());
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

    /** Authorizes a well-formed sample key. */
    @Override
    protected PrimingRun<APIGatewayV2CustomAuthorizerEvent> priming(Instant now) {
        return PrimingRun.of(Priming.answers().item(PrimingSamples.apiKeyItem(), "pk"),
                APIGatewayV2CustomAuthorizerEvent.builder()
                        .withHeaders(Map.of("authorization", "Bearer ofk_" + "p".repeat(43))).build());
    }
}
