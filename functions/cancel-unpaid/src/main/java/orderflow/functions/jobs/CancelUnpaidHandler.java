package orderflow.functions.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.api.SnapStartHook;
import orderflow.shared.aws.AwsClients;
import orderflow.shared.aws.DynamoAccounts;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.DynamoWatchedOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.service.CancelUnpaidService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Scheduled (hourly by default): cancels orders unpaid past their seller's limit (CancelUnpaidService). */
public class CancelUnpaidHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final CancelUnpaidService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public CancelUnpaidHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(CancelUnpaidHandler::prime);
    }

    CancelUnpaidHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        String orders = env.require("ORDERS_TABLE");
        this.service = new CancelUnpaidService(new DynamoWatchedOrders(dynamo, orders),
                new DynamoOrders(dynamo, orders, env.require("ORDER_HISTORY_TABLE"), null),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")), clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        CancelUnpaidService.Report r = service.run(context::getRemainingTimeInMillis);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("canceled", r.canceled());
        report.put("stillWithinLimit", r.stillWithinLimit());
        report.put("complete", r.complete());
        context.getLogger().log("unpaid cancel " + report, r.complete() ? LogLevel.INFO : LogLevel.WARN);
        return report;
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.scheduled(in, out, event -> handleRequest(event, context));
    }

    /** Cancels one long-unpaid sample order through a copy wired to offline clients. */
    public static Map<String, Object> prime() {
        var order = PrimingSamples.pendingOrder(Instant.now().minus(Duration.ofDays(30)));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "Query", Priming.queryJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            CancelUnpaidHandler handler = new CancelUnpaidHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(Map.of("id", "priming"), new PrimingContext());
        }
    }
}
