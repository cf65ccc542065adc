package orderflow.functions.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.OrderCsv;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.Responses;
import orderflow.shared.api.SellerRoutes;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.OrderExportService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /v1/orders/export?from=&to=&cursor=: the seller's orders as CSV. A range too large for one
 * response ends early with a Link rel="next" header (and X-Next-Cursor) to fetch the rest.
 */
public class ExportOrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Stop reading pages when less than this is left of the invocation. */
    private static final int RESERVE_MILLIS = 3_000;

    private final OrderExportService service;
    private final Clock clock;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public ExportOrdersHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(ExportOrdersHandler::prime);
    }

    ExportOrdersHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new OrderExportService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")));
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            Map<String, String> query = event.getQueryStringParameters();
            OrderExportService.Export export = service.export(sellerId, query, clock.instant(), OrderCsv::row,
                    OrderCsv.HEADER, () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS);
            Map<String, String> headers = new HashMap<>();
            headers.put("content-disposition", "attachment; filename=\"orders.csv\"");
            headers.put("x-row-count", Integer.toString(export.rows()));
            if (export.nextCursor() != null) {
                // The same range as this part (to resolved, so "now" does not move on between parts).
                String next = "/v1/orders/export?from=" + encode(export.from().toString()) + "&to="
                        + encode(export.to().toString()) + "&cursor=" + export.nextCursor();
                headers.put("link", "<" + next + ">; rel=\"next\"");
                headers.put("x-next-cursor", export.nextCursor());
            }
            return Responses.text(200, export.csv(), "text/csv; charset=utf-8", headers);
        });
    }

    private static String encode(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.http(in, out, event -> handleRequest(event, context));
    }

    /** Exports one sample order through a copy of this handler wired to an offline client. */
    public static APIGatewayV2HTTPResponse prime() {
        Instant now = Instant.now();
        String item = Priming.itemJson(PrimingSamples.orderItem(PrimingSamples.shippedOrder(now)));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "Query", "{\"Items\":[" + item.substring("{\"Item\":".length(), item.length() - 1) + "],\"Count\":1}"))) {
            ExportOrdersHandler handler = new ExportOrdersHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, null);
            event.setQueryStringParameters(Map.of("from", now.minusSeconds(86_400).toString()));
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
