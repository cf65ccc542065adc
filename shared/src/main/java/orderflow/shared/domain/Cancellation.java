package orderflow.shared.domain;

import java.time.Instant;

/**
 * Why and by whom an order was canceled, and from which status. Buyer-requested cancels and
 * cancels of unpaid (PENDING) orders do not count toward the seller's pre-fulfillment cancel rate.
 * canceledFrom is null on cancels recorded before it was kept.
 */
public record Cancellation(String reason, boolean buyerRequested, Instant at, String by, OrderStatus canceledFrom) {

    /** The reason code of the scheduled cancel of orders whose payment never arrived. */
    public static final String PAYMENT_NOT_RECEIVED = "PAYMENT_NOT_RECEIVED";

    public boolean countsAgainstSeller() {
        return !buyerRequested && canceledFrom != OrderStatus.PENDING;
    }
}
