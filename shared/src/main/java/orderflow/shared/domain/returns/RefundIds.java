package orderflow.shared.domain.returns;

import orderflow.shared.domain.OrderIds;

/**
 * Refund ids derived from what they pay for: one return, one goodwill request id on one order, or one
 * refund the seller made on the platform itself.
 */
public final class RefundIds {

    private RefundIds() {
    }

    public static String forReturn(String rmaId) {
        return OrderIds.derived("rf_", "return\n" + rmaId);
    }

    public static String goodwill(String orderId, String requestId) {
        return OrderIds.derived("rf_", "goodwill\n" + orderId + "\n" + requestId);
    }

    /** A refund made on the platform (platform "shopify", its refund id): each is recorded once. */
    public static String onPlatform(String orderId, String platform, String platformRefundId) {
        return OrderIds.derived("rf_", "platform\n" + orderId + "\n" + platform + "\n" + platformRefundId);
    }
}
