package orderflow.shared.aws;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;

/** Priming's channel client: the primed syncs are already done, so a call here is a priming bug. */
enum OfflineChannelClient implements ChannelClient {
    INSTANCE;

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        throw offline();
    }

    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        throw offline();
    }

    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        throw offline();
    }

    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        throw offline();
    }

    private static IllegalStateException offline() {
        return new IllegalStateException("offline: priming never calls a platform");
    }
}
