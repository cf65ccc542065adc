package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.abbreviate;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shipments made on Shopify, read from its REST Fulfillment (the fulfillments/create body, and each
 * of an order's fulfillments in orders/fulfilled): id, order_id, status, tracking_company,
 * tracking_number(s), tracking_url(s), created_at, line_items (the order's line items, each with
 * the fulfilled quantity). Only status "success" is a package that left; pending and open wait
 * for a fulfillment service, cancelled, error and failure never shipped.
 */
final class ShopifyFulfillments {

    static final String PLATFORM = "shopify";

    private ShopifyFulfillments() {
    }

    /** fulfillments/create: the body is one Fulfillment. */
    static StorefrontEvent created(Map<String, Object> fulfillment) {
        String orderId = PayloadReader.idText(fulfillment.get("order_id"));
        if (orderId == null) {
            return new StorefrontEvent.Ignored("shopify: a fulfillment without a usable order_id: no order to ship");
        }
        String why = notShipped(fulfillment, orderId);
        if (why != null) {
            return new StorefrontEvent.Ignored(why);
        }
        PlatformShipment shipment = read(fulfillment);
        return shipment == null ? new StorefrontEvent.Ignored(unreadable(orderId))
                : new StorefrontEvent.Shipped(orderId, shipment);
    }

    /** orders/fulfilled, orders/partially_fulfilled: the order, with every fulfillment it has. */
    @SuppressWarnings("unchecked")
    static StorefrontEvent ofOrder(String topic, Map<String, Object> order) {
        String orderId = PayloadReader.idText(order.get("id"));
        if (orderId == null) {
            return new StorefrontEvent.Ignored("shopify: " + topic + " without a usable order id: no order to ship");
        }
        List<PlatformShipment> shipments = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (order.get("fulfillments") instanceof List<?> all) {
            for (Object f : all) {
                if (!(f instanceof Map<?, ?> m)) {
                    continue;
                }
                Map<String, Object> fulfillment = (Map<String, Object>) m;
                String why = notShipped(fulfillment, orderId);
                PlatformShipment s = why == null ? read(fulfillment) : null;
                if (s != null) {
                    shipments.add(s);
                } else {
                    skipped.add(why == null ? unreadable(orderId) : why);
                }
            }
        }
        if (shipments.isEmpty()) {
            return new StorefrontEvent.Ignored("shopify: " + topic + " for order " + orderId
                    + " names no shipped fulfillment" + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        }
        return new StorefrontEvent.Shipped(orderId, shipments);
    }

    /** Why the fulfillment is no package that left, or null when it is one. */
    private static String notShipped(Map<String, Object> fulfillment, String orderId) {
        String status = loose(fulfillment, "status");
        if (status != null && status.toLowerCase(Locale.ROOT).equals("success")) {
            return null;
        }
        return "shopify: fulfillment " + idOrUnknown(fulfillment) + " of order " + orderId + " is "
                + (status == null ? "without a status" : abbreviate(status)) + ": nothing shipped";
    }

    private static String unreadable(String orderId) {
        return "shopify: a fulfillment of order " + orderId + " has no usable id or line quantities: record the "
                + "shipment with the seller API";
    }

    /** Null when it cannot be told apart from others (no id) or a line cannot be read. */
    private static PlatformShipment read(Map<String, Object> f) {
        String id = PayloadReader.idText(f.get("id"));
        if (id == null) {
            return null;
        }
        List<PlatformShipment.Line> lines = new ArrayList<>();
        if (f.get("line_items") instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> m) || !(m.get("quantity") instanceof Number q) || q.intValue() <= 0) {
                    return null; // recording fewer lines than left, or all of them, would both be wrong
                }
                String lineId = PayloadReader.idText(m.get("id"));
                String sku = m.get("sku") instanceof String s && !s.isBlank() ? s.strip() : null;
                if (lineId == null && sku == null) {
                    return null;
                }
                lines.add(new PlatformShipment.Line(lineId, sku, q.intValue()));
            }
        }
        Instant shipDate = loose(f, "created_at") == null ? null : PayloadReader.parseInstant(loose(f, "created_at"), false);
        return new PlatformShipment(PLATFORM, "fulfillment " + id, loose(f, "tracking_company"),
                firstText(loose(f, "tracking_number"), f.get("tracking_numbers")),
                firstText(loose(f, "tracking_url"), f.get("tracking_urls")), shipDate, lines);
    }

    private static String firstText(String single, Object list) {
        if (single != null) {
            return single;
        }
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s && !s.isBlank()) {
                    return s.strip();
                }
            }
        }
        return null;
    }

    private static String idOrUnknown(Map<String, Object> f) {
        String id = PayloadReader.idText(f.get("id"));
        return id == null ? "?" : id;
    }
}
