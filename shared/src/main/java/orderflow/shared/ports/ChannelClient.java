package orderflow.shared.ports;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;

/**
 * A platform's API for changes made here. Every method is safe to call again after an answer was
 * lost: it first looks for what an earlier call made (Shopify: a fulfillment with the tracking
 * number; WooCommerce: the note; Amazon: the package reference) and answers Done without a second.
 */
public interface ChannelClient {

    /** The parcel left: Shopify fulfillmentCreate, WooCommerce note (+ completed), Amazon confirmShipment. */
    PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment);
}
