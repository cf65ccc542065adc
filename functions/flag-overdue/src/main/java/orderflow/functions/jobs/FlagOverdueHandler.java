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
import orderflow.shared.aws.DynamoJobCheckpoints;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.aws.DynamoWatchedOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.aws.SqsEmailOutbox;
import orderflow.shared.service.OverdueCheckService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Scheduled (every 15 minutes by default): flags late and at-risk orders and overdue buyer
 * messages once each and emails each affected seller one digest (OverdueCheckService). The
 * EventBridge event id is the run id: a retried invocation of the same event is the same run.
 */
public class FlagOverdueHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final OverdueCheckService service;
    /** Held so the CRaC registration lives as long as the handler; null when built by tests. */
    private SnapStartHook snapStart;

    public FlagOverdueHandler() {
        this(AwsClients.dynamoDb(), AwsClients.sqs(), Env.system(), Clock.systemUTC());
        this.snapStart = SnapStartHook.register(FlagOverdueHandler::prime);
    }

    FlagOverdueHandler(DynamoDbClient dynamo, SqsClient sqs, Env env, Clock clock) {
        this.service = new OverdueCheckService(new DynamoWatchedOrders(dynamo, env.require("ORDERS_TABLE")),
                new DynamoMessages(dynamo, env.require("MESSAGES_TABLE")),
                new DynamoAccounts(dynamo, env.require("ACCOUNTS_TABLE")),
                new SqsEmailOutbox(sqs, env.require("EMAIL_QUEUE_URL")),
                new DynamoJobCheckpoints(dynamo, env.require("ACCOUNTS_TABLE")),
                Duration.ofHours(Long.parseLong(env.require("AT_RISK_HOURS"))), clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String runId = String.valueOf(event.getOrDefault("id", context.getAwsRequestId()));
        OverdueCheckService.Report r = service.run(runId, context::getRemainingTimeInMillis);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("late", r.late());
        report.put("atRisk", r.atRisk());
        report.put("waitingForSeller", r.waiting());
        report.put("overdueMessages", r.overdue());
        report.put("digests", r.digests());
        report.put("complete", r.complete());
        context.getLogger().log("overdue check " + report, r.complete() ? LogLevel.INFO : LogLevel.WARN);
        return report;
    }

    /**
     * The Lambda entry point named in template.yaml: reads and writes the event JSON with jackson-jr
     * instead of the runtime's reflective serialiser (see LambdaStreams), then runs handleRequest.
     */
    public void handleStream(InputStream in, OutputStream out, Context context) throws IOException {
        LambdaStreams.scheduled(in, out, event -> handleRequest(event, context));
    }

    /** Runs a check that finds one late sample order, through a copy wired to offline clients. */
    public static Map<String, Object> prime() {
        var order = PrimingSamples.unshippedOrder(Instant.now().minus(Duration.ofDays(10)));
        try (DynamoDbClient dynamo = Priming.dynamoDb(Map.of(
                "Query", Priming.queryJson(PrimingSamples.orderItem(order)),
                "GetItem:pk", Priming.itemJson(PrimingSamples.sellerItem())));
             SqsClient sqs = Priming.sqs()) {
            FlagOverdueHandler handler = new FlagOverdueHandler(dynamo, sqs, Priming.ENV, Clock.systemUTC());
            return handler.handleRequest(Map.of("id", "priming", "detail-type", "Scheduled Event"),
                    new PrimingContext());
        }
    }
}
