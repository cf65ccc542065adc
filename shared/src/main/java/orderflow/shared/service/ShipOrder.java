package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.TrackingNumbers;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;

/**
 * The seller ships some or all of the order: the boxed units' stock committed with the change, then
 * the buyer's tracking email queued (see {@link OrderActions}). Calendar-day ship dates are read in
 * the seller's time zone.
 */
public final class ShipOrder {

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    public ShipOrder(Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public ActionResult ship(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        Seller seller = OrderActions.seller(accounts, sellerId);
        Instant now = clock.instant();
        ActionRequests.Ship request = ActionRequests.ship(body, seller.timeZone(), now);
        ActionResult result = OrderActions.write(orders, order, OrderLifecycle.ship(order, request, actor, now));
        String tracking = TrackingNumbers.check(request.carrier(), request.trackingNumber()).number();
        Shipment shipment = OrderLifecycle.shipmentWithTracking(result.order(), tracking);
        emails.enqueue(OrderEmails.shipped(result.order(), shipment, seller));
        return new ActionResult(result.order(), result.changed(), shipment);
    }
}
