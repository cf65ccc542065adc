package orderflow.functions.process;

import java.time.Clock;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.api.SqsBatches;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoReservations;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.SqsEmailOutbox;
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

    public ProcessOrderHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
    }

    ProcessOrderHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        String ordersTable = env.require("ORDERS_TABLE");
        this.service = new ProcessOrderService(
                new DynamoOrders(dynamo, ordersTable),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new DynamoReservations(dynamo, ordersTable, env.require("INVENTORY_TABLE")),
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
}
