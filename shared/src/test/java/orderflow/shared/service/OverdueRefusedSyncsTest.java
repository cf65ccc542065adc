package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.ports.FailedSyncs;

/**
 * The digest's "not accepted by your platforms" section: a FAILED sync is in one digest, found through
 * the FailedSyncs index (in memory here, with the adapter's rule: the mark goes only if the sync is
 * still the failure that was read), and a retry that fails again is reported again.
 */
class OverdueRefusedSyncsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** FAILED syncs and whether each still carries the unreported mark (failedShard), as the table keeps them. */
    static final class FailedFake implements FailedSyncs {
        final Map<String, ChannelSync> syncs = new LinkedHashMap<>();
        final Map<String, Instant> marked = new HashMap<>();

        void fail(ChannelSync sync) {
            syncs.put(sync.syncId(), sync);
            marked.put(sync.syncId(), sync.updatedAt()); // a FAILED put carries the mark
        }

        @Override
        public List<ChannelSync> unreported(int limit) {
            return syncs.values().stream().filter(s -> marked.containsKey(s.syncId()))
                    .sorted(Comparator.comparing(ChannelSync::updatedAt)).limit(limit).toList();
        }

        @Override
        public void reported(ChannelSync sync) {
            marked.remove(sync.syncId(), sync.updatedAt());
        }
    }

    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake outbox = new InMemory.OutboxFake();
    private final FailedFake failed = new FailedFake();

    private OverdueCheckService service() {
        accounts.sellers.put("s1", new Seller("s1", "Shop", "owner@shop.example", "help@shop.example",
                "help@shop.example", 2, ZoneId.of("UTC")));
        return new OverdueCheckService(new OverdueCheckServiceTest.WatchedFake(),
                new OverdueCheckServiceTest.NoMessages(), accounts, outbox, new OverdueCheckServiceTest.CheckpointsFake(),
                Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC), failed, orders);
    }

    private Order order(String external, String seller) {
        Map<String, Object> json = new HashMap<>(Map.of("externalOrderId", external, "paymentStatus", "PAID",
                "currency", "USD", "buyer", Map.of("name", "Ada", "email", "ada@example.com"),
                "shipTo", Map.of("name", "Ada", "line1", "1 Way", "city", "Town", "postalCode", "1", "country", "US"),
                "lines", List.of(Map.of("sku", "MUG", "title", "Mug", "quantity", 1, "unitPrice", "1.00")),
                "total", "1.00"));
        Order o = GenericOrderPayload.parse(json).toOrder("sf", seller, NOW.minus(Duration.ofDays(1)));
        orders.orders.put(o.orderId(), o);
        return o;
    }

    private static ChannelSync refused(Order order, String words, Instant at) {
        ChannelSync pending = ChannelSync.cancel(order, "OUT_OF_STOCK", null, false,
                new ChannelLink("sf", ChannelLink.SHOPIFY, "https://x", Map.of(), Map.of()), at.minusSeconds(60));
        return pending.sending(at.minusSeconds(30)).failed(words, at);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listed(EmailMessage digest) {
        return (List<Map<String, Object>>) digest.data().get("refused");
    }

    @Test
    void a_seller_with_only_a_refused_sync_gets_a_digest_and_the_sync_is_reported_once() {
        Order o = order("#1001", "s1");
        ChannelSync sync = refused(o, "Order is already fulfilled", NOW.minusSeconds(600));
        failed.fail(sync);
        OverdueCheckService service = service();

        OverdueCheckService.Report first = service.run("run-1", JobDeadline.none());
        assertEquals(1, first.refusedSyncs());
        assertEquals(1, first.digests());
        assertEquals(1, outbox.messages.size());
        List<Map<String, Object>> refused = listed(outbox.messages.get(0));
        assertEquals(1, refused.size());
        assertEquals("#1001", refused.get(0).get("externalOrderId"));
        assertEquals("Shopify", refused.get(0).get("platform"));
        assertEquals("cancellation", refused.get(0).get("kind"));
        assertEquals("Order is already fulfilled", refused.get(0).get("error"));
        assertEquals("POST /v1/orders/" + o.orderId() + "/channel-syncs/" + sync.syncId() + "/retry",
                refused.get(0).get("retry"));
        assertTrue(failed.marked.isEmpty(), "reported: out of the index");

        OverdueCheckService.Report second = service.run("run-2", JobDeadline.none());
        assertEquals(0, second.refusedSyncs());
        assertEquals(0, second.digests());
        assertEquals(1, outbox.messages.size(), "no second digest for the same failure");
    }

    @Test
    void a_retry_that_fails_again_is_in_the_next_digest() {
        Order o = order("#1002", "s1");
        ChannelSync first = refused(o, "Access denied for fulfillmentCreate", NOW.minusSeconds(3600));
        failed.fail(first);
        OverdueCheckService service = service();
        service.run("run-1", JobDeadline.none());

        // The seller retried (FAILED -> PENDING), and the platform refused again.
        failed.fail(first.again(NOW.minusSeconds(120)).sending(NOW.minusSeconds(110)).failed("Access denied again",
                NOW.minusSeconds(100)));
        service.run("run-2", JobDeadline.none());

        assertEquals(2, outbox.messages.size());
        assertEquals("Access denied again", listed(outbox.messages.get(1)).get(0).get("error"));
        assertTrue(failed.marked.isEmpty());
    }

    @Test
    void a_failure_read_before_a_retry_keeps_the_new_failure_unreported() {
        Order o = order("#1003", "s1");
        ChannelSync old = refused(o, "first words", NOW.minusSeconds(3600));
        failed.fail(old);
        ChannelSync again = old.again(NOW.minusSeconds(120)).sending(NOW.minusSeconds(110))
                .failed("second words", NOW.minusSeconds(100));
        failed.fail(again);
        failed.reported(old); // what a run that read the first failure does after its digest
        assertEquals(List.of(again), failed.unreported(10));
    }

    @Test
    void refused_syncs_of_an_order_that_is_gone_or_a_seller_that_is_gone_are_dropped_without_a_digest() {
        Order gone = order("#1004", "s1");
        orders.orders.remove(gone.orderId());
        failed.fail(refused(gone, "no such order", NOW.minusSeconds(600)));
        Order orphan = order("#1005", "s-deleted");
        failed.fail(refused(orphan, "no such order", NOW.minusSeconds(500)));

        service().run("run-1", JobDeadline.none());

        assertEquals(List.of(), outbox.messages);
        assertTrue(failed.marked.isEmpty(), "nobody to tell: they must not hold the oldest-first query");
    }

    @Test
    void the_digest_of_late_orders_and_refused_syncs_is_one_email_per_seller() {
        List<Order> many = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.add(order("#20" + i, "s1"));
        }
        many.forEach(o -> failed.fail(refused(o, "x", NOW.minusSeconds(100))));
        service().run("run-1", JobDeadline.none());
        assertEquals(1, outbox.messages.size());
        assertEquals(3, listed(outbox.messages.get(0)).size());
        assertEquals("3 not accepted by a platform", outbox.messages.get(0).data().get("summary"));
    }
}
