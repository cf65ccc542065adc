package orderflow.shared.ports;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.PlatformShipment;

/** Hands work to the processing step. */
public interface OrderQueue {

    void enqueue(String orderId);

    /**
     * The order lost every race for its stock (a hot SKU): processed again after {@code delay}, as a new
     * message carrying how often that happened, so contention never counts toward the dead-letter queue.
     */
    void retryContended(String orderId, int contended, java.time.Duration delay);

    /** New stock of a SKU: the processing step retries that seller's backorders of it, oldest first. */
    void stockArrived(String sellerId, String sku);

    /** The storefront canceled the order: the processing step cancels it here (stock, email) if it still can. */
    void cancel(String orderId, String reason, boolean buyerRequested, Actor actor);

    /** The seller shipped on the platform: the processing step records the shipment here (stock, no email). */
    void shippedOnPlatform(String orderId, PlatformShipment shipment, Actor actor);

    /** The seller refunded on the platform: the processing step records the refund here (no email, no push back). */
    void refundedOnPlatform(String orderId, PlatformRefund refund, Actor actor);
}
