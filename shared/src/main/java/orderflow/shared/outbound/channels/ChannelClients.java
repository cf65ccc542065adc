package orderflow.shared.outbound.channels;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;

/** The channel client of each platform, chosen by the link's platform; an unknown platform is refused. */
public final class ChannelClients implements ChannelClient {

    private final ChannelClient shopify;
    private final ChannelClient woocommerce;
    private final ChannelClient amazon;

    public ChannelClients(ChannelClient shopify, ChannelClient woocommerce, ChannelClient amazon) {
        this.shopify = Objects.requireNonNull(shopify, "shopify");
        this.woocommerce = Objects.requireNonNull(woocommerce, "woocommerce");
        this.amazon = Objects.requireNonNull(amazon, "amazon");
    }

    @Override
    public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
        return route(link, c -> c.confirmShipment(link, externalOrderId, shipment));
    }

    @Override
    public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
        return route(link, c -> c.acknowledge(link, externalOrderId, notice));
    }

    @Override
    public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
        return route(link, c -> c.cancel(link, externalOrderId, notice));
    }

    @Override
    public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
        return route(link, c -> c.refund(link, externalOrderId, notice));
    }

    private PushResult route(ChannelLink link, Function<ChannelClient, PushResult> call) {
        if (link == null) {
            return new PushResult.Refused("The storefront has no link to its platform.");
        }
        ChannelClient client = client(link.platform());
        if (client == null) {
            return new PushResult.Refused(ChannelHttp.clean("Changes cannot be sent to platform '" + link.platform()
                    + "': only shopify, woocommerce and amazon are supported.", List.of()));
        }
        return call.apply(client);
    }

    private ChannelClient client(String platform) {
        if (platform == null) {
            return null;
        }
        return switch (platform.strip().toLowerCase(Locale.ROOT)) {
            case ChannelLink.SHOPIFY -> shopify;
            case ChannelLink.WOOCOMMERCE -> woocommerce;
            case ChannelLink.AMAZON -> amazon;
            default -> null;
        };
    }
}
