package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import orderflow.shared.ports.OpenSyncs;
import orderflow.shared.ports.SyncQueue;

/**
 * The scheduled sweep (every 5 minutes): re-queues channel syncs left PENDING with nothing on the way
 * to send them: written but never queued (the API stopped between its transaction and the SQS send,
 * and the client never retried), or whose message was lost (five receives, then SyncDLQ).
 *
 * <p>Idle means unchanged for {@link #IDLE}: every attempt changes the sync (the claim stamps it), a
 * platform's "wait" brings its message back within a minute, and a dead attempt's lease
 * (ChannelSyncService.LEASE, 5 minutes) has run out, so nothing still holds it. A sync queued twice
 * is still sent once: the claim lets one delivery take it and the other steps aside.
 */
public final class ChannelSyncSweep {

    static final Duration IDLE = Duration.ofMinutes(10);
    /** Re-queued per run at most: a backlog (an outage of the queue) drains oldest first over a few runs. */
    static final int PER_RUN = 500;
    /** Time kept back for the report when the function's time runs short. */
    static final long RESERVE_MILLIS = 1_000;

    private final OpenSyncs open;
    private final SyncQueue queue;
    private final Clock clock;

    public ChannelSyncSweep(OpenSyncs open, SyncQueue queue, Clock clock) {
        this.open = open;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * requeued: messages sent; more: idle syncs beyond this run's bound were left for the next run;
     * oldestSince: when the oldest idle sync last changed (null: none); complete: false when time ran out.
     */
    public record Report(int requeued, boolean more, Instant oldestSince, boolean complete) {
    }

    public Report run(JobDeadline deadline) {
        List<OpenSyncs.Open> idle = open.idleSince(clock.instant().minus(IDLE), PER_RUN + 1);
        boolean more = idle.size() > PER_RUN;
        Instant oldest = idle.isEmpty() ? null : idle.get(0).since();
        int requeued = 0;
        for (OpenSyncs.Open sync : idle.subList(0, Math.min(PER_RUN, idle.size()))) {
            if (deadline.remainingMillis() <= RESERVE_MILLIS) {
                return new Report(requeued, true, oldest, false);
            }
            queue.enqueue(sync.orderId(), sync.syncId(), Duration.ZERO);
            requeued++;
        }
        return new Report(requeued, more, oldest, true);
    }
}
