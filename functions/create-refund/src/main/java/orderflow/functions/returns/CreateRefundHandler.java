package orderflow.functions.returns;

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
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.aws.SqsRefundNotices;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.service.RefundService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /v1/orders/{orderId}/refunds {amount, reason, requestId} (or an Idempotency-Key header):
 * a goodwill refund under the cap of what was paid minus what was refunded. 201 with the refund
 * and the order; the same request id again answers 200 with the same refund, changed false.
 */
public class CreateRefundHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RefundService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public CreateRefundHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(CreateRefundHandler::prime);
    }

    CreateRefundHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.clock = clock;
        DynamoOrders orders = DynamoOrders.fromEnv(dynamo, env);
        this.service = new RefundService(orders, null, new DynamoRefunds(dynamo, env.require("REFUNDS_TABLE"),
                orders, null), null, new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")),
                new SqsRefundNotices(sqs, env.require("REFUND_QUEUE_URL")), null, null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            String orderId = Requests.pathParameter(event, "orderId");
            RefundService.Issued issued = service.goodwill(sellerId, Requests.actor(event), orderId,
                    Requests.jsonBody(event, false), Requests.header(event, "idempotency-key"));
            Map<String, Object> body = ReturnViews.refund(issued.refund());
            body.put("order", OrderViews.detail(issued.order(), clock.instant()));
            body.put("changed", issued.changed());
            return Responses.json(issued.changed() ? 201 : 200, body);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Refunds 1.00 on a delivered sample order through a copy wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        Order delivered = OrderLifecycle.confirmDelivery(PrimingSamples.shippedOrder(now),
                new ActionRequests.Delivery(now, null), Actor.job("priming"), now).after();
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId,refundId", "{}",
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(delivered)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            CreateRefundHandler handler = new CreateRefundHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(delivered.orderId(), Map.of(
                    "amount", Map.of("amount", "1.00", "currency", delivered.currency()),
                    "reason", "priming", "requestId", "priming-1")), new PrimingContext());
        }
    }
}
