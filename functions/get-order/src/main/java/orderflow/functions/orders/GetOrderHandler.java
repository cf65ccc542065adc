package orderflow.functions.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.service.OrderQueryService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /v1/orders/{orderId}, behind the API-key authorizer: the seller's own orders only. */
public class GetOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderQueryService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetOrderHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(GetOrderHandler::prime);
    }

    GetOrderHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new OrderQueryService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")));
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            OrderQueryService.Detail detail = service.detail(sellerId, Requests.pathParameter(event, "orderId"),
                    event.getQueryStringParameters());
            Map<String, Object> json = OrderViews.detail(detail.order(), clock.instant());
            if (detail.rawPayload() != null) {
                json.put("rawPayload", detail.rawPayload());
            }
            return Responses.json(200, json);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Reads a sample order through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        Order order = PrimingSamples.order(Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem", Priming.itemJson(PrimingSamples.orderItem(order))))) {
            GetOrderHandler handler = new GetOrderHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withPathParameters(Map.of("orderId", order.orderId()))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withLambda(Map.of("sellerId", PrimingSamples.SELLER)).build()).build())
                    .build();
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
