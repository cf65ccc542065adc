package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;

/**
 * The seller confirms a shipment arrived: the order is DELIVERED once every shipment has, and only
 * then is the buyer's email queued (see {@link OrderActions}).
 */
public final class ConfirmDelivery {

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    public ConfirmDelivery(Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public ActionResult confirm(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        Seller seller = OrderActions.seller(accounts, sellerId);
        Instant now = clock.instant();
        ActionRequests.Delivery request = ActionRequests.delivery(body, seller.timeZone(), now);
        ActionResult result = OrderActions.write(orders, order, OrderLifecycle.confirmDelivery(order, request, actor, now));
        if (result.order().status() == OrderStatus.DELIVERED) {
            emails.enqueue(OrderEmails.delivered(result.order(), seller));
        }
        return result;
    }
}
