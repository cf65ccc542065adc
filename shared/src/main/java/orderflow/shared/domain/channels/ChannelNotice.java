package orderflow.shared.domain.channels;

/** What one channel sync tells the order's platform: a shipment, an acknowledgement, a cancel or a refund. */
public sealed interface ChannelNotice permits ShipmentNotice, AcknowledgeNotice, CancelNotice, RefundNotice {
}
