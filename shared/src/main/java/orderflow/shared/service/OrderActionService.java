package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.TrackingNumbers;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;

/**
 * The seller's order actions. Each reads the order (another seller's is 404), lets
 * {@link OrderLifecycle} decide, writes the change at the next version (a concurrent change is 409)
 * and then queues the buyer's email. A repeated request changes nothing and queues the email again:
 * its event id is the same, so the buyer still gets one, and a crash between write and queue heals.
 */
public final class OrderActionService {

    /** changed is false when the request repeated what the order already records. */
    public record Result(Order order, boolean changed, Shipment shipment) {
    }

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;
    private final LowStockAlerts alerts;
    private final OrderQueue queue;

    public OrderActionService(Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this(orders, accounts, emails, null, null, clock);
    }

    /**
     * alerts: low-stock marks brought up to date after a cancel released stock; queue: told that the
     * released stock arrived, for the backorders (either null: none).
     */
    public OrderActionService(Orders orders, Accounts accounts, EmailOutbox emails, LowStockAlerts alerts,
                              OrderQueue queue, Clock clock) {
        this.queue = queue;
        this.alerts = alerts;
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public Result acknowledge(String sellerId, Actor actor, String orderId) {
        Order order = load(sellerId, orderId);
        Instant now = clock.instant();
        return write(order, OrderLifecycle.acknowledge(order, actor, now), null);
    }

    public Result cancel(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = load(sellerId, orderId);
        ActionRequests.Cancel request = ActionRequests.cancel(body);
        var change = OrderLifecycle.cancel(order, request, actor, clock.instant());
        Result result = write(order, change, null);
        if (change != null && !change.stock().isEmpty()) {
            if (queue != null) {
                // Released units are stock arriving for whoever waits longest.
                order.quantitiesBySku().keySet().forEach(sku -> queue.stockArrived(sellerId, sku));
            }
            if (alerts != null) {
                alerts.check(sellerId, order.quantitiesBySku().keySet(), clock.instant()); // maybe no longer low
            }
        }
        emails.enqueue(OrderEmails.canceled(result.order(), seller(sellerId)));
        return result;
    }

    public Result ship(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = load(sellerId, orderId);
        Seller seller = seller(sellerId);
        Instant now = clock.instant();
        ActionRequests.Ship request = ActionRequests.ship(body, seller.timeZone(), now);
        Result result = write(order, OrderLifecycle.ship(order, request, actor, now), null);
        String tracking = TrackingNumbers.check(request.carrier(), request.trackingNumber()).number();
        Shipment shipment = OrderLifecycle.shipmentWithTracking(result.order(), tracking);
        emails.enqueue(OrderEmails.shipped(result.order(), shipment, seller));
        return new Result(result.order(), result.changed(), shipment);
    }

    public Result confirmDelivery(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = load(sellerId, orderId);
        Seller seller = seller(sellerId);
        Instant now = clock.instant();
        ActionRequests.Delivery request = ActionRequests.delivery(body, seller.timeZone(), now);
        Result result = write(order, OrderLifecycle.confirmDelivery(order, request, actor, now), null);
        if (result.order().status() == OrderStatus.DELIVERED) {
            emails.enqueue(OrderEmails.delivered(result.order(), seller));
        }
        return result;
    }

    private Result write(Order order, OrderChange change, Shipment shipment) {
        if (change == null) {
            return new Result(order, false, shipment);
        }
        return switch (orders.apply(change)) {
            case Orders.Done d -> new Result(change.after(), true, shipment);
            case Orders.Stale s -> throw new Failure.Conflict("The order changed while this request was being"
                    + " processed; nothing was written. Read the order again and retry if the action still applies.");
            case Orders.Short s -> throw new IllegalStateException("a seller action never reserves stock");
        };
    }

    private Order load(String sellerId, String orderId) {
        return new OrderQueryService(orders).get(sellerId, orderId);
    }

    private Seller seller(String sellerId) {
        return accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller " + sellerId));
    }
}
