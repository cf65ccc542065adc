package orderflow.functions.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
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

/** GET /v1/orders/{orderId}/history: every change of the seller's order, oldest first. */
public class GetOrderHistoryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderQueryService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetOrderHistoryHandler() {
        this(AwsClients.dynamoDb(), Env.system());
        this.snapStart = SnapStartHook.register(GetOrderHistoryHandler::prime);
    }

    GetOrderHistoryHandler(DynamoDbClient dynamo, Env env) {
        this.service = new OrderQueryService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE"),
                env.require("ORDER_HISTORY_TABLE"), null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            OrderQueryService.HistoryPage page = service.history(sellerId, Requests.pathParameter(event, "orderId"),
                    event.getQueryStringParameters());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orderId", page.order().orderId());
            body.put("status", page.order().status().name());
            body.put("entries", page.entries().stream().map(OrderViews::history).toList());
            body.put("nextCursor", page.nextCursor());
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

    /** Reads a sample order's history through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        Order order = PrimingSamples.order(Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem", Priming.itemJson(PrimingSamples.orderItem(order)),
                "Query", "{\"Items\":[],\"Count\":0}"))) {
            GetOrderHistoryHandler handler = new GetOrderHistoryHandler(dynamo, Priming.ENV);
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(), null), new PrimingContext());
        }
    }
}
