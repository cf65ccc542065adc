package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.domain.shipping.TrackingStatus;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * Carrier scans onto the orders they concern (from a tracking webhook or the poll). Each scan newer
 * than the shipment's last one is kept on it with a history entry; delivered marks the shipment
 * delivered at the carrier's time (the order DELIVERED once all arrived, and the buyer's email
 * queued); an exception or a return to sender emails the seller once. Old and repeated scans change
 * nothing, and a scan of another seller's label is ignored.
 */
public final class TrackParcels {

    private static final int ATTEMPTS = 3;

    private final Orders orders;
    private final Labels labels;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    public TrackParcels(Orders orders, Labels labels, Accounts accounts, EmailOutbox emails, Clock clock) {
        this.orders = orders;
        this.labels = labels;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    /** Applies the scans of one provider (sellerId: the account they came through); answers how many changed an order. */
    public int record(String sellerId, String provider, List<TrackingEvent> events) {
        List<TrackingEvent> oldestFirst = new ArrayList<>(events.stream()
                .filter(e -> e.at() != null && e.trackingNumber() != null).toList()); // a scan without a time orders nothing
        oldestFirst.sort(Comparator.comparing(TrackingEvent::at));
        int changed = 0;
        for (TrackingEvent event : oldestFirst) {
            Optional<Label> label = labels.byTracking(provider, event.trackingNumber())
                    .filter(l -> l.sellerId().equals(sellerId) && l.status() == Label.Status.PURCHASED);
            if (label.isPresent() && apply(label.get(), event)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean apply(Label label, TrackingEvent event) {
        Actor actor = Actor.job("tracking-" + label.provider());
        for (int attempt = 1; ; attempt++) {
            Order order = OrderActions.load(orders, label.sellerId(), label.orderId());
            OrderChange change = OrderLifecycle.track(order, label.shipmentId(), event, actor, clock.instant());
            if (change == null) {
                return false;
            }
            switch (orders.apply(change)) {
                case Orders.Done d -> {
                    after(label, order, change.after(), event);
                    return true;
                }
                case Orders.Stale s -> {
                    if (attempt == ATTEMPTS) {
                        throw new Failure.Conflict("order " + order.orderId() + " kept changing; the scan is retried");
                    }
                }
                case Orders.Short s -> throw new IllegalStateException("a scan never reserves stock");
            }
        }
    }

    private void after(Label label, Order before, Order after, TrackingEvent event) {
        if (event.status() == TrackingStatus.DELIVERED || event.status() == TrackingStatus.RETURNED) {
            labels.settled(label);
        }
        Seller seller = accounts.seller(label.sellerId()).orElseThrow();
        if (after.status() == OrderStatus.DELIVERED && before.status() != OrderStatus.DELIVERED) {
            emails.enqueue(OrderEmails.delivered(after, seller));
        }
        if (event.status().alertsSeller()) {
            Instant at = event.at();
            emails.enqueue(new EmailMessage("parcel-exception:" + label.labelId() + ":" + event.status() + ":" + at,
                    "parcel-exception", seller.notifyEmail(), seller.storeName(), seller.storeName(), null,
                    seller.supportContact(), Map.of("orderId", after.orderId(), "carrier", String.valueOf(label.carrier()),
                            "trackingNumber", label.trackingNumber(),
                            "status", event.status() == TrackingStatus.RETURNED ? "being returned to you" : "an exception",
                            "detail", event.detail() == null ? "-" : event.detail(),
                            "location", event.location() == null ? "-" : event.location(), "at", at.toString())));
        }
    }
}
