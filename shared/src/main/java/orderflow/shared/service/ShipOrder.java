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
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.TrackingNumbers;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SyncQueue;

/**
 * The seller ships some or all of the order: the boxed units' stock committed with the change, then
 * the buyer's tracking email queued (see {@link OrderActions}). Calendar-day ship dates are read in
 * the seller's time zone.
 */
public final class ShipOrder {

    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final ChannelOutbox outbox;
    private final Clock clock;

    public ShipOrder(Orders orders, Accounts accounts, EmailOutbox emails, Clock clock) {
        this(orders, accounts, emails, null, null, clock);
    }

    /**
     * channels and syncQueue: the shipment of an order whose storefront has a platform link is written
     * with its channel sync (the outbox, one transaction) and handed to the sync function (null: never).
     */
    public ShipOrder(Orders orders, Accounts accounts, EmailOutbox emails, ChannelSyncs channels, SyncQueue syncQueue,
                     Clock clock) {
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.outbox = channels == null ? ChannelOutbox.NONE : new ChannelOutbox(channels, syncQueue);
        this.clock = clock;
    }

    public ActionResult ship(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        Seller seller = OrderActions.seller(accounts, sellerId);
        ActionRequests.Ship request = ActionRequests.ship(body, seller.timeZone(), clock.instant());
        return ship(order, seller, actor, request, true);
    }

    /** A package read from a file (a shipping confirmation upload): the same shipment as {@link #ship}. */
    public ActionResult ship(String sellerId, Actor actor, String orderId, ActionRequests.Ship request) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        return ship(order, OrderActions.seller(accounts, sellerId), actor, request, true);
    }

    /**
     * Records a package that left with a label bought here. toPlatform false: the purchase itself
     * confirmed the shipment on the marketplace (Amazon Buy Shipping), so no channel sync is written.
     */
    public ActionResult shipLabelled(String sellerId, Actor actor, String orderId, ActionRequests.Ship request,
                                     boolean toPlatform) {
        Order order = OrderActions.load(orders, sellerId, orderId);
        return ship(order, OrderActions.seller(accounts, sellerId), actor, request, toPlatform);
    }

    private ActionResult ship(Order order, Seller seller, Actor actor, ActionRequests.Ship request, boolean toPlatform) {
        Instant now = clock.instant();
        String tracking = TrackingNumbers.check(request.carrier(), request.trackingNumber()).number();
        OrderChange change = OrderLifecycle.ship(order, request, actor, now);
        Optional<ChannelLink> link = toPlatform ? outbox.link(order) : Optional.empty();
        if (change != null && link.isPresent()) {
            Shipment boxed = OrderLifecycle.shipmentWithTracking(change.after(), tracking);
            change = change.withSync(ChannelSync.shipment(change.after(), boxed, link.get(),
                    change.after().unshippedBySku().isEmpty(), now));
        }
        ActionResult result = OrderActions.write(orders, order, change);
        Shipment shipment = OrderLifecycle.shipmentWithTracking(result.order(), tracking);
        if (link.isPresent()) {
            outbox.send(order.orderId(), ChannelSync.Kind.SHIPMENT, shipment.shipmentId());
        }
        emails.enqueue(OrderEmails.shipped(result.order(), shipment, seller));
        return new ActionResult(result.order(), result.changed(), shipment);
    }
}
