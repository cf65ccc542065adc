package orderflow.functions.returns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoReturnPolicies;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ReturnPolicyService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET and PUT /v1/return-policy: the window, restocking fee, return shipping and non-returnable SKUs. */
public class ReturnPolicyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReturnPolicyService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReturnPolicyHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReturnPolicyHandler::prime);
    }

    ReturnPolicyHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new ReturnPolicyService(new DynamoReturnPolicies(dynamo, env.require("ACCOUNTS_TABLE")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            boolean put = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    && "PUT".equals(event.getRequestContext().getHttp().getMethod());
            ReturnPolicyService.Current current = put
                    ? service.put(sellerId, Requests.actor(event), Requests.jsonBody(event, false))
                    : service.get(sellerId);
            Map<String, Object> body = new LinkedHashMap<>(current.policy().toJson());
            body.put("default", current.isDefault());
            return Responses.json(200, body);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Sets and reads a sample policy through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("GetItem", "{\"Item\":{\"pk\":{\"S\":\"RETURNPOLICY#x\"},"
                + "\"policy\":{\"S\":\"{\\\"windowDays\\\":30}\"}}}"))) {
            ReturnPolicyHandler handler = new ReturnPolicyHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent put = PrimingSamples.sellerRequest(null, Map.of("windowDays", 30,
                    "restockingFeePercent", 10, "returnShippingPayer", "BUYER", "returnShippingMinor", 695));
            put.getRequestContext().setHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("PUT").build());
            handler.handleRequest(put, new PrimingContext());
            return handler.handleRequest(PrimingSamples.sellerRequest(null, null), new PrimingContext());
        }
    }
}
