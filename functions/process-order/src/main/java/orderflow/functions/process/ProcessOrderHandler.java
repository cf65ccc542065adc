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
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.ProcessOrderService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * OrderQueue consumer: reserve stock, set ship-by, confirm. Reports failed messages one by one
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
        this.service = new ProcessOrderService(
                new DynamoOrders(dynamo, ordersTable, env.require("ORDER_HISTORY_TABLE"), env.require("INVENTORY_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")),
                clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.each(event, context, body -> {
            Object orderId = Json.parseObject(body).get("orderId");
            if (!(orderId instanceof String id)) {
                throw new IllegalArgumentException("message has no orderId");
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
