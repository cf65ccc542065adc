package orderflow.shared.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.RefundNotices;

/**
 * What follows a recorded refund, whichever way it was issued: the storefront is told (its platform
 * through a channel sync when it has a link, else its refund URL via RefundQueue) and the buyer emailed. Both are deduplicated downstream by refund id, so a repeat
 * announces again under the same ids and a crash between the write and the queues heals on retry.
 */
final class RefundAnnouncer {

    /** Attempts when another change to the order slips in between our read and our write. */
    static final int ATTEMPTS = 3;

    private final Accounts accounts;
    private final EmailOutbox emails;
    private final RefundNotices notices;
    private final ChannelOutbox outbox;

    RefundAnnouncer(Accounts accounts, EmailOutbox emails, RefundNotices notices, ChannelOutbox outbox) {
        this.accounts = accounts;
        this.emails = emails;
        this.notices = notices;
        this.outbox = outbox;
    }

    /**
     * With a platform link, the refund goes to the platform as a channel sync written with it (and not
     * to the refund URL). returned: units per SKU that came back (empty for goodwill).
     */
    RefundChange withChannel(RefundChange change, Map<String, Integer> returned, Instant now) {
        if (change.refund() == null) {
            return change;
        }
        Order after = change.order().after();
        Optional<ChannelLink> link = outbox.link(after);
        if (link.isEmpty()) {
            return change;
        }
        Refund refund = change.refund().withDelivery(RefundDelivery.CHANNEL);
        return new RefundChange(change.order().withSync(ChannelSync.refund(after, refund, returned, link.get(), now)),
                change.received(), refund);
    }

    void announce(Order order, Refund refund) {
        if (refund.delivery().status() == RefundDelivery.Status.PENDING) {
            notices.enqueue(refund.orderId(), refund.refundId()); // settled ones (acknowledged, by hand) stay so
        } else if (refund.delivery().status() == RefundDelivery.Status.CHANNEL) {
            outbox.send(refund.orderId(), ChannelSync.Kind.REFUND, refund.refundId());
        }
        Seller seller = accounts.seller(order.sellerId())
                .orElseThrow(() -> new IllegalStateException("unknown seller " + order.sellerId()));
        emails.enqueue(OrderEmails.refundIssued(order, seller, refund));
    }

    static Failure busy() {
        return new Failure.Conflict("The order kept changing while the refund was being recorded; nothing was"
                + " written. Retry: a repeat never refunds twice.");
    }
}
