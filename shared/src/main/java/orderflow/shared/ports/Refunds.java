package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;

/** RefundsTable (orderId + refundId), written together with the order it pays back. */
public interface Refunds {

    /**
     * The order change, the RMA as received and the refund, all or nothing. Stale when the order
     * moved on since it was read (another refund, a concurrent receipt): nothing was written.
     */
    Orders.Applied issue(RefundChange change);

    Optional<Refund> get(String orderId, String refundId);

    /** Several refunds by order and refund id at once (absent ones are left out). */
    List<Refund> getAll(List<Key> keys);

    record Key(String orderId, String refundId) {
    }

    /** The order's refunds, oldest first. */
    List<Refund> forOrder(String orderId);

    /** Stores how the storefront webhook went, unless the refund is already ACKNOWLEDGED there. */
    void recordDelivery(Refund refund);
}
