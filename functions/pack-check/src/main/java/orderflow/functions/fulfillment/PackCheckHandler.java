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
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.api.OrderViews;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.service.FulfillmentService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * POST /v1/orders/{orderId}/pack-checks {scans: [code, ...]}: which items are missing, extra or
 * wrong before the box is closed; a passed check is recorded on the order (and in its history).
 */
public class PackCheckHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final FulfillmentService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public PackCheckHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(PackCheckHandler::prime);
    }

    PackCheckHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new FulfillmentService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE"),
                env.require("ORDER_HISTORY_TABLE"), null),
                new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"), null), null, clock);
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            FulfillmentService.CheckResult r = service.packCheck(sellerId, Requests.actor(event),
                    Requests.pathParameter(event, "orderId"), Requests.jsonBody(event, false));
            Map<String, Object> body = InventoryViews.packCheck(r.check());
            body.put("order", OrderViews.detail(r.order(), clock.instant()));
            // 200 either way: a failed check is a normal answer at the bench, not an error.
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

    /** Checks a complete sample box through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now());
        java.util.List<String> scans = new java.util.ArrayList<>();
        order.unshippedBySku().forEach((sku, q) -> { for (int i = 0; i < q; i++) { scans.add(sku); } });
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order)),
                "BatchGetItem", "{\"Responses\":{},\"UnprocessedKeys\":{}}"))) {
            PackCheckHandler handler = new PackCheckHandler(dynamo, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(), Map.of("scans", scans)),
                    new PrimingContext());
        }
    }
}
