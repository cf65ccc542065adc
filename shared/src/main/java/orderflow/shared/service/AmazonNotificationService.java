package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Storefront;
import orderflow.shared.domain.storefront.AmazonOrders;
import orderflow.shared.domain.storefront.PlatformShipment;
import orderflow.shared.domain.storefront.StorefrontEvent;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.AmazonOrdersApi;
import orderflow.shared.ports.DeliveryLog;

/**
 * SP-API ORDER_CHANGE notifications from the Amazon notification queue. De-duplicated on
 * NotificationId. A status change fetches the order and its items (the notification has no prices
 * or address) and goes through the same door as every storefront order, so any number of
 * deliveries is one order; Canceled and buyer cancel requests cancel it here; Shipped (the seller
 * confirmed the shipment in Seller Central, or ours coming back) records what is left as shipped.
 * Amazon-fulfilled (AFN) orders are Amazon's to ship: ignored.
 */
public final class AmazonNotificationService {

    private final Accounts accounts;
    private final ReceiveOrderService orders;
    private final AmazonOrdersApi api;
    private final DeliveryLog deliveries;
    private final Clock clock;

    public AmazonNotificationService(Accounts accounts, ReceiveOrderService orders, AmazonOrdersApi api,
                                     DeliveryLog deliveries, Clock clock) {
        this.accounts = accounts;
        this.orders = orders;
        this.api = api;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** What happened, for the log. Throws (the message is retried, then dead-lettered) when it cannot be handled yet. */
    @SuppressWarnings("unchecked")
    public String handle(String notificationJson) {
        Map<String, Object> n = Json.parseObject(notificationJson);
        if (!"ORDER_CHANGE".equals(n.get("NotificationType"))) {
            return "ignored: notification type " + n.get("NotificationType");
        }
        Map<String, Object> meta = map(n.get("NotificationMetadata"), "NotificationMetadata");
        String notificationId = text(meta.get("NotificationId"), "NotificationMetadata.NotificationId");
        if (deliveries.handled("amazon", notificationId).isPresent()) {
            return "duplicate notification " + notificationId;
        }
        Map<String, Object> change = map(map(n.get("Payload"), "Payload").get("OrderChangeNotification"),
                "Payload.OrderChangeNotification");
        String amazonSellerId = text(change.get("SellerId"), "SellerId");
        String amazonOrderId = text(change.get("AmazonOrderId"), "AmazonOrderId");
        Map<String, Object> summary = change.get("Summary") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        // Unknown until the seller links the account: fail, so the message waits in the DLQ for a redrive.
        Accounts.AmazonLink link = accounts.amazonSeller(amazonSellerId).orElseThrow(() -> new IllegalStateException(
                "no storefront is linked to Amazon seller " + amazonSellerId + " (scripts/admin create-storefront --type amazon)"));
        Storefront storefront = accounts.storefront(link.storefrontId()).orElseThrow(() -> new IllegalStateException(
                "storefront " + link.storefrontId() + " is gone"));
        Instant now = clock.instant();
        String result;
        if ("AFN".equals(summary.get("FulfillmentType"))) {
            result = "ignored: Amazon fulfils " + amazonOrderId;
        } else if ("BuyerRequestedChange".equals(change.get("OrderChangeType")) && buyerCancel(summary)) {
            result = describe(orders.canceled(storefront, new StorefrontEvent.Canceled(amazonOrderId, true,
                    "amazon: the buyer asked to cancel")));
        } else if ("Canceled".equals(summary.get("OrderStatus"))) {
            result = describe(orders.canceled(storefront, new StorefrontEvent.Canceled(amazonOrderId, false,
                    "amazon: canceled", orders.has(storefront, amazonOrderId) ? null
                    : readable(link, amazonOrderId))));
        } else if ("Shipped".equals(summary.get("OrderStatus"))) {
            result = shipped(storefront, amazonOrderId, change);
        } else {
            Map<String, Object> order = api.getOrder(link.refreshToken(), amazonOrderId);
            if (AmazonOrders.isAmazonFulfilled(order)) {
                result = "ignored: Amazon fulfils " + amazonOrderId;
            } else if ("Canceled".equals(order.get("OrderStatus"))) {
                result = describe(orders.canceled(storefront, new StorefrontEvent.Canceled(amazonOrderId, false,
                        "amazon: canceled")));
            } else if ("Shipped".equals(order.get("OrderStatus"))) {
                result = shipped(storefront, amazonOrderId, change);
            } else {
                // Pending (no prices yet) is kept as PENDING; the Unshipped notification's reading
                // brings the prices and moves it on. Anything unreadable is held, never dead-lettered.
                Map<String, Object> items = api.getOrderItems(link.refreshToken(), amazonOrderId);
                IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
                byte[] raw = Json.write(Map.of("getOrder", order, "getOrderItems", items))
                        .getBytes(StandardCharsets.UTF_8);
                result = describe(orders.accept(storefront, incoming, now, raw));
            }
        }
        deliveries.record("amazon", notificationId, null, now);
        return "notification " + notificationId + " for " + amazonOrderId + ": " + result;
    }

    /**
     * Shipped on Amazon: the notification has no tracking and no shipped lines we can trust as a
     * package (QuantityShipped counts every package), so it is everything left, named by the order.
     * An order already shipped here (ours, confirmed to Amazon, coming back) has nothing left: a repeat.
     */
    private String shipped(Storefront storefront, String amazonOrderId, Map<String, Object> change) {
        Instant at = change.get("OrderChangeTrigger") instanceof Map<?, ?> trigger
                && trigger.get("TimeOfOrderChange") instanceof String t ? parse(t) : null;
        return describe(orders.shipped(storefront, new StorefrontEvent.Shipped(amazonOrderId, new PlatformShipment(
                "amazon", "order " + amazonOrderId + " shipped", null, null, null, at, List.of()))));
    }

    private static Instant parse(String instant) {
        try {
            return Instant.parse(instant);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The order as Amazon has it, for a cancel that came before we had it; null when it cannot be read. */
    private IncomingOrder readable(Accounts.AmazonLink link, String amazonOrderId) {
        try {
            return AmazonOrders.toIncoming(api.getOrder(link.refreshToken(), amazonOrderId),
                    api.getOrderItems(link.refreshToken(), amazonOrderId));
        } catch (RuntimeException e) {
            return null; // the cancel is remembered all the same
        }
    }

    private static boolean buyerCancel(Map<String, Object> summary) {
        return summary.get("OrderItems") instanceof List<?> items && items.stream()
                .anyMatch(i -> i instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("IsBuyerRequestedCancel")));
    }

    private static String describe(ReceiveOrderService.Receipt r) {
        return (r.orderId() == null ? "no order" : r.orderId() + " " + r.status()) + (r.duplicate() ? " (again)" : "")
                + (r.note() == null ? "" : ", " + r.note());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("notification lacks " + path);
    }

    private static String text(Object value, String path) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("notification lacks " + path);
    }
}
