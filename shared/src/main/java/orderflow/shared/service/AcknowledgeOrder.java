package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SyncQueue;

/**
 * The seller has seen the order: recorded once, repeats change nothing; no email (see {@link OrderActions}).
 * With a platform link the platform hears it too (Amazon's order acknowledgement).
 */
public final class AcknowledgeOrder {

    private final Orders orders;
    private final ChannelOutbox outbox;
    private final Clock clock;

    public AcknowledgeOrder(Orders orders, Clock clock) {
        this(orders, null, null, clock);
    }

    /** channels and syncQueue: null when nothing is sent to platforms. */
    public AcknowledgeOrder(Orders orders, ChannelSyncs channels, SyncQueue syncQueue, Clock clock) {
        this.orders = orders;
        this.outbox = channels == null ? ChannelOutbox.NONE : new ChannelOutbox(channels, syncQueue);
        this.clock = clock;
    }

    public ActionResult acknowledge(String sellerId, Actor actor, String orderId) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        Instant now = clock.instant();
        OrderChange change = OrderLifecycle.acknowledge(order, actor, now);
        Optional<ChannelLink> link = outbox.link(order);
        if (change != null && link.isPresent()) {
            change = change.withSync(ChannelSync.acknowledge(change.after(), link.get(), now));
        }
        ActionResult result = OrderActions.write(orders, order, change);
        if (link.isPresent()) {
            outbox.send(orderId, ChannelSync.Kind.ACKNOWLEDGE, "acknowledge");
        }
        return result;
    }
}
