package orderflow.functions.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.OrderViews;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import orderflow.shared.service.OrderQueryService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /v1/orders?status=&createdFrom=&createdTo=&shipByBefore=&late=&limit=&cursor=: the seller's
 * orders newest first, from an index, a page at a time with an opaque cursor.
 */
public class ListOrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderQueryService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ListOrdersHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ListOrdersHandler::prime);
    }

    ListOrdersHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new OrderQueryService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")));
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            Instant now = clock.instant();
            OrderQueryService.Listing listing = service.list(sellerId, event.getQueryStringParameters(), now);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Order o : listing.orders()) {
                rows.add(OrderViews.summary(o, now));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orders", rows);
            body.put("nextCursor", listing.nextCursor());
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

    /** Lists a page holding a sample order through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        Order order = PrimingSamples.order(Instant.now());
        String page = Json.write(Map.of("Count", 1, "Items", List.of(Json.parseObject(
                Priming.itemJson(PrimingSamples.orderItem(order))).get("Item"))));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of("Query", page))) {
            ListOrdersHandler handler = new ListOrdersHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withQueryStringParameters(Map.of("status", "UNSHIPPED", "limit", "10"))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withLambda(Map.of("sellerId", PrimingSamples.SELLER)).build()).build())
                    .build();
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
