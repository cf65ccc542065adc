package orderflow.functions.messages;

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
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.api.StorefrontRoutes;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import orderflow.shared.service.MessageService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * POST /webhooks/{storefrontId}/messages {externalOrderId, messageId, body, sentAt?}: a buyer's
 * message, signed like an order. Stored once per messageId; the thread then waits for the seller.
 */
public class ReceiveBuyerMessageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final MessageService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReceiveBuyerMessageHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReceiveBuyerMessageHandler::prime);
    }

    ReceiveBuyerMessageHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new MessageService(new DynamoMessages(dynamo, env.require("MESSAGES_TABLE")),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")), null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return StorefrontRoutes.handle(event, context, storefrontId -> {
            MessageService.Received r = service.receive(storefrontId, name -> Requests.header(event, name),
                    Requests.rawBody(event));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("orderId", r.orderId());
            answer.put("messageId", r.messageId());
            answer.put("duplicate", r.duplicate());
            return Responses.json(202, answer);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Receives a signed sample message through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now());
        String body = Json.write(Map.of("externalOrderId", order.externalOrderId(), "messageId", "priming-1",
                "body", "Where is my parcel?"));
        String signature = WebhookSignature.sign(PrimingSamples.SECRET, Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:pk", Priming.itemJson(PrimingSamples.storefrontItem()),
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order))))) {
            ReceiveBuyerMessageHandler handler = new ReceiveBuyerMessageHandler(dynamo, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                    .withPathParameters(Map.of("storefrontId", PrimingSamples.STOREFRONT))
                    .withHeaders(Map.of(WebhookSignature.HEADER, signature)).withBody(body).build(), new PrimingContext());
        }
    }
}
