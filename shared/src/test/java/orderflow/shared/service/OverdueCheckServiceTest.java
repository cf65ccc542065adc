package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.ports.JobCheckpoints;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.WatchedOrders;

/**
 * The overdue check's paging, stopping and resuming, with in-memory stand-ins for the index (the
 * conditional flag writes and the index queries are tested against the emulator in FlagOverdueIT).
 */
class OverdueCheckServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** Orders spread over 4 buckets by id, due in ship-by order, flags as the adapter keeps them. */
    static final class WatchedFake implements WatchedOrders {
        final List<Order> orders = new ArrayList<>();
        // the service writes a page's flags in parallel, as DynamoDB takes them
        final Map<String, String> lateFlags = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, String> atRiskFlags = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, String> waitingFlags = new java.util.concurrent.ConcurrentHashMap<>();
        int queries;

        private Map<String, String> flags(Flag flag) {
            return switch (flag) {
                case LATE -> lateFlags;
                case AT_RISK -> atRiskFlags;
                case WAITING -> waitingFlags;
            };
        }

        /** The time an order is watched by, as WatchKeys keys it; null when this watch does not hold it. */
        private static Instant watchedAt(Order o, Watch watch) {
            return switch (watch) {
                case SHIP -> o.status() == OrderStatus.UNSHIPPED ? o.shipBy() : null;
                case WAITING -> o.status() == OrderStatus.ON_HOLD || o.status() == OrderStatus.BACKORDERED
                        ? o.receivedAt() : null;
                case PENDING -> null;
            };
        }

        @Override public int buckets() { return 4; }

        @Override
        public Page due(Watch watch, int bucket, Instant from, Instant before, Flag unflagged, String runId,
                        Map<String, String> after, int limit) {
            queries++;
            Map<String, String> flags = flags(unflagged);
            List<Order> inBucket = orders.stream().filter(o -> Math.floorMod(o.orderId().hashCode(), 4) == bucket)
                    .filter(o -> watchedAt(o, watch) != null)
                    .filter(o -> !watchedAt(o, watch).isBefore(from) && watchedAt(o, watch).isBefore(before))
                    .sorted(Comparator.comparing((Order o) -> watchedAt(o, watch)).thenComparing(Order::orderId)).toList();
            int start = after == null ? 0 : Integer.parseInt(after.get("i"));
            List<Order> page = new ArrayList<>();
            int i = start;
            for (; i < inBucket.size() && i - start < limit; i++) {
                Order o = inBucket.get(i);
                String flag = flags.get(o.orderId());
                if (flag == null || flag.equals(runId)) {
                    page.add(o);
                }
            }
            return new Page(page, i < inBucket.size() ? Map.of("i", Integer.toString(i)) : null);
        }

        @Override
        public boolean flag(String orderId, Flag flag, String runId, Instant now) {
            String existing = flags(flag).putIfAbsent(orderId, runId);
            return existing == null || existing.equals(runId);
        }
    }

    static final class NoMessages implements Messages {
        @Override public boolean addBuyerMessage(Order o, String b, orderflow.shared.domain.BuyerMessage m) { return false; }
        @Override public boolean addSellerReply(Order o, orderflow.shared.domain.BuyerMessage r, Instant s) { return false; }
        @Override public Optional<MessageThread> thread(String orderId) { return Optional.empty(); }
        @Override public List<orderflow.shared.domain.BuyerMessage> messages(String orderId, int limit) { return List.of(); }
        @Override public Page awaiting(String sellerId, String after, int limit) { return new Page(List.of(), null); }
        @Override public int watchBuckets() { return 2; }
        @Override public Page overdue(int bucket, Instant before, String runId, String after, int limit) {
            return new Page(List.of(), null);
        }
        @Override public boolean flagOverdue(MessageThread t, String runId, Instant now) { return false; }
        @Override public List<orderflow.shared.domain.ResponseTime> responseTimes(String s, Instant f, Instant t) {
            return List.of();
        }
    }

    static final class CheckpointsFake implements JobCheckpoints {
        final Map<String, Checkpoint> saved = new HashMap<>();
        @Override public Optional<Checkpoint> get(String job) { return Optional.ofNullable(saved.get(job)); }
        @Override public void save(String job, Checkpoint c) { saved.put(job, c); }
        @Override public void clear(String job) { saved.remove(job); }
    }

    private static Order late(int i) {
        Map<String, Object> json = new HashMap<>(Map.of("externalOrderId", "L-" + i, "paymentStatus", "PAID",
                "currency", "USD", "buyer", Map.of("name", "Ada", "email", "ada@example.com"),
                "shipTo", Map.of("name", "Ada", "line1", "1 Way", "city", "Town", "postalCode", "1", "country", "US"),
                "lines", List.of(Map.of("sku", "MUG", "title", "Mug", "quantity", 1, "unitPrice", "1.00")),
                "total", "1.00"));
        Order o = GenericOrderPayload.parse(json).toOrder("sf", "s1", NOW.minus(Duration.ofDays(5)));
        return o.confirmed(NOW.minus(Duration.ofHours(1 + i % 48)), NOW.plus(Duration.ofDays(3)));
    }

    /** Time for {@code pages} pages, then none. */
    private static JobDeadline pages(int pages) {
        int[] left = {pages};
        return () -> left[0]-- > 0 ? 60_000 : 0;
    }

    @Test
    void a_run_out_of_time_saves_where_it_stopped_and_the_next_resumes_there_flagging_each_order_once() {
        WatchedFake watched = new WatchedFake();
        for (int i = 0; i < 1800; i++) { // 4 buckets of about 450: 1 page of 500 each
            watched.orders.add(late(i));
        }
        InMemory.AccountsFake accounts = new InMemory.AccountsFake();
        accounts.sellers.put("s1", new Seller("s1", "Shop", "owner@shop.example", "help@shop.example",
                "help@shop.example", 2, ZoneId.of("UTC")));
        InMemory.OutboxFake outbox = new InMemory.OutboxFake();
        CheckpointsFake checkpoints = new CheckpointsFake();
        OverdueCheckService service = new OverdueCheckService(watched, new NoMessages(), accounts, outbox,
                checkpoints, Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

        OverdueCheckService.Report first = service.run("run-1", pages(2));
        assertFalse(first.complete());
        assertEquals(new JobCheckpoints.Checkpoint(2, null), checkpoints.saved.get(OverdueCheckService.LATE_JOB));
        assertEquals(1, first.digests());

        int queriesBefore = watched.queries;
        OverdueCheckService.Report second = service.run("run-2", pages(100));
        assertTrue(second.complete());
        // the late pass reads only buckets 2 and 3 (resumed), then the at-risk and waiting passes all 4
        assertEquals(2 + 4 + 4, watched.queries - queriesBefore);
        assertTrue(checkpoints.saved.isEmpty(), "a pass that went through clears the checkpoint");
        assertEquals(1800, first.late() + second.late());
        assertEquals(1800, watched.lateFlags.size());
        assertEquals(2, outbox.messages.size());
        assertTrue(String.valueOf(outbox.messages.get(1).data().get("lateTitle")).startsWith(second.late() + " late"));

        OverdueCheckService.Report again = service.run("run-3", pages(100));
        assertEquals(0, again.late());
        assertEquals(0, again.digests());
    }

    @Test
    void held_and_backordered_orders_are_in_one_digest_once_with_their_reason() {
        WatchedFake watched = new WatchedFake();
        Map<String, Object> json = new HashMap<>(Map.of("externalOrderId", "H-1", "paymentStatus", "PAID",
                "currency", "USD", "buyer", Map.of("name", "Ada", "email", "ada@example.com"),
                "shipTo", Map.of("name", "Ada", "line1", "1 Way", "city", "Town", "postalCode", "1", "country", "US"),
                "lines", List.of(Map.of("quantity", 1, "unitPrice", "1.00"))));
        Order held = GenericOrderPayload.parse(json).toOrder("sf", "s1", NOW.minus(Duration.ofHours(2)));
        assertEquals(OrderStatus.ON_HOLD, held.status());
        json.put("externalOrderId", "B-1");
        json.put("lines", List.of(Map.of("sku", "MUG", "quantity", 1, "unitPrice", "1.00")));
        Order backordered = GenericOrderPayload.parse(json).toOrder("sf", "s1", NOW.minus(Duration.ofHours(3)))
                .withStatus(OrderStatus.BACKORDERED, "Not enough stock: MUG: 1 ordered, 0 available");
        watched.orders.add(held);
        watched.orders.add(backordered);
        InMemory.AccountsFake accounts = new InMemory.AccountsFake();
        accounts.sellers.put("s1", new Seller("s1", "Shop", "owner@shop.example", "help@shop.example",
                "help@shop.example", 2, ZoneId.of("UTC")));
        InMemory.OutboxFake outbox = new InMemory.OutboxFake();
        OverdueCheckService service = new OverdueCheckService(watched, new NoMessages(), accounts, outbox,
                new CheckpointsFake(), Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

        OverdueCheckService.Report first = service.run("run-1", pages(100));
        assertEquals(2, first.waiting());
        assertEquals(1, outbox.messages.size());
        var data = outbox.messages.get(0).data();
        assertTrue(String.valueOf(data.get("heldTitle")).startsWith("2 waiting for you"), String.valueOf(data));
        assertTrue(String.valueOf(data.get("held")).contains("has no SKU"), String.valueOf(data.get("held")));
        assertTrue(String.valueOf(data.get("held")).contains("Not enough stock"), String.valueOf(data.get("held")));

        OverdueCheckService.Report again = service.run("run-2", pages(100));
        assertEquals(0, again.waiting(), "each once");
        assertEquals(1, outbox.messages.size());
    }
}
