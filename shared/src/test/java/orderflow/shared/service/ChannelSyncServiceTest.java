package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.ports.ChannelClient;
import org.junit.jupiter.api.Test;

class ChannelSyncServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.ChannelSyncsFake syncs = new InMemory.ChannelSyncsFake();
    private final Client client = new Client();
    private final InMemory.SyncQueueFake queue = new InMemory.SyncQueueFake();
    private final ChannelSyncService service = new ChannelSyncService(syncs, orders, client, queue,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Order order = GenericOrderPayload.parse(new HashMap<>(GenericOrderPayloadTestData.valid()))
            .toOrder("sf-shop", "seller", NOW);
    private final ChannelSync pending = new ChannelSync("sync_1", order.orderId(), "sf-shop", "shopify",
            ChannelSync.Kind.SHIPMENT, ChannelSync.Status.PENDING, new ShipmentNotice("shp_1", "UPS",
            "1Z999AA10123456784", null, NOW, List.of(new ShipmentNotice.Line("MUG-BLUE", "111", 2)), true),
            0, null, null, NOW, NOW, null);

    ChannelSyncServiceTest() {
        orders.createIfAbsent(order);
        syncs.items.put(pending.syncId(), pending);
        syncs.links.put("sf-shop", new ChannelLink("sf-shop", "shopify", "http://127.0.0.1:1",
                Map.of("shopDomain", "acme.myshopify.com"), Map.of("accessToken", "shpat_secret")));
    }

    @Test
    void an_accepted_shipment_is_done_with_the_platforms_reference_and_sent_once() {
        client.answers.add(new PushResult.Done("gid://shopify/Fulfillment/9"));
        assertEquals(ChannelSyncService.Outcome.SENT, service.sync(order.orderId(), "sync_1"));
        ChannelSync after = syncs.items.get("sync_1");
        assertEquals(ChannelSync.Status.DONE, after.status());
        assertEquals("gid://shopify/Fulfillment/9", after.platformRef());
        assertEquals(1, after.attempts());
        // A redelivery of the same message changes nothing and calls no platform.
        assertEquals(ChannelSyncService.Outcome.ALREADY_DONE, service.sync(order.orderId(), "sync_1"));
        assertEquals(1, client.calls.size());
        assertEquals(order.externalOrderId(), client.calls.get(0));
    }

    @Test
    void a_platform_that_asks_to_wait_gets_the_sync_back_later_with_a_growing_jittered_delay() {
        client.answers.add(new PushResult.Retry("THROTTLED"));
        assertEquals(ChannelSyncService.Outcome.RETRY_LATER, service.sync(order.orderId(), "sync_1"));
        ChannelSync after = syncs.items.get("sync_1");
        assertEquals(ChannelSync.Status.PENDING, after.status());
        assertEquals(1, after.attempts());
        assertEquals("THROTTLED", after.lastError());
        assertEquals(1, queue.sent.size());
        assertTrue(queue.sent.get(0).getValue().toSeconds() >= 1 && queue.sent.get(0).getValue().toSeconds() <= 2);
    }

    @Test
    void a_refusal_is_failed_with_the_platforms_own_words_and_not_retried() {
        client.answers.add(new PushResult.Refused("lineItemsByFulfillmentOrder: quantity exceeds remaining"));
        assertEquals(ChannelSyncService.Outcome.FAILED, service.sync(order.orderId(), "sync_1"));
        ChannelSync after = syncs.items.get("sync_1");
        assertEquals(ChannelSync.Status.FAILED, after.status());
        assertEquals("lineItemsByFulfillmentOrder: quantity exceeds remaining", after.lastError());
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void after_the_last_attempt_a_waiting_sync_is_failed_for_the_seller() {
        ChannelSync tired = new ChannelSync("sync_1", order.orderId(), "sf-shop", "shopify", ChannelSync.Kind.SHIPMENT,
                ChannelSync.Status.PENDING, pending.shipment(), ChannelSyncService.MAX_ATTEMPTS - 1, "HTTP 503", null,
                NOW, NOW, null);
        syncs.items.put("sync_1", tired);
        client.answers.add(new PushResult.Retry("HTTP 503"));
        assertEquals(ChannelSyncService.Outcome.FAILED, service.sync(order.orderId(), "sync_1"));
        assertTrue(syncs.items.get("sync_1").lastError().startsWith("gave up after 12 attempts"));
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void a_storefront_without_a_platform_link_fails_the_sync_with_how_to_fix_it_and_calls_nothing() {
        syncs.links.clear();
        assertEquals(ChannelSyncService.Outcome.FAILED, service.sync(order.orderId(), "sync_1"));
        assertTrue(syncs.items.get("sync_1").lastError().contains("scripts/admin channel-link"));
        assertTrue(client.calls.isEmpty());
    }

    @Test
    void an_outcome_another_delivery_recorded_first_is_kept() {
        client.answers.add(new PushResult.Done("gid://shopify/Fulfillment/9"));
        syncs.refuseNextRecord = true; // another delivery finished the sync between our read and our write
        assertEquals(ChannelSyncService.Outcome.ALREADY_DONE, service.sync(order.orderId(), "sync_1"));
    }

    @Test
    void a_sync_another_delivery_is_sending_is_left_to_it() {
        syncs.items.put("sync_1", pending.sending(NOW.minusSeconds(30)));
        assertEquals(ChannelSyncService.Outcome.IN_FLIGHT, service.sync(order.orderId(), "sync_1"));
        assertTrue(client.calls.isEmpty(), "one attempt at a time");
    }

    @Test
    void a_claim_older_than_the_lease_is_taken_over_and_the_client_looks_before_it_calls() {
        syncs.items.put("sync_1", pending.sending(NOW.minus(ChannelSyncService.LEASE).minusSeconds(1)));
        client.answers.add(new PushResult.Done("gid://shopify/Fulfillment/9"));
        assertEquals(ChannelSyncService.Outcome.SENT, service.sync(order.orderId(), "sync_1"));
        assertEquals(2, syncs.items.get("sync_1").attempts(), "the attempt that died counts too");
        assertNull(syncs.items.get("sync_1").sendingSince());
    }

    @Test
    void an_amazon_refund_whose_sender_died_mid_call_goes_to_the_seller_instead_of_paying_twice() {
        RefundNotice notice = new RefundNotice("ref_1", new orderflow.shared.domain.Money(500, "USD"), "goodwill", true,
                List.of(new RefundNotice.Line("MUG-BLUE", "111", 0, new orderflow.shared.domain.Money(500, "USD"))));
        ChannelSync refund = new ChannelSync("sync_1", order.orderId(), "sf-shop", ChannelLink.AMAZON,
                ChannelSync.Kind.REFUND, ChannelSync.Status.PENDING, notice, 0, null, null, NOW, NOW, null);
        syncs.items.put("sync_1", refund.sending(NOW.minus(ChannelSyncService.LEASE).minusSeconds(1)));
        assertEquals(ChannelSyncService.Outcome.FAILED, service.sync(order.orderId(), "sync_1"));
        assertTrue(client.calls.isEmpty(), "Amazon is not sent the adjustment a second time");
        assertTrue(syncs.items.get("sync_1").lastError().contains("retry this sync only if it is missing"),
                syncs.items.get("sync_1").lastError());
        // The same refund on a platform that can find an earlier one is simply sent.
        syncs.items.put("sync_1", new ChannelSync("sync_1", order.orderId(), "sf-shop", "shopify", ChannelSync.Kind.REFUND,
                ChannelSync.Status.PENDING, notice, 1, null, null, NOW, NOW, NOW.minus(ChannelSyncService.LEASE)));
        client.answers.add(new PushResult.Done("gid://shopify/Refund/1"));
        assertEquals(ChannelSyncService.Outcome.SENT, service.sync(order.orderId(), "sync_1"));
    }

    @Test
    void unknown_syncs_and_bad_messages() {
        assertEquals(ChannelSyncService.Outcome.NO_SUCH_SYNC, service.sync(order.orderId(), "sync_none"));
        assertThrows(IllegalArgumentException.class, () -> service.handle(Map.of("orderId", order.orderId())));
        assertTrue(service.handle(Map.of("orderId", order.orderId(), "syncId", "sync_none")).endsWith("NO_SUCH_SYNC"));
    }

    @Test
    void a_links_secrets_never_show_in_its_text() {
        String text = syncs.links.get("sf-shop").toString();
        assertTrue(!text.contains("shpat_secret"), text);
        assertNull(syncs.items.get("sync_1").lastError());
    }

    private static final class Client implements ChannelClient {
        final Deque<PushResult> answers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public PushResult confirmShipment(ChannelLink link, String externalOrderId, ShipmentNotice shipment) {
            calls.add(externalOrderId);
            return answers.removeFirst();
        }

        @Override
        public PushResult acknowledge(ChannelLink link, String externalOrderId, AcknowledgeNotice notice) {
            calls.add("ack " + externalOrderId);
            return answers.removeFirst();
        }

        @Override
        public PushResult cancel(ChannelLink link, String externalOrderId, CancelNotice notice) {
            calls.add("cancel " + externalOrderId + " " + notice.reason());
            return answers.removeFirst();
        }

        @Override
        public PushResult refund(ChannelLink link, String externalOrderId, RefundNotice notice) {
            calls.add("refund " + externalOrderId + " " + notice.amount().minor());
            return answers.removeFirst();
        }
    }
}
