package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SyncQueue;

/**
 * The seller cancels an order before it ships: its reserved stock released with the change, then the
 * buyer's email queued (see {@link OrderActions}). Released units are stock arriving: the queue is told
 * for the backorders, and the low-stock marks are brought up to date. With a platform link, the
 * platform is told too (its cancel refunds the buyer there).
 */
public final class CancelOrder {

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final LowStockAlerts alerts;
    private final OrderQueue queue;
    private final ChannelOutbox outbox;
    private final Clock clock;

    public CancelOrder(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts, OrderQueue queue,
                       Clock clock) {
        this(orders, accounts, emails, alerts, queue, null, null, clock);
    }

    /** channels and syncQueue: with a platform link, the cancel goes to the platform too (null: never). */
    public CancelOrder(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts, OrderQueue queue,
                       ChannelSyncs channels, SyncQueue syncQueue, Clock clock) {
        this.outbox = channels == null ? ChannelOutbox.NONE : new ChannelOutbox(channels, syncQueue);
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.alerts = alerts;
        this.queue = queue;
        this.clock = clock;
    }

    public ActionResult cancel(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        ActionRequests.Cancel request = ActionRequests.cancel(body);
        Instant now = clock.instant();
        OrderChange change = OrderLifecycle.cancel(order, request, actor, now);
        Optional<ChannelLink> link = outbox.link(order);
        if (change != null && link.isPresent()) {
            change = change.withSync(ChannelSync.cancel(change.after(), request.reason(), request.note(),
                    request.buyerRequested(), link.get(), now));
        }
        ActionResult result = OrderActions.write(orders, order, change);
        if (link.isPresent()) {
            outbox.send(orderId, ChannelSync.Kind.CANCEL, "cancel");
        }
        if (change != null && (!change.stock().isEmpty() || order.status() == OrderStatus.BACKORDERED)) {
            // Released units are stock arriving for whoever waits longest; a canceled backorder may have been
            // the longest waiter, that kept younger ones of its SKUs waiting: they get their chance too.
            order.quantitiesBySku().keySet().forEach(sku -> queue.stockArrived(sellerId, sku));
        }
        if (change != null && !change.stock().isEmpty()) {
            alerts.check(sellerId, order.quantitiesBySku().keySet(), clock.instant()); // maybe no longer low
        }
        emails.enqueue(OrderEmails.canceled(result.order(), OrderActions.seller(accounts, sellerId)));
        return result;
    }
}
