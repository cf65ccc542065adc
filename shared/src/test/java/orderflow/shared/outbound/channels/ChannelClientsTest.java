package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;
import org.junit.jupiter.api.Test;

class ChannelClientsTest {

    private final List<String> calls = new ArrayList<>();

    private ChannelClient fake(String name) {
        return new ChannelClient() {
            @Override
            public PushResult confirmShipment(ChannelLink link, String orderId, ShipmentNotice shipment) {
                return call("ship");
            }

            @Override
            public PushResult acknowledge(ChannelLink link, String orderId, AcknowledgeNotice notice) {
                return call("ack");
            }

            @Override
            public PushResult cancel(ChannelLink link, String orderId, CancelNotice notice) {
                return call("cancel");
            }

            @Override
            public PushResult refund(ChannelLink link, String orderId, RefundNotice notice) {
                return call("refund");
            }

            private PushResult call(String what) {
                calls.add(name + ":" + what);
                return new PushResult.Done(name);
            }
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
        assertEquals(new PushResult.Done("amazon"), clients.acknowledge(link("amazon"), "3",
                new AcknowledgeNotice("ord_1", List.of())));
        assertEquals(new PushResult.Done("shopify"), clients.cancel(link("shopify"), "1",
                new CancelNotice("ord_1", "OTHER", null, false, List.of())));
        assertEquals(new PushResult.Done("woocommerce"), clients.refund(link("woocommerce"), "2",
                new RefundNotice("ref_1", new Money(100, "EUR"), "goodwill", true, List.of())));
        assertEquals(List.of("shopify:ship", "woocommerce:ship", "amazon:ship", "amazon:ack", "shopify:cancel",
                "woocommerce:refund"), calls);
    }

    @Test
    void an_unknown_platform_or_no_link_is_refused() {
        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                clients.confirmShipment(link("magento"), "1", NOTICE));
        assertTrue(refused.platformMessage().contains("'magento'"));
        assertInstanceOf(PushResult.Refused.class, clients.confirmShipment(link(null), "1", NOTICE));
        assertInstanceOf(PushResult.Refused.class, clients.confirmShipment(null, "1", NOTICE));
        assertInstanceOf(PushResult.Refused.class, clients.cancel(link("magento"), "1",
                new CancelNotice("ord_1", "OTHER", null, false, List.of())));
        assertTrue(calls.isEmpty());
    }
}
