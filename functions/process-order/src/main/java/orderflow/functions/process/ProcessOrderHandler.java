package orderflow.functions.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.api.SqsBatches;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.LowStockAlerts;
import orderflow.shared.service.ProcessOrderService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * OrderQueue consumer: reserve stock, set ship-by, confirm; on new stock, retry the SKU's backorders
 * oldest first. Reports failed messages one by one
 * (ReportBatchItemFailures) so one bad order never holds back the rest of its batch.
 */
public class ProcessOrderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ProcessOrderService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ProcessOrderHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ProcessOrderHandler::prime);
    }

    ProcessOrderHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        String ordersTable = env.require("ORDERS_TABLE");
        String inventoryTable = env.require("INVENTORY_TABLE");
        DynamoAccounts accounts = new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE"));
        SqsEmailOutbox emails = new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL"));
        this.service = new ProcessOrderService(
                new DynamoOrders(dynamo, ordersTable, env.require("ORDER_HISTORY_TABLE"), inventoryTable),
                accounts, emails, new LowStockAlerts(new DynamoInventory(dynamo, inventoryTable, null), accounts, emails),
                clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.each(event, context, body -> {
            Map<String, Object> message = Json.parseObject(body);
            if (message.get("stockArrived") instanceof Map<?, ?> arrived
                    && arrived.get("sellerId") instanceof String seller && arrived.get("sku") instanceof String sku) {
                return "stock of " + sku + " arrived: " + service.stockArrived(seller, sku) + " backorders confirmed";
            }
            if (message.get("cancel") instanceof Map<?, ?> c && c.get("orderId") instanceof String id) {
                return "cancel of " + id + ": " + service.cancel(id, (String) c.get("reason"),
                        Boolean.TRUE.equals(c.get("buyerRequested")),
                        orderflow.shared.domain.Actor.parse(String.valueOf(c.get("by"))));
            }
            if (!(message.get("orderId") instanceof String id)) {
                throw new IllegalArgumentException("message has none of orderId, stockArrived, cancel");
            }
            return "order " + id + ": " + service.process(id);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.sqs(in, out, event -> handleRequest(event, context));
    }

    /** Confirms a sample order through a copy of this handler wired to offline clients. */
    public static SQSBatchResponse prime() {
        Order order = PrimingSamples.order(Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            ProcessOrderHandler handler = new ProcessOrderHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))), new PrimingContext());
        }
    }
}
