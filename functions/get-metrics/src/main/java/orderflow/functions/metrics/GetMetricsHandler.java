package orderflow.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
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
import orderflow.shared.domain.metrics.DailyMetrics;
import orderflow.shared.domain.metrics.Metric;
import orderflow.shared.service.MetricsService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /v1/metrics?window=: the seller's Amazon-style performance metrics, each with its target
 * and status, and a daily chart of the last window days (docs/metrics.md).
 */
public class GetMetricsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final MetricsService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public GetMetricsHandler() {
        this(AwsClients.dynamoDb(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(GetMetricsHandler::prime);
    }

    GetMetricsHandler(DynamoDbClient dynamo, Env env, Clock clock) {
        this.service = new MetricsService(new DynamoOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoMessages(dynamo, env.require("MESSAGES_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SellerRoutes.handle(event, context, sellerId -> {
            MetricsService.Result r = service.metrics(sellerId, event.getQueryStringParameters());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("window", r.window());
            body.put("asOf", r.asOf().toString());
            List<Map<String, Object>> metrics = new ArrayList<>();
            for (Metric m : r.metrics()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", m.name());
                json.put("label", m.label());
                json.put("value", m.value());
                json.put("unit", m.unit().name().toLowerCase(java.util.Locale.ROOT));
                json.put("target", m.target());
                json.put("targetValue", m.targetValue());
                json.put("status", m.status().name());
                json.put("numerator", m.numerator());
                json.put("denominator", m.denominator());
                json.put("windowDays", m.windowDays());
                metrics.add(json);
            }
            body.put("metrics", metrics);
            List<Map<String, Object>> daily = new ArrayList<>();
            for (DailyMetrics d : r.daily()) {
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("date", d.day().toString());
                day.put("lateShipmentRate", d.lateShipment().value());
                day.put("cancelRate", d.cancel().value());
                day.put("validTrackingRate", d.validTracking().value());
                day.put("ordersDue", d.lateShipment().denominator());
                daily.add(day);
            }
            body.put("daily", daily);
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

    /** Computes the sample seller's metrics over one shipped order through a copy wired to offline clients. */
    public static APIGatewayV2HTTPResponse prime() {
        var order = PrimingSamples.shippedOrder(java.time.Instant.now());
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "Query:BySellerCreated", Priming.queryJson(PrimingSamples.orderItem(order)),
                "Query", "{\"Items\":[],\"Count\":0}",
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())))) {
            GetMetricsHandler handler = new GetMetricsHandler(dynamo, Priming.ENV, Clock.systemUTC());
            APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, null);
            event.setQueryStringParameters(Map.of("window", "30"));
            return handler.handleRequest(event, new PrimingContext());
        }
    }
}
