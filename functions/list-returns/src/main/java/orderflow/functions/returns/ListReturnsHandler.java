package orderflow.functions.returns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
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
import orderflow.shared.api.ReturnViews;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.aws.DynamoReturns;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.RefundService;
import orderflow.shared.service.ReturnService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The read side of returns and refunds: GET /v1/returns?status=&limit=&cursor= (the seller's RMAs,
 * newest first), GET /v1/orders/{orderId}/returns and GET /v1/orders/{orderId}/refunds.
 */
public class ListReturnsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ReturnService returns;
    private final RefundService refunds;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ListReturnsHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ListReturnsHandler::prime);
    }

    ListReturnsHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        DynamoOrders orders = new DynamoOrders(dynamo, env.require("ORDERS_TABLE"));
        DynamoReturns rmas = new DynamoReturns(dynamo, env.require("RETURNS_TABLE"));
        DynamoRefunds refundTable = new DynamoRefunds(dynamo, env.require("REFUNDS_TABLE"), null, null);
        this.returns = new ReturnService(orders, rmas, refundTable, clock);
        this.refunds = new RefundService(orders, rmas, refundTable, null, null, null, null, null, null, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            String orderId = event.getPathParameters() == null ? null : event.getPathParameters().get("orderId");
            if (orderId == null) {
                ReturnService.Listing listing = returns.list(sellerId, event.getQueryStringParameters());
                return Responses.json(200, ReturnViews.items(listing.items().stream()
                        .map(l -> ReturnViews.rma(l.rma(), l.refund())).toList(), listing.nextCursor()));
            }
            orderId = Requests.pathParameter(event, "orderId");
            if (String.valueOf(event.getRouteKey()).endsWith("/refunds")) {
                return Responses.json(200, ReturnViews.items(refunds.forOrder(sellerId, orderId).stream()
                        .map(ReturnViews::refund).toList(), null));
            }
            List<ReturnService.Listed> listed = returns.forOrder(sellerId, orderId);
            return Responses.json(200, ReturnViews.items(listed.stream()
                    .map(l -> ReturnViews.rma(l.rma(), l.refund())).toList(), null));
        });
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Lists the sample seller's returns through a copy wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("Query", "{\"Items\":[],\"Count\":0}"))) {
            ListReturnsHandler handler = new ListReturnsHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, null);
            event.setQueryStringParameters(Map.of("status", "RECEIVED"));
            event.setRouteKey("GET /v1/returns");
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
