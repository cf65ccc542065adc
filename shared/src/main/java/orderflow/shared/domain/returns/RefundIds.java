package orderflow.shared.domain.returns;

import orderflow.shared.domain.OrderIds;

/** Refund ids derived from what they pay for: one return, or one goodwill request id on one order. */
public final class RefundIds {

    private RefundIds() {
    }

    public static String forReturn(String rmaId) {
        return OrderIds.derived("rf_", "return\n" + rmaId);
    }

    public static String goodwill(String orderId, String requestId) {
        return OrderIds.derived("rf_", "goodwill\n" + orderId + "\n" + requestId);
    }
}
