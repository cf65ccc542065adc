package orderflow.functions.amazon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
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
import orderflow.shared.aws.DynamoDeliveryLog;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.ports.AmazonOrdersApi;
import orderflow.shared.service.AmazonNotificationService;
import orderflow.shared.service.ReceiveOrderService;
import orderflow.shared.spapi.SpApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AmazonNotificationQueue consumer: SP-API ORDER_CHANGE notifications become orders (or cancels).
 * Failed messages are reported one by one; after 5 receives they wait in the DLQ for a redrive.
 */
public class ReceiveAmazonNotificationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final AmazonNotificationService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReceiveAmazonNotificationHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReceiveAmazonNotificationHandler::prime);
    }

    ReceiveAmazonNotificationHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this(dynamo, sqs, env, clock, new SpApiClient(URI.create(env.require("SPAPI_ENDPOINT")),
                URI.create(env.require("LWA_ENDPOINT")), env.optional("LWA_CLIENT_ID"), env.optional("LWA_CLIENT_SECRET"),
                clock)); // blank until an Amazon storefront is set up: the client says so when used
    }

    ReceiveAmazonNotificationHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock, AmazonOrdersApi api) {
        DynamoAccounts accounts = new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE"));
        DynamoDeliveryLog deliveries = new DynamoDeliveryLog(dynamo, env.require("DELIVERY_LOG_TABLE"));
        ReceiveOrderService receive = new ReceiveOrderService(accounts,
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE"), env.require("ORDER_HISTORY_TABLE"), null),
                new SqsOrderQueue(sqs, env.require("ORDER_QUEUE_URL")), deliveries, clock);
        this.service = new AmazonNotificationService(accounts, receive, api, deliveries, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.each(event, context, service::handle);
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.sqs(in, out, event -> handleRequest(event, context));
    }

    /** A notification whose SellerId is already handled (the delivery log answers): the parse path only. */
    public static SQSBatchResponse prime() {
        String notification = "{\"NotificationType\":\"ORDER_CHANGE\",\"NotificationMetadata\":{\"NotificationId\":\"priming\"},"
                + "\"Payload\":{\"OrderChangeNotification\":{\"SellerId\":\"PRIMING\",\"AmazonOrderId\":\"000-0000000-0000000\"}}}";
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("GetItem", "{\"Item\":{\"deliveryKey\":{\"S\":\"amazon#priming\"},"
                + "\"orderId\":{\"S\":\"\"},\"expiresAt\":{\"N\":\"" + (System.currentTimeMillis() / 1000 + 3600) + "\"}}}"));
             SqsClient sqs = Priming.sqs()) {
            AmazonOrdersApi offline = new AmazonOrdersApi() {
                @Override public Map<String, Object> getOrder(String token, String id) { throw new IllegalStateException("offline"); }
                @Override public Map<String, Object> getOrderItems(String token, String id) { throw new IllegalStateException("offline"); }
            };
            ReceiveAmazonNotificationHandler handler = new ReceiveAmazonNotificationHandler(dynamo, sqs, Priming.ENV,
                    Clock.systemUTC(), offline);
            return handler.handleRequest(LambdaStreams.sqsEventOf(notification), new PrimingContext());
        }
    }
}
