package orderflow.functions.inventory;

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
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.service.InventoryService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /v1/inventory?lowStock=&limit=&cursor= (by SKU; lowStock=true from the low-stock index) and
 * GET /v1/inventory/{sku} (on hand, reserved, available, recent movements).
 */
public class GetInventoryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final InventoryService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetInventoryHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(GetInventoryHandler::prime);
    }

    GetInventoryHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new InventoryService(new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"),
                env.require("STOCK_MOVEMENTS_TABLE")), null, null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            String sku = Requests.pathParameter(event, "sku");
            if (sku != null) {
                InventoryService.Detail d = service.get(sellerId, sku);
                return Responses.json(200, InventoryViews.detail(d.item(), d.movements()));
            }
            InventoryService.Listing listing = service.list(sellerId, event.getQueryStringParameters());
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("items", listing.items().stream().map(InventoryViews::item).toList());
            body.put("nextCursor", listing.nextCursor());
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

    /** Lists a seller's stock through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        // One canned item that reads as a stock item and as a movement (both queries get it).
        String item = "{\"sellerId\":{\"S\":\"" + PrimingSamples.SELLER + "\"},\"sku\":{\"S\":\"MUG-BLUE\"},"
                + "\"onHand\":{\"N\":\"5\"},\"reserved\":{\"N\":\"1\"},\"available\":{\"N\":\"4\"},"
                + "\"at\":{\"S\":\"" + Instant.now() + "\"},\"delta\":{\"N\":\"5\"},\"kind\":{\"S\":\"count\"}}";
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("Query", "{\"Items\":[" + item + "],\"Count\":1}",
                "GetItem", "{\"Item\":" + item + "}"))) {
            GetInventoryHandler handler = new GetInventoryHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent list = PrimingSamples.sellerRequest(null, null);
            list.setQueryStringParameters(Map.of("lowStock", "true"));
            handler.handleRequest(list, new PrimingContext());
            APIGatewayV2HTTPEvent one = PrimingSamples.sellerRequest(null, null);
            one.setPathParameters(Map.of("sku", "MUG-BLUE"));
            return handler.handleRequest(one, new PrimingContext());
        }
    }
}
