package orderflow.shared.domain;

import java.time.Instant;

/**
 * Why and by whom an order was canceled. Buyer-requested cancels and cancels of unpaid orders
 * do not count toward the seller's pre-fulfillment cancel rate.
 */
public record Cancellation(String reason, boolean buyerRequested, Instant at, String by) {

    public boolean countsAgainstSeller(OrderStatus canceledFrom) {
        return !buyerRequested && canceledFrom != OrderStatus.PENDING;
    }
}
