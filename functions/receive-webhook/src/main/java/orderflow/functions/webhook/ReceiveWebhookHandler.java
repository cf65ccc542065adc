package orderflow.functions.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.StorefrontRoutes;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoDeliveryLog;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsOrderQueue;
import orderflow.shared.security.WebhookSignature;
import orderflow.shared.service.ReceiveOrderService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** POST /webhooks/{storefrontId}: a storefront delivers an order (generic signed JSON). Answers 202. */
public class ReceiveWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReceiveOrderService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReceiveWebhookHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReceiveWebhookHandler::prime);
    }

    ReceiveWebhookHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.service = new ReceiveOrderService(
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE"), env.require("ORDER_HISTORY_TABLE"), null),
                new SqsOrderQueue(sqs, env.require("ORDER_QUEUE_URL")),
                new DynamoDeliveryLog(dynamo, env.require("DELIVERY_LOG_TABLE")),
                clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return StorefrontRoutes.handle(event, context, storefrontId -> {
            ReceiveOrderService.Receipt receipt = service.receive(storefrontId, name -> Requests.header(event, name),
                    Requests.rawBody(event));
            context.getLogger().log("delivery from storefront " + storefrontId + ": order " + receipt.orderId() + " "
                    + (receipt.duplicate() ? "redelivered" : "accepted") + " as " + receipt.status()
                    + (receipt.note() == null ? "" : " (" + receipt.note() + ")"), LogLevel.INFO);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("orderId", receipt.orderId());
            answer.put("status", receipt.status() == null ? null : receipt.status().name());
            answer.put("duplicate", receipt.duplicate());
            answer.put("note", receipt.note());
            // 202: accepted for processing; 200: nothing to process (a ping, a topic we do not act on).
            return Responses.json(receipt.orderId() == null ? 200 : 202, answer);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /**
     * Runs a signed sample order, and a broken one, through a copy of this handler wired to
     * offline clients: every class of the request path is loaded, nothing leaves the JVM.
     */
    public static APIGatewayV2HTTPResponse prime() {
        String body = PrimingSamples.orderJson();
        String signature = WebhookSignature.sign(PrimingSamples.SECRET, Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("GetItem", Priming.itemJson(PrimingSamples.storefrontItem())));
             SqsClient sqs = Priming.sqs()) {
            ReceiveWebhookHandler handler = new ReceiveWebhookHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                    .withPathParameters(Map.of("storefrontId", PrimingSamples.STOREFRONT))
                    .withHeaders(Map.of(WebhookSignature.HEADER, signature, "content-type", "application/json"));
            handler.handleRequest(event.withBody("{\"lines\": 1}").build(), new PrimingContext());
            return handler.handleRequest(event.withBody(body).build(), new PrimingContext());
        }
    }
}
