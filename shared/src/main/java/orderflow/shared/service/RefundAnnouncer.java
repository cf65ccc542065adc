package orderflow.shared.service;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.RefundNotices;

/**
 * What follows a recorded refund, whichever way it was issued: the storefront is told (via
 * RefundQueue) and the buyer emailed. Both are deduplicated downstream by refund id, so a repeat
 * announces again under the same ids and a crash between the write and the queues heals on retry.
 */
final class RefundAnnouncer {

    /** Attempts when another change to the order slips in between our read and our write. */
    static final int ATTEMPTS = 3;

    private final Accounts accounts;
    private final EmailOutbox emails;
    private final RefundNotices notices;

    RefundAnnouncer(Accounts accounts, EmailOutbox emails, RefundNotices notices) {
        this.accounts = accounts;
        this.emails = emails;
        this.notices = notices;
    }

    void announce(Order order, Refund refund) {
        if (refund.delivery().status() == RefundDelivery.Status.PENDING) {
            notices.enqueue(refund.orderId(), refund.refundId()); // settled ones (acknowledged, by hand) stay so
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
