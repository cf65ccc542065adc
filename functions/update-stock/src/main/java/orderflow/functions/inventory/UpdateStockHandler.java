package orderflow.functions.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
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
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.service.InventoryService;
import orderflow.shared.service.LowStockAlerts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * PUT /v1/inventory/{sku} {onHand, lowStockThreshold?, binLocation?, barcode?} and
 * POST /v1/inventory/{sku}/adjustments {delta, reason}: audited stock changes, never below what is
 * reserved; new stock wakes backorders (oldest first) and low stock alerts the seller once per crossing.
 */
public class UpdateStockHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final InventoryService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public UpdateStockHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(UpdateStockHandler::prime);
    }

    UpdateStockHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        DynamoInventory inventory = new DynamoInventory(dynamo, env.require("INVENTORY_TABLE"),
                env.require("STOCK_MOVEMENTS_TABLE"));
        this.service = new InventoryService(inventory,
                new LowStockAlerts(inventory, new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                        new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL"))),
                new SqsOrderQueue(sqs, env.require("ORDER_QUEUE_URL")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            String sku = Requests.pathParameter(event, "sku");
            String actor = Requests.actor(event).toString();
            boolean put = "PUT".equals(event.getRequestContext().getHttp().getMethod());
            InventoryService.Detail d = put
                    ? service.put(sellerId, actor, sku, Requests.jsonBody(event, false))
                    : service.adjust(sellerId, actor, sku, Requests.jsonBody(event, false));
            return Responses.json(200, InventoryViews.detail(d.item(), d.movements()));
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Records a count for a sample SKU through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        String item = "{\"Item\":{\"sellerId\":{\"S\":\"" + PrimingSamples.SELLER + "\"},\"sku\":{\"S\":\"MUG-BLUE\"},"
                + "\"onHand\":{\"N\":\"5\"},\"reserved\":{\"N\":\"1\"},\"available\":{\"N\":\"4\"}}}";
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("GetItem:sku", item,
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem()), "Query", "{\"Items\":[],\"Count\":0}"));
             SqsClient sqs = Priming.sqs()) {
            UpdateStockHandler handler = new UpdateStockHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, Map.of("onHand", 12, "lowStockThreshold", 3));
            event.setPathParameters(Map.of("sku", "MUG-BLUE"));
            event.getRequestContext().setHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("PUT").build());
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
