package orderflow.shared.domain.channels;

import java.time.Instant;
import java.util.List;

/**
 * A shipment as the platforms are told about it: the parcel (carrier, tracking), when it left, and
 * each line it holds by the platform's own line id. fullyShipped: nothing of the order is left to
 * ship after it (WooCommerce then completes the order).
 */
public record ShipmentNotice(String shipmentId, String carrier, String trackingNumber, String trackingUrl,
                             Instant shipDate, List<Line> lines, boolean fullyShipped)
        implements ChannelNotice {

    public ShipmentNotice {
        lines = List.copyOf(lines);
    }

    /**
     * lineId: Shopify's and WooCommerce's line item id, Amazon's OrderItemId; null when intake had none.
     * Cancels and acknowledgements name their lines the same way.
     */
    public record Line(String sku, String lineId, int quantity) {
    }
}
