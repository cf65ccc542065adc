package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import orderflow.shared.aws.Adapters;

/** An HTTP API Lambda authorizer (simple responses); priming succeeds when its sample is authorized. */
public abstract class AuthorizerFunction extends FunctionHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    protected AuthorizerFunction(Adapters adapters) {
        super(adapters);
    }

    @Override
    public final void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.authorizer(in, out, event -> handleRequest(event, context));
    }

    @Override
    protected String failureOf(SimpleIAMPolicyResponse answer) {
        return answer != null && answer.getIsAuthorized() ? null : "the sample key was not authorized";
    }
}
