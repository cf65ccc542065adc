package orderflow.shared.domain.returns;

import orderflow.shared.domain.OrderChange;

/**
 * What paying money back writes, all or nothing: the order change (refunded total, status,
 * history, restocked units), the RMA as received when it is a return, and the refund record
 * (null when a received return pays nothing back, e.g. an order already refunded in full).
 */
public record RefundChange(OrderChange order, ReturnAuthorization received, Refund refund) {

    public RefundChange {
        if (order == null || (received == null && refund == null)) {
            throw new IllegalArgumentException("a refund change writes the order and a return or a refund");
        }
    }
}
