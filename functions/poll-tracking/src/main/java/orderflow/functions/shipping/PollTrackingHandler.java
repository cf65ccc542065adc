package orderflow.functions.shipping;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.ScheduledJob;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.service.PollTracking;
import orderflow.shared.service.TrackParcels;

/** Scheduled (every 30 minutes): scans of parcels whose carrier has no webhooks (Amazon Shipping). */
public class PollTrackingHandler extends ScheduledJob {

    private final PollTracking service;

    public PollTrackingHandler() {
        this(Adapters.live());
    }

    public PollTrackingHandler(Adapters adapters) {
        super(adapters);
        var orders = adapters.orders();
        this.service = new PollTracking(adapters.labels(), orders, adapters.carrierAccounts(), adapters.carriers(),
                new TrackParcels(orders, adapters.labels(), adapters.accounts(), adapters.emailOutbox(), adapters.clock()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        PollTracking.Report r = service.run(context::getRemainingTimeInMillis);
        return report(context, "tracking.polled", r.complete(), "polled", r.polled(), "changed", r.changed(),
                "failed", r.failed());
    }

    /** No parcel in transit: the index read, offline. */
    @Override
    protected PrimingRun<Map<String, Object>> priming(Instant now) {
        return PrimingRun.of(Priming.answers().query("InTransit"), Map.of("id", "priming",
                "detail-type", "Scheduled Event"));
    }
}
