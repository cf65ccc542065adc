package orderflow.shared.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * Webhook and notification deliveries already handled, by the platform's delivery id (Shopify's
 * webhook id, WooCommerce's delivery id, SP-API's NotificationId): a redelivery is answered from
 * here without doing anything again. Entries expire after the platforms' retry windows.
 */
public interface DeliveryLog {

    /** The order a delivery was about (empty string when it was about none), if it was handled. */
    Optional<String> handled(String source, String deliveryId);

    void record(String source, String deliveryId, String orderId, Instant at);

    /** A platform cancel for an order not (yet) here: kept so that the create, if it comes later, lands canceled. */
    record EarlyCancel(String reason, boolean buyerRequested) {
    }

    void rememberCancel(String storefrontId, String externalOrderId, EarlyCancel cancel, Instant at);

    Optional<EarlyCancel> earlyCancel(String storefrontId, String externalOrderId);
}
