package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Backoff;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SyncQueue;

/**
 * Sends one written channel sync to its platform. Accepted: DONE with the platform's reference.
 * Refused for good: FAILED with the platform's words (the seller sees it and can retry). Asked to
 * wait (throttled, 5xx, timeout): the attempt is counted and the sync comes back on the queue after a
 * jittered, growing delay; after {@link #MAX_ATTEMPTS} it is FAILED too.
 *
 * <p>One attempt at a time: an attempt first takes the sync (a conditional write that counts it and
 * stamps sendingSince), so the same sync queued twice is sent by one delivery while the other steps
 * aside. A crash after the platform took the change is safe: the message comes back after the lease,
 * and the client finds what the first call made; where no client can (Amazon's refund feed), the
 * sync goes to the seller instead of being sent twice.
 */
public final class ChannelSyncService {

    public enum Outcome { SENT, ALREADY_DONE, FAILED, RETRY_LATER, NO_SUCH_SYNC, IN_FLIGHT }

    static final int MAX_ATTEMPTS = 12;

    /**
     * How long an attempt holds the sync: longer than the function may run (60 s), shorter than
     * SyncQueue's visibility timeout (360 s), so a delivery that died is taken over by its own
     * message coming back.
     */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final ChannelSyncs syncs;
    private final Orders orders;
    private final ChannelClient client;
    private final SyncQueue queue;
    private final Clock clock;

    public ChannelSyncService(ChannelSyncs syncs, Orders orders, ChannelClient client, SyncQueue queue, Clock clock) {
        this.syncs = syncs;
        this.orders = orders;
        this.client = client;
        this.queue = queue;
        this.clock = clock;
    }

    /** One SyncQueue message: {@code {orderId, syncId}}. Returns what to log. */
    public String handle(Map<String, Object> message) {
        if (!(message.get("orderId") instanceof String orderId) || !(message.get("syncId") instanceof String syncId)) {
            throw new IllegalArgumentException("message needs orderId and syncId");
        }
        return "sync " + syncId + " of " + orderId + ": " + sync(orderId, syncId);
    }

    public Outcome sync(String orderId, String syncId) {
        Optional<ChannelSync> found = syncs.get(orderId, syncId);
        if (found.isEmpty()) {
            return Outcome.NO_SUCH_SYNC;
        }
        ChannelSync sync = found.get();
        if (sync.status() != ChannelSync.Status.PENDING) {
            return Outcome.ALREADY_DONE;
        }
        Instant now = clock.instant();
        if (sync.sendingSince() != null && now.isBefore(sync.sendingSince().plus(LEASE))) {
            // Another delivery (the same sync queued twice) is sending it: that delivery's message
            // finishes it, or comes back after the visibility timeout if it died.
            return Outcome.IN_FLIGHT;
        }
        boolean diedMidCall = sync.sendingSince() != null;
        ChannelSync taken = sync.sending(now);
        if (!syncs.record(sync, taken)) {
            return Outcome.ALREADY_DONE; // another delivery took it or finished it first
        }
        PushResult result = diedMidCall && !sync.safeToResend()
                ? new PushResult.Refused("An earlier attempt stopped while " + sync.platform() + " was being told"
                        + " (at " + sync.sendingSince() + "); it may already have this " + sync.kind().name()
                        .toLowerCase(java.util.Locale.ROOT) + ", and sending it again could repeat it. Check the"
                        + " order on the platform; retry this sync only if it is missing there.")
                : push(sync);
        return switch (result) {
            case PushResult.Done d -> syncs.record(taken, taken.done(d.platformRef(), now)) ? Outcome.SENT
                    : Outcome.ALREADY_DONE;
            case PushResult.Refused r -> syncs.record(taken, taken.failed(r.platformMessage(), now)) ? Outcome.FAILED
                    : Outcome.ALREADY_DONE;
            case PushResult.Retry r -> retry(taken, r.reason(), now);
        };
    }

    private PushResult push(ChannelSync sync) {
        Order order = orders.get(sync.orderId()).orElse(null);
        if (order == null) {
            return new PushResult.Refused("the order is gone");
        }
        Optional<ChannelLink> link = syncs.link(sync.storefrontId());
        if (link.isEmpty()) {
            return new PushResult.Refused("storefront " + sync.storefrontId() + " has no platform link:"
                    + " set one with scripts/admin channel-link, then retry this sync");
        }
        return switch (sync.notice()) {
            case ShipmentNotice n -> client.confirmShipment(link.get(), order.externalOrderId(), n);
            case AcknowledgeNotice n -> client.acknowledge(link.get(), order.externalOrderId(), n);
            case CancelNotice n -> client.cancel(link.get(), order.externalOrderId(), n);
            case RefundNotice n -> client.refund(link.get(), order.externalOrderId(), n);
        };
    }

    /** taken: the sync as this attempt took it (its attempt counted). */
    private Outcome retry(ChannelSync taken, String reason, Instant now) {
        if (taken.attempts() >= MAX_ATTEMPTS) {
            return syncs.record(taken, taken.failed("gave up after " + MAX_ATTEMPTS + " attempts; last: " + reason,
                    now)) ? Outcome.FAILED : Outcome.ALREADY_DONE;
        }
        if (!syncs.record(taken, taken.retrying(reason, now))) {
            return Outcome.ALREADY_DONE;
        }
        queue.enqueue(taken.orderId(), taken.syncId(), Backoff.delay(taken.attempts()));
        return Outcome.RETRY_LATER;
    }
}
