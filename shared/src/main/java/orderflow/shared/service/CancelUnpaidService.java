package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Cancellation;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.Seller;
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.WatchedOrders;

/**
 * The scheduled cancel of unpaid orders (hourly by default): an order still PENDING (payment not
 * verified) its seller's {@code unpaidCancelDays} after purchase (21 unless set) is canceled through
 * the one write path, and the buyer emailed. A cancel from PENDING records where it came from, so
 * it never counts against the seller's cancel rate. Read from the sparse ByWatch index (never a
 * scan); a rerun finds the canceled orders gone from it, and a changed order (paid meanwhile) is
 * left alone by the version check.
 */
public final class CancelUnpaidService {

    static final int PAGE = 100;

    private final WatchedOrders watched;
    private final Orders orders;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final Clock clock;

    public CancelUnpaidService(WatchedOrders watched, Orders orders, Accounts accounts, EmailOutbox emails,
                               Clock clock) {
        this.watched = watched;
        this.orders = orders;
        this.accounts = accounts;
        this.emails = emails;
        this.clock = clock;
    }

    public record Report(int canceled, int stillWithinLimit, boolean complete) {
    }

    public Report run(JobDeadline deadline) {
        Instant now = clock.instant();
        // No seller's limit is shorter than a day: younger pending orders are not even read.
        Instant oldest = now.minus(Duration.ofDays(Seller.MIN_UNPAID_CANCEL_DAYS));
        Map<String, Optional<Seller>> sellers = new HashMap<>();
        int canceled = 0;
        int waiting = 0;
        Pacer pacer = new Pacer(deadline);
        for (int bucket = 0; bucket < watched.buckets(); bucket++) {
            Map<String, String> after = null;
            do {
                if (!pacer.startPage()) {
                    return new Report(canceled, waiting, false);
                }
                WatchedOrders.Page page = watched.due(WatchedOrders.Watch.PENDING, bucket, Instant.EPOCH, oldest,
                        null, null, after, PAGE);
                for (Order order : page.orders()) {
                    Optional<Seller> seller = sellers.computeIfAbsent(order.sellerId(), accounts::seller);
                    int days = seller.map(Seller::unpaidCancelDays).orElse(Seller.DEFAULT_UNPAID_CANCEL_DAYS);
                    if (order.createdAt().plus(Duration.ofDays(days)).isAfter(now)) {
                        waiting++;
                        continue;
                    }
                    if (cancel(order, days, seller.orElse(null), now)) {
                        canceled++;
                    }
                }
                pacer.done();
                after = page.next();
            } while (after != null);
        }
        return new Report(canceled, waiting, true);
    }

    private boolean cancel(Order order, int days, Seller seller, Instant now) {
        OrderChange change = OrderLifecycle.cancel(order, new ActionRequests.Cancel(Cancellation.PAYMENT_NOT_RECEIVED,
                "not paid within " + days + " days"), Actor.job("cancel-unpaid"), now);
        if (change == null || !(orders.apply(change) instanceof Orders.Done)) {
            return false; // paid or changed since it was read: the next run looks again
        }
        if (seller != null) {
            emails.enqueue(OrderEmails.canceled(change.after(), seller));
        }
        return true;
    }
}
