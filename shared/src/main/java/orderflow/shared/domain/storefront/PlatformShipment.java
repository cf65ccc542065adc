package orderflow.shared.domain.storefront;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A package the seller shipped on the platform itself (Shopify admin, WooCommerce "completed", Amazon
 * Seller Central), as the platform tells us. platform: "shopify", "woocommerce", "amazon". reference:
 * the platform's own name for it (a Shopify fulfillment id, ...), stable across redeliveries, so a
 * repeat is recognised even without a tracking number. carrier, trackingNumber, trackingUrl and
 * shipDate may be null (the platform did not say). lines empty: everything left to ship.
 */
public record PlatformShipment(String platform, String reference, String carrier, String trackingNumber,
                               String trackingUrl, Instant shipDate, List<Line> lines) {

    /** One shipped line: the platform's line id and/or the platform's SKU, and how many units. */
    public record Line(String lineId, String sku, int quantity) {
        public Line {
            if (quantity <= 0) {
                throw new IllegalArgumentException("a shipped line has at least one unit");
            }
        }
    }

    public PlatformShipment {
        if (platform == null || platform.isBlank() || reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a platform shipment names its platform and its reference");
        }
        carrier = clean(carrier, 100);
        trackingNumber = clean(trackingNumber, 100);
        trackingUrl = trackingUrl != null && trackingUrl.strip().matches("(?i)https?://\\S{1,490}")
                ? trackingUrl.strip() : null;
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The message form (OrderQueue carries it as JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", platform);
        m.put("reference", reference);
        m.put("carrier", carrier);
        m.put("trackingNumber", trackingNumber);
        m.put("trackingUrl", trackingUrl);
        m.put("shipDate", shipDate == null ? null : shipDate.toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineId", l.lineId());
            line.put("sku", l.sku());
            line.put("quantity", l.quantity());
            out.add(line);
        }
        m.put("lines", out);
        return m;
    }

    /** Reads {@link #toMap()}'s form back; throws IllegalArgumentException when it is not that. */
    public static PlatformShipment fromMap(Map<?, ?> m) {
        List<Line> lines = new ArrayList<>();
        if (m.get("lines") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> l) || !(l.get("quantity") instanceof Number q)) {
                    throw new IllegalArgumentException("a shipped line lacks its quantity");
                }
                lines.add(new Line(text(l.get("lineId")), text(l.get("sku")), q.intValue()));
            }
        }
        Instant shipDate;
        try {
            shipDate = m.get("shipDate") instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("shipDate is not an instant", e);
        }
        return new PlatformShipment(text(m.get("platform")), text(m.get("reference")), text(m.get("carrier")),
                text(m.get("trackingNumber")), text(m.get("trackingUrl")), shipDate, lines);
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    /** Display text from a platform: control characters dropped, cut to max; blank is null. */
    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String c = s.replaceAll("\\p{Cntrl}", " ").strip();
        return c.isEmpty() ? null : c.length() > max ? c.substring(0, max) : c;
    }
}
