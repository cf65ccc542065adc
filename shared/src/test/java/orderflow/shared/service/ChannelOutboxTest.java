package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import org.junit.jupiter.api.Test;

/**
 * A seller's action on an order of a linked storefront writes its channel sync with the change and
 * queues it, a repeat queues the same sync again, and the seller can retry a failed one.
 */
class ChannelOutboxTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Actor SELLER = Actor.sellerKey("key_1");

    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake emails = new InMemory.OutboxFake();
    private final InMemory.ChannelSyncsFake syncs = new InMemory.ChannelSyncsFake();
    private final InMemory.SyncQueueFake queue = new InMemory.SyncQueueFake();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Order order;

    ChannelOutboxTest() {
        accounts.sellers.put("seller", new Seller("seller", "Shop", "o@shop.example", "r@shop.example",
                "s@shop.example", 1, ZoneId.of("UTC")));
        Order placed = GenericOrderPayload.parse(GenericOrderPayloadTestData.valid()).toOrder("sf", "seller",
                NOW.minusSeconds(86_400));
        orders.createIfAbsent(placed);
        order = placed.confirmed(NOW.plusSeconds(86_400), NOW.plusSeconds(5 * 86_400));
        orders.orders.put(order.orderId(), order);
        orders.reserved.put("MUG-BLUE", 3);
        orders.onHand.put("MUG-BLUE", 5);
        syncs.links.put("sf", new ChannelLink("sf", ChannelLink.AMAZON, null, Map.of("marketplaceId", "ATVPDKIKX0DER"),
                Map.of("refreshToken", "Atzr|secret")));
    }

    private CancelOrder cancel() {
        return new CancelOrder(orders, accounts, emails, new LowStockAlerts(InMemory.noLowStock(), accounts, emails),
                new InMemory.QueueFake(), syncs, queue, clock);
    }

    @Test
    void a_cancel_is_written_with_its_sync_and_queued_again_on_a_repeat() {
        cancel().cancel("seller", SELLER, order.orderId(), Map.of("reason", "OUT_OF_STOCK", "note", "mold"));
        assertEquals(1, orders.syncs.size(), "written with the change");
        ChannelSync written = orders.syncs.get(0);
        assertEquals(ChannelSync.Kind.CANCEL, written.kind());
        CancelNotice notice = assertInstanceOf(CancelNotice.class, written.notice());
        assertEquals("NoInventory", notice.amazonReason());
        assertEquals("mold", notice.note());
        assertEquals(written.syncId(), ChannelSync.idOf(order.orderId(), ChannelSync.Kind.CANCEL, "cancel"));

        cancel().cancel("seller", SELLER, order.orderId(), Map.of("reason", "OUT_OF_STOCK", "note", "mold"));
        assertEquals(1, orders.syncs.size(), "a repeat writes nothing");
        assertEquals(List.of(written.syncId(), written.syncId()), queue.sent.stream().map(Map.Entry::getKey).toList(),
                "and queues the same sync again (the first send may have been lost)");
        assertTrue(queue.sent.stream().allMatch(e -> e.getValue().equals(Duration.ZERO)));
    }

    @Test
    void an_acknowledgement_names_our_order_as_the_merchant_order() {
        new AcknowledgeOrder(orders, syncs, queue, clock).acknowledge("seller", SELLER, order.orderId());
        AcknowledgeNotice notice = assertInstanceOf(AcknowledgeNotice.class, orders.syncs.get(0).notice());
        assertEquals(order.orderId(), notice.merchantOrderId());
        assertEquals(order.lines().size(), notice.lines().size());
        assertEquals(1, queue.sent.size());
    }

    @Test
    void a_storefront_without_a_link_writes_and_queues_nothing() {
        syncs.links.clear();
        cancel().cancel("seller", SELLER, order.orderId(), Map.of("reason", "OTHER"));
        assertTrue(orders.syncs.isEmpty());
        assertTrue(queue.sent.isEmpty());
    }

    @Test
    void the_seller_retries_a_failed_sync_and_nudges_a_pending_one() {
        ChannelSync failed = ChannelSync.acknowledge(order, syncs.links.get("sf"), NOW).sending(NOW)
                .failed("Amazon refused: the seller id is missing", NOW);
        syncs.items.put(failed.syncId(), failed);
        RetryChannelSync retry = new RetryChannelSync(orders, syncs, queue, clock);

        RetryChannelSync.Result again = retry.retry("seller", order.orderId(), failed.syncId());
        assertTrue(again.changed());
        assertEquals(ChannelSync.Status.PENDING, syncs.items.get(failed.syncId()).status());
        assertEquals(0, syncs.items.get(failed.syncId()).attempts(), "attempts start over");
        RetryChannelSync.Result nudge = retry.retry("seller", order.orderId(), failed.syncId());
        assertEquals(false, nudge.changed());
        assertEquals(2, queue.sent.size(), "queued both times");

        assertThrows(Failure.NotFound.class, () -> retry.retry("other-seller", order.orderId(), failed.syncId()));
        assertThrows(Failure.NotFound.class, () -> retry.retry("seller", order.orderId(), "sync_nosuchsync"));
        assertThrows(Failure.NotFound.class, () -> retry.retry("seller", order.orderId(), "not a sync id"));
    }
}
