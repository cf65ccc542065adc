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
 * jittered, growing delay; after {@link #MAX_ATTEMPTS} it is FAILED too. A crash after the platform
 * took the change is safe: the message comes back and the client finds what the first call made.
 */
public final class ChannelSyncService {

    public enum Outcome { SENT, ALREADY_DONE, FAILED, RETRY_LATER, NO_SUCH_SYNC }

    static final int MAX_ATTEMPTS = 12;

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
        Order order = orders.get(orderId).orElse(null);
        Optional<ChannelLink> link = syncs.link(sync.storefrontId());
        PushResult result;
        if (order == null) {
            result = new PushResult.Refused("the order is gone");
        } else if (link.isEmpty()) {
            result = new PushResult.Refused("storefront " + sync.storefrontId() + " has no platform link:"
                    + " set one with scripts/admin channel-link, then retry this sync");
        } else {
            result = switch (sync.notice()) {
                case ShipmentNotice n -> client.confirmShipment(link.get(), order.externalOrderId(), n);
                case AcknowledgeNotice n -> client.acknowledge(link.get(), order.externalOrderId(), n);
                case CancelNotice n -> client.cancel(link.get(), order.externalOrderId(), n);
                case RefundNotice n -> client.refund(link.get(), order.externalOrderId(), n);
            };
        }
        return switch (result) {
            case PushResult.Done d -> syncs.record(sync, sync.done(d.platformRef(), now)) ? Outcome.SENT
                    : Outcome.ALREADY_DONE;
            case PushResult.Refused r -> syncs.record(sync, sync.failed(r.platformMessage(), now)) ? Outcome.FAILED
                    : Outcome.ALREADY_DONE;
            case PushResult.Retry r -> retry(sync, r.reason(), now);
        };
    }

    private Outcome retry(ChannelSync sync, String reason, Instant now) {
        if (sync.attempts() + 1 >= MAX_ATTEMPTS) {
            return syncs.record(sync, sync.failed("gave up after " + MAX_ATTEMPTS + " attempts; last: " + reason, now))
                    ? Outcome.FAILED : Outcome.ALREADY_DONE;
        }
        if (!syncs.record(sync, sync.retrying(reason, now))) {
            return Outcome.ALREADY_DONE;
        }
        Duration delay = Backoff.delay(sync.attempts() + 1);
        queue.enqueue(sync.orderId(), sync.syncId(), delay);
        return Outcome.RETRY_LATER;
    }
}
