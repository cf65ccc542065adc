package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;
import org.junit.jupiter.api.Test;

class ChannelClientsTest {

    private final List<String> calls = new ArrayList<>();

    private ChannelClient fake(String name) {
        return (link, orderId, shipment) -> {
            calls.add(name + ":" + orderId);
            return new PushResult.Done(name);
        };
    }

    private final ChannelClients clients = new ChannelClients(fake("shopify"), fake("woocommerce"), fake("amazon"));

    private static final ShipmentNotice NOTICE = new ShipmentNotice("shp_1", "UPS", "1Z", null, Instant.EPOCH,
            List.of(new ShipmentNotice.Line("A", "1", 1)), true);

    private static ChannelLink link(String platform) {
        return new ChannelLink("sf", platform, null, Map.of(), Map.of("accessToken", "secret-value"));
    }

    @Test
    void dispatches_on_the_links_platform() {
        assertEquals(new PushResult.Done("shopify"), clients.confirmShipment(link("shopify"), "1", NOTICE));
        assertEquals(new PushResult.Done("woocommerce"), clients.confirmShipment(link("WooCommerce"), "2", NOTICE));
        assertEquals(new PushResult.Done("amazon"), clients.confirmShipment(link(ChannelLink.AMAZON), "3", NOTICE));
        assertEquals(List.of("shopify:1", "woocommerce:2", "amazon:3"), calls);
    }

    @Test
    void an_unknown_platform_or_no_link_is_refused() {
        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                clients.confirmShipment(link("magento"), "1", NOTICE));
        assertTrue(refused.platformMessage().contains("'magento'"));
        assertInstanceOf(PushResult.Refused.class, clients.confirmShipment(link(null), "1", NOTICE));
        assertInstanceOf(PushResult.Refused.class, clients.confirmShipment(null, "1", NOTICE));
        assertTrue(calls.isEmpty());
    }
}
