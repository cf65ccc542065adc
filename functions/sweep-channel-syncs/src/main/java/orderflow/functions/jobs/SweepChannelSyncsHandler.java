package orderflow.functions.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import orderflow.shared.api.Log;
import orderflow.shared.api.ScheduledJob;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Priming;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.service.ChannelSyncSweep;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scheduled (every 5 minutes): channel syncs left PENDING with nothing on the way to send them (never
 * queued, or their message lost) go back on SyncQueue (ChannelSyncSweep). What the sync function then
 * does with them is logged by it; this logs how many it re-queued and whether more were left.
 */
public class SweepChannelSyncsHandler extends ScheduledJob {

    private final ChannelSyncSweep service;

    public SweepChannelSyncsHandler() {
        this(Adapters.live());
    }

    public SweepChannelSyncsHandler(Adapters adapters) {
        super(adapters);
        this.service = new ChannelSyncSweep(adapters.openSyncs(), adapters.syncQueue(), adapters.clock());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        ChannelSyncSweep.Report r = service.run(context::getRemainingTimeInMillis);
        if (r.more()) {
            // Many idle syncs at once (a queue or API outage): worth a look, and the next runs continue.
            Log.warn(context, "channel-syncs.sweep-bounded", "requeued", r.requeued(),
                    "oldestIdleSince", String.valueOf(r.oldestSince()),
                    "note", "more idle syncs than one run re-queues; the next run takes the oldest left");
        }
        return report(context, "channel-syncs.swept", r.complete(), "requeued", r.requeued(), "more", r.more(),
                "oldestIdleSince", String.valueOf(r.oldestSince()));
    }

    /** One idle sync of the sample order: the index read and the re-queue, offline. */
    @Override
    protected PrimingRun<Map<String, Object>> priming(Instant now) {
        String idle = now.minus(Duration.ofMinutes(30)).toString();
        return PrimingRun.of(Priming.answers().query("OpenSyncs", Map.of("orderId", s("ord_priming"),
                        "syncId", s(PrimingSamples.SYNC_ID), "openShard", s("OPEN"), "openSince", s(idle))),
                Map.of("id", "priming", "detail-type", "Scheduled Event"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
