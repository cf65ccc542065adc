package orderflow.functions.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.ScheduledJob;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.CancelUnpaidService;

/** Scheduled (hourly by default): cancels orders unpaid past their seller's limit (CancelUnpaidService). */
public class CancelUnpaidHandler extends ScheduledJob {

    private final CancelUnpaidService service;

    public CancelUnpaidHandler() {
        this(Adapters.live());
    }

    public CancelUnpaidHandler(Adapters adapters) {
        super(adapters);
        this.service = new CancelUnpaidService(adapters.watchedOrders(), adapters.orders(), adapters.accounts(),
                adapters.emailOutbox(), adapters.clock());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        CancelUnpaidService.Report r = service.run(context::getRemainingTimeInMillis);
        return report(context, "unpaid.canceled", r.complete(), "canceled", r.canceled(),
                "stillWithinLimit", r.stillWithinLimit());
    }

    /** A run that cancels one sample order unpaid for 30 days (every index bucket answers it). */
    @Override
    protected PrimingRun<Map<String, Object>> priming(Instant now) {
        var order = PrimingSamples.pendingOrder(now.minus(Duration.ofDays(30)));
        return PrimingRun.of(Priming.answers().anyQuery(PrimingSamples.orderItem(order)).seller(),
                Map.of("id", "priming"));
    }
}
