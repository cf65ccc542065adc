package orderflow.functions.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.ScheduledJob;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.OverdueCheckService;

/**
 * Scheduled (every 15 minutes by default): flags late and at-risk orders and overdue buyer
 * messages once each, collects the changes a platform refused (FAILED channel syncs) not yet
 * reported, and emails each affected seller one digest (OverdueCheckService). The
 * EventBridge event id is the run id: a retried invocation of the same event is the same run.
 */
public class FlagOverdueHandler extends ScheduledJob {

    private final OverdueCheckService service;

    public FlagOverdueHandler() {
        this(Adapters.live());
    }

    public FlagOverdueHandler(Adapters adapters) {
        super(adapters);
        this.service = new OverdueCheckService(adapters.watchedOrders(), adapters.messages(), adapters.accounts(),
                adapters.emailOutbox(), adapters.jobCheckpoints(),
                Duration.ofHours(Long.parseLong(adapters.setting("AT_RISK_HOURS"))), adapters.clock(),
                adapters.failedSyncs(), adapters.orderReads());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String runId = String.valueOf(event.getOrDefault("id", context.getAwsRequestId()));
        OverdueCheckService.Report r = service.run(runId, context::getRemainingTimeInMillis);
        return report(context, "overdue.checked", r.complete(), "runId", runId, "late", r.late(), "atRisk", r.atRisk(),
                "waitingForSeller", r.waiting(), "overdueMessages", r.overdue(), "refusedSyncs", r.refusedSyncs(), "digests", r.digests());
    }

    /** A check that finds one late sample order (every index bucket answers it) and one refused sync of it. */
    @Override
    protected PrimingRun<Map<String, Object>> priming(Instant now) {
        var order = PrimingSamples.unshippedOrder(now.minus(Duration.ofDays(10)));
        var failed = PrimingSamples.failedSyncItem(order.orderId());
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(order))
                        .query("FailedSyncs", Map.of("orderId", failed.get("orderId"), "syncId", failed.get("syncId")))
                        .item(failed, "orderId", "syncId").order(order).seller(),
                Map.of("id", "priming", "detail-type", "Scheduled Event"));
    }
}
