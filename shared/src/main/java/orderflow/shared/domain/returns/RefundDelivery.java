package orderflow.shared.domain.returns;

import java.time.Instant;

/**
 * Where the storefront's copy of a refund stands: PENDING until its webhook endpoint answers 2xx
 * (ACKNOWLEDGED), or NO_ENDPOINT when the storefront has no refund URL, so the seller pays it on the
 * platform by hand, or CHANNEL when the storefront has a platform link: the refund goes to the platform
 * as a channel sync of the order (its state is the sync's), never also to a URL, or PLATFORM when the
 * seller paid it on the platform itself (a Shopify or WooCommerce refund read from its webhook): the
 * money went back there already, so nothing is sent anywhere, ever. Attempts and the last error are
 * kept for the seller to see.
 */
public record RefundDelivery(Status status, int attempts, Instant lastAttemptAt, String lastError,
                             Instant acknowledgedAt) {

    public static final RefundDelivery PENDING = new RefundDelivery(Status.PENDING, 0, null, null, null);

    /** Sent to the platform by the order's channel sync, not by the refund webhook. */
    public static final RefundDelivery CHANNEL = new RefundDelivery(Status.CHANNEL, 0, null, null, null);

    /** Paid on the platform itself and recorded from its webhook: nothing to send. */
    public static final RefundDelivery PLATFORM = new RefundDelivery(Status.PLATFORM, 0, null, null, null);

    public enum Status {
        PENDING, ACKNOWLEDGED, NO_ENDPOINT, CHANNEL, PLATFORM
    }

    public RefundDelivery failed(Instant at, String error) {
        return new RefundDelivery(Status.PENDING, attempts + 1, at, error, null);
    }

    public RefundDelivery acknowledged(Instant at) {
        return new RefundDelivery(Status.ACKNOWLEDGED, attempts + 1, at, null, at);
    }

    public RefundDelivery noEndpoint(Instant at) {
        return new RefundDelivery(Status.NO_ENDPOINT, attempts, at, "the storefront has no refund webhook URL", null);
    }
}
