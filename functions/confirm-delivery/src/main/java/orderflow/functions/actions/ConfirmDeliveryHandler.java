package orderflow.functions.actions;

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
import orderflow.shared.api.ActionResponses;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.SellerActions;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import software.amazon.awssdk.services.sqs.SqsClient;
import orderflow.shared.domain.Order;
import orderflow.shared.service.OrderActionService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** POST /v1/orders/{orderId}/delivery {deliveredAt, shipmentId?}: DELIVERED once every shipment arrived; emails the buyer. */
public class ConfirmDeliveryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderActionService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ConfirmDeliveryHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ConfirmDeliveryHandler::prime);
    }

    ConfirmDeliveryHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.service = SellerActions.service(dynamo,
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")), null, env, clock);
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> ActionResponses.of(service.confirmDelivery(sellerId,
                Requests.actor(event), Requests.pathParameter(event, "orderId"), Requests.jsonBody(event, false)), clock.instant(), 200));
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Runs the action on a sample order through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        Order order = PrimingSamples.shippedOrder(now);
        Map<String, String> answers = SellerActions.primingAnswers(order);
        try (DynamoDbClient dynamo = Priming.dynamoDb(answers);
             SqsClient sqs = Priming.sqs()) {
            ConfirmDeliveryHandler handler = new ConfirmDeliveryHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(), Map.of("deliveredAt", now.toString())),
                    new PrimingContext());
        }
    }
}
