package orderflow.shared.ports;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;

/**
 * A platform's API for changes made here. Every method is safe to call again after an answer was
 * lost: it first looks for what an earlier call made (Shopify: a fulfillment with the tracking
 * number, the tag, the cancel, a refund carrying our refund id; WooCommerce: the note, the status, a
 * refund with our id in its reason; Amazon: the package reference, a feed already submitted for the
 * sync) and answers Done without a second.
 */
public interface ChannelClient {

    /** The parcel left: Shopify fulfillmentCreate, WooCommerce note (+ completed), Amazon confirmShipment. */
    PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment);

    /** The seller has the order in hand: Amazon's order acknowledgement, a Shopify tag, a WooCommerce note. */
    PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice);

    /** The seller canceled: Shopify orderCancel, WooCommerce status cancelled, Amazon's cancel. */
    PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice);

    /** Money paid back here: Shopify refundCreate, WooCommerce refunds with api_refund, Amazon's payment adjustment. */
    PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice);
}
