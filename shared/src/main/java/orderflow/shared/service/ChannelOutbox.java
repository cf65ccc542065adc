package orderflow.shared.service;

import java.time.Duration;
import java.util.Optional;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.SyncQueue;

/**
 * What a seller's action owes the order's platform. The sync is added to the order change (written in
 * its transaction: if the change is recorded, so is the sync), then handed to the sync function. Only
 * changes made here go out: a change the platform made (a cancel or shipment by webhook) is applied
 * without this, so nothing echoes back.
 */
final class ChannelOutbox {

    static final ChannelOutbox NONE = new ChannelOutbox(null, null);

    private final ChannelSyncs syncs;
    private final SyncQueue queue;

    /** Both null: the function sends nothing to platforms. */
    ChannelOutbox(ChannelSyncs syncs, SyncQueue queue) {
        this.syncs = syncs;
        this.queue = queue;
    }

    /** The order's storefront's platform link, if it has one (one GetItem). */
    Optional<ChannelLink> link(Order order) {
        return syncs == null ? Optional.empty() : syncs.link(order.storefrontId());
    }

    /**
     * Hands the sync to the sync function. Called on every request, a repeat included: a request
     * retried after a crash before this send queues the sync it wrote (same derived id); a sync already
     * DONE ignores the message.
     */
    void send(String orderId, ChannelSync.Kind kind, String subject) {
        queue.enqueue(orderId, ChannelSync.idOf(orderId, kind, subject), Duration.ZERO);
    }
}
