package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.ports.OpenSyncs;
import orderflow.shared.ports.SyncQueue;

/** The sweep's choice of syncs and its bounds, with the index and the queue in memory. */
class ChannelSyncSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** PENDING syncs as the OpenSyncs index holds them (since: updatedAt). */
    static final class OpenFake implements OpenSyncs {
        final List<Open> open = new ArrayList<>();

        @Override
        public List<Open> idleSince(Instant before, int limit) {
            return open.stream().filter(o -> o.since().isBefore(before)).sorted(Comparator.comparing(Open::since))
                    .limit(limit).toList();
        }
    }

    static final class QueueFake implements SyncQueue {
        final List<String> sent = new ArrayList<>();

        @Override
        public void enqueue(String orderId, String syncId, Duration delay) {
            assertEquals(Duration.ZERO, delay, "a swept sync has waited long enough");
            sent.add(orderId + "/" + syncId);
        }
    }

    private final OpenFake open = new OpenFake();
    private final QueueFake queue = new QueueFake();
    private final ChannelSyncSweep sweep = new ChannelSyncSweep(open, queue, Clock.fixed(NOW, ZoneOffset.UTC));

    private void pending(String syncId, Duration idle) {
        open.open.add(new OpenSyncs.Open("ord_" + syncId, syncId, NOW.minus(idle)));
    }

    @Test
    void a_sync_unchanged_for_over_ten_minutes_is_queued_again_and_one_still_within_its_lease_or_backoff_is_not() {
        pending("sync_lost", Duration.ofMinutes(11));
        pending("sync_leased", Duration.ofMinutes(4)); // an attempt took it: its lease runs 5 minutes
        pending("sync_just_written", Duration.ofSeconds(3));

        ChannelSyncSweep.Report r = sweep.run(JobDeadline.none());

        assertEquals(List.of("ord_sync_lost/sync_lost"), queue.sent);
        assertEquals(1, r.requeued());
        assertFalse(r.more());
        assertTrue(r.complete());
        assertEquals(NOW.minus(Duration.ofMinutes(11)), r.oldestSince());
    }

    @Test
    void nothing_idle_sends_nothing() {
        pending("sync_fresh", Duration.ofMinutes(9));
        ChannelSyncSweep.Report r = sweep.run(JobDeadline.none());
        assertEquals(List.of(), queue.sent);
        assertEquals(new ChannelSyncSweep.Report(0, false, null, true), r);
    }

    @Test
    void a_backlog_is_re_queued_at_most_500_per_run_oldest_first_and_the_run_says_more_are_left() {
        for (int i = 0; i < 620; i++) {
            pending(String.format("sync_%04d", i), Duration.ofMinutes(700 - i)); // sync_0000 is the oldest
        }
        ChannelSyncSweep.Report r = sweep.run(JobDeadline.none());
        assertEquals(ChannelSyncSweep.PER_RUN, r.requeued());
        assertEquals(500, queue.sent.size());
        assertEquals("ord_sync_0000/sync_0000", queue.sent.get(0));
        assertEquals("ord_sync_0499/sync_0499", queue.sent.get(499));
        assertTrue(r.more());
        assertTrue(r.complete());
    }

    @Test
    void a_run_short_of_time_stops_between_messages_and_reports_it() {
        for (int i = 0; i < 10; i++) {
            pending("sync_" + i, Duration.ofMinutes(30 + i));
        }
        int[] left = {3};
        ChannelSyncSweep.Report r = sweep.run(() -> left[0]-- > 0 ? 60_000 : 500);
        assertEquals(3, r.requeued());
        assertEquals(3, queue.sent.size());
        assertFalse(r.complete());
        assertTrue(r.more());
    }
}
