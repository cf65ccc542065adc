package orderflow.shared.domain.channels;

import java.util.List;

/**
 * The seller has seen the order and will ship it: Amazon's order acknowledgement (our order id as the
 * merchant order id, each line by its OrderItemId), a tag on Shopify, a private note on WooCommerce.
 */
public record AcknowledgeNotice(String merchantOrderId, List<ShipmentNotice.Line> lines) implements ChannelNotice {

    public AcknowledgeNotice {
        lines = List.copyOf(lines);
    }
}
