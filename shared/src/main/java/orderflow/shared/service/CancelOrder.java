package orderflow.shared.service;

import java.time.Clock;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;

/**
 * The seller cancels an order before it ships: its reserved stock released with the change, then the
 * buyer's email queued (see {@link OrderActions}). Released units are stock arriving: the queue is told
 * for the backorders, and the low-stock marks are brought up to date.
 */
public final class CancelOrder {

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final LowStockAlerts alerts;
    private final OrderQueue queue;
    private final Clock clock;

    public CancelOrder(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts, OrderQueue queue,
                       Clock clock) {
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
        OrderChange change = OrderLifecycle.cancel(order, request, actor, clock.instant());
        ActionResult result = OrderActions.write(orders, order, change);
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
