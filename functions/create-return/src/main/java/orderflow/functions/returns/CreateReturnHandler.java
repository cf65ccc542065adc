package orderflow.functions.returns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Requests;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.api.StorefrontRoutes;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoReturnPolicies;
import orderflow.shared.aws.DynamoReturns;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.service.ReturnService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /v1/orders/{orderId}/returns {lines: [{sku, quantity, reason}]}: an RMA within the seller's
 * return policy, the buyer emailed the instructions; outside it, 422 naming the rule. The same
 * request from the storefront (the buyer asked there): POST /webhooks/{storefrontId}/returns
 * {returnId, externalOrderId, lines}, signed like its orders; a redelivery answers 200, duplicate true.
 */
public class CreateReturnHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReturnService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public CreateReturnHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(CreateReturnHandler::prime);
    }

    CreateReturnHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        String accounts = env.require("ACCOUNTS_TABLE");
        this.service = new ReturnService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoReturns(dynamo, env.require("RETURNS_TABLE")), new DynamoReturnPolicies(dynamo, accounts),
                new DynamoAccounts(dynamo, accounts), new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (String.valueOf(event.getRouteKey()).startsWith("POST /webhooks/")) {
            return StorefrontRoutes.handle(event, context, storefrontId -> {
                ReturnService.Requested r = service.fromStorefront(storefrontId, name -> Requests.header(event, name),
                        Requests.rawBody(event));
                Map<String, Object> body = view(r.rma());
                body.put("duplicate", r.duplicate());
                return Responses.json(r.duplicate() ? 200 : 201, body);
            });
        }
        return SellerRoutes.handle(event, context, sellerId -> Responses.json(201, view(service.authorize(sellerId,
                Requests.pathParameter(event, "orderId"), Requests.jsonBody(event, false)))));
    }

    private static Map<String, Object> view(ReturnAuthorization rma) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rmaId", rma.rmaId());
        body.put("rmaNumber", rma.rmaNumber());
        body.put("orderId", rma.orderId());
        body.put("status", rma.status().name());
        body.put("createdAt", rma.createdAt().toString());
        body.put("lines", rma.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity(),
                "reason", l.reason().name())).toList());
        return body;
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Authorizes a return of a delivered sample order through a copy wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        var shipped = PrimingSamples.shippedOrder(now);
        var delivered = orderflow.shared.domain.OrderLifecycle.confirmDelivery(shipped,
                new orderflow.shared.domain.ActionRequests.Delivery(now, null),
                orderflow.shared.domain.Actor.job("priming"), now).after();
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "GetItem:orderId", Priming.itemJson(PrimingSamples.orderItem(delivered)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem()),
                "Query", "{\"Items\":[],\"Count\":0}"));
             SqsClient sqs = Priming.sqs()) {
            CreateReturnHandler handler = new CreateReturnHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(PrimingSamples.sellerRequest(delivered.orderId(), Map.of("lines",
                    List.of(Map.of("sku", delivered.lines().get(0).sku(), "quantity", 1, "reason", "NO_LONGER_NEEDED")))),
                    new PrimingContext());
        }
    }
}
