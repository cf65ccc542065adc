package orderflow.functions.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.ActionResponses;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.SellerActions;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoSkuMappings;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.service.ReleaseService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /v1/orders/{orderId}/release {skus: [{line, sku, remember}], acceptTotals}: the seller fixes an
 * ON_HOLD order (SKUs mapped and remembered for the storefront, a total difference accepted) and
 * releases it to processing.
 */
public class ReleaseOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReleaseService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReleaseOrderHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReleaseOrderHandler::prime);
    }

    ReleaseOrderHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        env.require("ORDER_HISTORY_TABLE");
        this.service = new ReleaseService(DynamoOrders.fromEnv(dynamo, env),
                new DynamoSkuMappings(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsOrderQueue(sqs, env.require("ORDER_QUEUE_URL")), clock);
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> ActionResponses.of(service.release(sellerId,
                Requests.actor(event), Requests.pathParameter(event, "orderId"), Requests.jsonBody(event, true)),
                clock.instant(), 200));
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Releases a sample held order through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        Order unshipped = PrimingSamples.unshippedOrder(now);
        Order held = new Order(unshipped.orderId(), unshipped.sellerId(), unshipped.storefrontId(),
                unshipped.externalOrderId(), OrderStatus.ON_HOLD, "On hold", unshipped.createdAt(),
                unshipped.receivedAt(), unshipped.currency(), unshipped.buyer(), unshipped.shipTo(), unshipped.lines(),
                unshipped.totals(), null, null, unshipped.version(), unshipped.fulfillment(), null,
                new Intake("#1001", false, false, List.of(new FieldError("total_price", "does not add up")), null, null,
                        List.of()));
        Map<String, String> answers = SellerActions.primingAnswers(held);
        try (DynamoDbClient dynamo = Priming.dynamoDb(answers); SqsClient sqs = Priming.sqs()) {
            ReleaseOrderHandler handler = new ReleaseOrderHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(held.orderId(), Map.of("acceptTotals", true,
                    "skus", List.of(Map.of("line", 0, "sku", "MUG-BLUE")))), new PrimingContext());
        }
    }
}
