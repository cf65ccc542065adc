package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A WooCommerce order the shop marked completed with a parcel's tracking: shipped from the WooCommerce
 * admin. Core WooCommerce has no shipments or lines, so it is everything left. "completed" alone is
 * not read as a shipment: autocomplete plugins complete paid orders before anything ships (see
 * {@link #shipped}). The Shipment Tracking extension
 * keeps its parcels in the order's meta_data under _wc_shipment_tracking_items (tracking_provider,
 * custom_tracking_provider, custom_tracking_link, tracking_number, date_shipped as a Unix time):
 * the first one with a number gives the tracking.
 */
final class WooCommerceShipments {

    static final String PLATFORM = "woocommerce";
    static final String TRACKING_META = "_wc_shipment_tracking_items";

    private WooCommerceShipments() {
    }

    /**
     * Whether a completed order carries the Shipment Tracking extension's parcel: only then is it read as
     * shipped on WooCommerce. A completion without one may be an autocomplete plugin on a paid order still
     * to ship from our warehouse: it is read as the paid order it is.
     */
    static boolean shipped(Map<String, Object> order) {
        return firstTracking(order.get("meta_data")) != null;
    }

    static StorefrontEvent completed(Map<String, Object> order) {
        String orderId = PayloadReader.idText(order.get("id"));
        if (orderId == null) {
            return new StorefrontEvent.Ignored("woocommerce: a completed order without a usable id: no order to ship");
        }
        Map<?, ?> tracking = firstTracking(order.get("meta_data"));
        Instant completed = loose(order, "date_completed_gmt") == null ? null
                : PayloadReader.parseInstant(loose(order, "date_completed_gmt"), true);
        String carrier = null;
        String number = null;
        String url = null;
        Instant shipped = completed;
        if (tracking != null) {
            carrier = text(tracking.get("custom_tracking_provider"));
            carrier = carrier != null ? carrier : text(tracking.get("tracking_provider"));
            number = text(tracking.get("tracking_number"));
            url = text(tracking.get("custom_tracking_link"));
            Instant date = shipDate(tracking.get("date_shipped"));
            shipped = date != null ? date : completed;
        }
        // One completion per order: its id names the shipment, with a tracking number or without.
        return new StorefrontEvent.Shipped(orderId, new PlatformShipment(PLATFORM, "order " + orderId + " completed",
                carrier, number, url, shipped, List.of()));
    }

    /** The first Shipment Tracking item with a tracking number; null without the extension. */
    private static Map<?, ?> firstTracking(Object metaData) {
        if (!(metaData instanceof List<?> meta)) {
            return null;
        }
        for (Object entry : meta) {
            if (entry instanceof Map<?, ?> m && TRACKING_META.equals(m.get("key")) && m.get("value") instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> t && text(t.get("tracking_number")) != null) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    /** date_shipped: a Unix time (number or digits); a plain date is read too. Null when neither. */
    private static Instant shipDate(Object value) {
        String s = value instanceof Number n ? Long.toString(n.longValue()) : text(value);
        if (s == null) {
            return null;
        }
        if (s.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
