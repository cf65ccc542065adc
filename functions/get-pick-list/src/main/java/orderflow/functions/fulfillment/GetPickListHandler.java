package orderflow.functions.fulfillment;

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
import orderflow.shared.api.InventoryViews;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.service.FulfillmentService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /v1/picklist?orders=id,id|status=UNSHIPPED: lines grouped by SKU, in bin order. */
public class GetPickListHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final FulfillmentService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetPickListHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(GetPickListHandler::prime);
    }

    GetPickListHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new FulfillmentService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"), null), null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> Responses.json(200,
                InventoryViews.pickList(service.pickList(sellerId, event.getQueryStringParameters()))));
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Builds a pick list of one sample order through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        String order = Priming.itemJson(PrimingSamples.orderItem(PrimingSamples.unshippedOrder(Instant.now())));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "Query", "{\"Items\":[" + order.substring("{\"Item\":".length(), order.length() - 1) + "],\"Count\":1}",
                "BatchGetItem", "{\"Responses\":{},\"UnprocessedKeys\":{}}"))) {
            GetPickListHandler handler = new GetPickListHandler(dynamo, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(null, null), new PrimingContext());
        }
    }
}
