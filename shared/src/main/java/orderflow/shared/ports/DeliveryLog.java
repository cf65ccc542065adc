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
}
