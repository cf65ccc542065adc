package orderflow.functions.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.MessageViews;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.MessageService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /v1/messages?awaitingReply=true (threads waiting for the seller, oldest first, with how long)
 * and GET /v1/orders/{orderId}/messages (one order's conversation).
 */
public class ListMessagesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final MessageService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ListMessagesHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ListMessagesHandler::prime);
    }

    ListMessagesHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new MessageService(new DynamoMessages(dynamo, env.require("MESSAGES_TABLE")),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE")), null, null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            String orderId = Requests.pathParameter(event, "orderId");
            if (orderId != null) {
                return Responses.json(200, MessageViews.conversation(service.conversation(sellerId, orderId)));
            }
            MessageService.Waiting waiting = service.awaiting(sellerId, event.getQueryStringParameters());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("threads", waiting.threads().stream().map(t -> MessageViews.thread(t, waiting.now())).toList());
            body.put("nextCursor", waiting.nextCursor());
            return Responses.json(200, body);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Lists waiting threads and reads one through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now());
        // One canned item that reads as a thread and as a message (both queries get it).
        String thread = "{\"author\":{\"S\":\"BUYER\"},\"messageId\":{\"S\":\"m1\"},\"body\":{\"S\":\"Hi\"},"
                + "\"at\":{\"S\":\"2026-11-27T10:00:00Z\"},\"pk\":{\"S\":\"ORDER#" + order.orderId() + "\"},\"sk\":{\"S\":\"THREAD\"},"
                + "\"orderId\":{\"S\":\"" + order.orderId() + "\"},\"sellerId\":{\"S\":\"" + PrimingSamples.SELLER + "\"},"
                + "\"externalOrderId\":{\"S\":\"1001\"},\"waitingSince\":{\"S\":\"2026-11-27T10:00:00.000Z\"},"
                + "\"lastMessageAt\":{\"S\":\"2026-11-27T10:00:00.000Z\"},\"lastBuyerMessage\":{\"S\":\"Where is it?\"}}";
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("Query", "{\"Items\":[" + thread + "],\"Count\":1}",
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", "{\"Item\":" + thread + "}"))) {
            ListMessagesHandler handler = new ListMessagesHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent list = PrimingSamples.sellerRequest(null, null);
            list.setQueryStringParameters(Map.of("awaitingReply", "true"));
            handler.handleRequest(list, new PrimingContext());
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(), null), new PrimingContext());
        }
    }
}
