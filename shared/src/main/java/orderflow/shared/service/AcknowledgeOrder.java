package orderflow.shared.service;

import java.time.Clock;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.ports.Orders;

/** The seller has seen the order: recorded once, repeats change nothing; no email (see {@link OrderActions}). */
public final class AcknowledgeOrder {

    private final Orders orders;
    private final Clock clock;

    public AcknowledgeOrder(Orders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    public ActionResult acknowledge(String sellerId, Actor actor, String orderId) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        return OrderActions.write(orders, order, OrderLifecycle.acknowledge(order, actor, clock.instant()));
    }
}
