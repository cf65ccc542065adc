package orderflow.shared.service;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.Seller;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Orders;

/**
 * What the seller's order actions share. Each reads the order (another seller's is 404), lets
 * {@link orderflow.shared.domain.OrderLifecycle} decide, writes the change at the next version (a
 * concurrent change is 409) and then queues the buyer's email. A repeated request changes nothing and
 * queues the email again: its event id is the same, so the buyer still gets one, and a crash between
 * write and queue heals.
 */
final class OrderActions {

    private OrderActions() {
    }

    static Order load(Orders orders, String sellerId, String orderId) {
        return new OrderQueryService(orders).get(sellerId, orderId);
    }

    /** Writes the change (none: the request repeated what the order records). */
    static ActionResult write(Orders orders, Order order, OrderChange change) {
        if (change == null) {
            return new ActionResult(order, false, null);
        }
        return switch (orders.apply(change)) {
            case Orders.Done d -> new ActionResult(change.after(), true, null);
            case Orders.Stale s -> throw new Failure.Conflict("The order changed while this request was being"
                    + " processed; nothing was written. Read the order again and retry if the action still applies.");
            case Orders.Short s -> throw new IllegalStateException("a seller action never reserves stock");
        };
    }

    static Seller seller(Accounts accounts, String sellerId) {
        return accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller " + sellerId));
    }
}
