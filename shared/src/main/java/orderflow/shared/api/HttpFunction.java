package orderflow.shared.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.aws.Adapters;

/** An HTTP API (payload 2.0) route; its priming succeeds when the answer is 2xx. */
public abstract class HttpFunction extends FunctionHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    protected HttpFunction(Adapters adapters) {
        super(adapters);
    }

    @Override
    public final void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    @Override
    protected String failureOf(APIGatewayV2HTTPResponse answer) {
        int status = answer == null ? 0 : answer.getStatusCode();
        return status >= 200 && status < 300 ? null : "answered " + status + ": " + (answer == null ? "" : answer.getBody());
    }
}
