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
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.documents.PackingSlips;
import orderflow.shared.service.FulfillmentService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /v1/orders/{orderId}/packing-slip: printable HTML of what is left to ship, with bins. */
public class GetPackingSlipHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final FulfillmentService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetPackingSlipHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(GetPackingSlipHandler::prime);
    }

    GetPackingSlipHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new FulfillmentService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"), null),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            FulfillmentService.Slip slip = service.packingSlip(sellerId, Requests.pathParameter(event, "orderId"));
            return Responses.text(200, PackingSlips.render(slip.order(), slip.seller(), slip.stock()),
                    "text/html; charset=utf-8", Map.of("content-security-policy",
                            "default-src 'none'; style-src 'unsafe-inline'"));
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Renders a sample slip through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem()),
                "BatchGetItem", "{\"Responses\":{},\"UnprocessedKeys\":{}}"))) {
            GetPackingSlipHandler handler = new GetPackingSlipHandler(dynamo, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(), null), new PrimingContext());
        }
    }
}
