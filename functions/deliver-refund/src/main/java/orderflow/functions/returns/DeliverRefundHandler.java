package orderflow.functions.returns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.HttpRefundWebhook;
import orderflow.shared.ports.RefundWebhook;
import orderflow.shared.service.RefundDeliveryService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * RefundQueue consumer: POSTs each refund to its storefront's refund URL, signed. Not acknowledged
 * (no answer, or not 2xx): the message is reported failed and hidden for the backoff delay
 * (base x 2^(attempt-1), at most 6 h) so it comes back later; after maxReceiveCount attempts it
 * lands in RefundDLQ with its body, and the DLQ alarm tells the operator.
 */
public class DeliverRefundHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final RefundDeliveryService service;
    private final SqsClient sqs;
    private final String queueUrl;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public DeliverRefundHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), new HttpRefundWebhook(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(DeliverRefundHandler::prime);
    }

    DeliverRefundHandler(DynamoDbClient dynamo, SqsClient sqs, RefundWebhook webhook, Env env, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = env.require("REFUND_QUEUE_URL");
        // 30 s unless a test shortens it: the backoff is part of the design, not a deployment knob
        Duration base = Duration.ofSeconds(Long.parseLong(env.optional("RETRY_BASE_SECONDS") == null ? "30"
                : env.optional("RETRY_BASE_SECONDS")));
        this.service = new RefundDeliveryService(new DynamoRefunds(dynamo, env.require("REFUNDS_TABLE"), null, null),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")), webhook, base, clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                Map<String, Object> body = Json.parseObject(message.getBody());
                String orderId = String.valueOf(body.get("orderId"));
                String refundId = String.valueOf(body.get("refundId"));
                int attempt = receiveCount(message);
                switch (service.deliver(orderId, refundId, attempt)) {
                    case RefundDeliveryService.Acknowledged a -> context.getLogger().log("refund " + refundId
                            + " acknowledged by the storefront", LogLevel.INFO);
                    case RefundDeliveryService.NothingToSend n -> context.getLogger().log("refund " + refundId
                            + ": " + n.why(), LogLevel.WARN);
                    case RefundDeliveryService.Retry r -> {
                        context.getLogger().log("refund " + refundId + " attempt " + attempt + " not acknowledged ("
                                + r.error() + "); next in " + r.delay().toSeconds() + " s", LogLevel.WARN);
                        // Hidden for the backoff, then redelivered; failed so it is not deleted.
                        sqs.changeMessageVisibility(v -> v.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                                .visibilityTimeout((int) r.delay().toSeconds()));
                        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    }
                }
            } catch (RuntimeException e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e, LogLevel.ERROR);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.sqs(in, out, event -> handleRequest(event, context));
    }

    /** Delivers a sample refund to an endpoint that answers 200 without a network, through offline clients. */
    public static SQSBatchResponse prime() {
        Instant now = Instant.now();
        Order delivered = OrderLifecycle.confirmDelivery(PrimingSamples.shippedOrder(now),
                new ActionRequests.Delivery(now, null), Actor.job("priming"), now).after();
        Refund refund = Refund.goodwill(delivered.orderId(), PrimingSamples.SELLER, PrimingSamples.STOREFRONT,
                "priming-1", new Money(100, delivered.currency()), "priming", now);
        Map<String, AttributeValue> storefront = new java.util.HashMap<>(PrimingSamples.storefrontItem());
        storefront.put("refundUrl", AttributeValue.fromS("https://refunds.example.com/priming"));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId,refundId", Priming.itemJson(PrimingSamples.refundItem(refund)),
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(delivered)),
                "GetItem:pk", Priming.itemJson(storefront)));
             SqsClient sqs = Priming.sqs()) {
            DeliverRefundHandler handler = new DeliverRefundHandler(dynamo, sqs, (url, body, headers) -> 200,
                    Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", delivered.orderId(),
                    "refundId", refund.refundId()))), new PrimingContext());
        }
    }
}
