package orderflow.shared.ports;

/** Hands a recorded refund to the step that tells the storefront (RefundQueue). */
public interface RefundNotices {

    /** At least once; the deliverer skips a refund its storefront already acknowledged. */
    void enqueue(String orderId, String refundId);
}
