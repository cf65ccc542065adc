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
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.service.MessageService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** POST /v1/orders/{orderId}/messages {body}: the seller's answer, emailed to the buyer; closes the wait. */
public class ReplyToBuyerHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final MessageService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ReplyToBuyerHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ReplyToBuyerHandler::prime);
    }

    ReplyToBuyerHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.service = new MessageService(new DynamoMessages(dynamo, env.require("MESSAGES_TABLE")),
                new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            MessageService.Replied r = service.reply(sellerId, Requests.actor(event),
                    Requests.pathParameter(event, "orderId"), Requests.jsonBody(event, false));
            Map<String, Object> body = new LinkedHashMap<>(MessageViews.message(r.reply()));
            body.put("responseSeconds", r.responseSeconds());
            return Responses.json(201, body);
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Answers a sample thread through a copy of this handler wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            ReplyToBuyerHandler handler = new ReplyToBuyerHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(order.orderId(),
                    Map.of("body", "It ships today.")), new PrimingContext());
        }
    }
}
