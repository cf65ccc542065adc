package orderflow.functions.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.StockChange;
import orderflow.shared.ports.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The scheduled overdue check against the emulator, with the clock moved instead of waiting:
 * exactly the late orders are flagged, each seller gets one digest, a rerun sends nothing new, a
 * retry of the same run re-sends the same digest (one email after the sender's de-duplication),
 * and two overlapping runs never take the same order.
 */
class FlagOverdueIT {

    /** Purchase time of every order here; ship-by is set per order relative to it. */
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final TestCloud cloud = TestCloud.get();
    private String sellerA;
    private String sellerB;

    @BeforeEach
    void sellers() {
        sellerA = cloud.newSeller("late-a");
        sellerB = cloud.newSeller("late-b");
        for (String s : List.of(sellerA, sellerB)) {
            cloud.admin().putStock(s, "MUG-BLUE", 1000, T0);
            cloud.admin().putStock(s, "TEE-BLACK-L", 1000, T0);
        }
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    private FlagOverdueHandler at(Instant now) {
        return new FlagOverdueHandler(cloud.adapters("FlagOverdueFunction", Clock.fixed(now, ZoneOffset.UTC)));
    }

    /** A confirmed order of the seller with this ship-by date (UNSHIPPED, stock reserved). */
    private Order unshipped(String seller, Instant shipBy) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "LATE-" + System.nanoTime());
        json.put("createdAt", T0.toString());
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, T0);
        Orders orders = cloud.orders();
        orders.createIfAbsent(order);
        List<StockChange> reserve = new ArrayList<>();
        order.quantitiesBySku().forEach((sku, q) -> reserve.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        Order confirmed = order.confirmed(shipBy, shipBy.plus(Duration.ofDays(5)));
        assertEquals(Orders.Done.class, orders.apply(OrderChange.of(order, confirmed, T0, Actor.job("test"),
                "reserve", "test", reserve)).getClass());
        return confirmed;
    }

    private Order shipped(Order order, Instant at) {
        OrderChange ship = OrderLifecycle.ship(order, ActionRequests.ship(Map.of("carrier", "UPS",
                "trackingNumber", "1Z999AA10123456784", "shipDate", at.toString()), ZoneOffset.UTC, at),
                Actor.job("test"), at);
        assertEquals(Orders.Done.class, cloud.orders().apply(ship).getClass());
        return ship.after();
    }

    private List<Map<String, Object>> digestsFor(List<Map<String, Object>> emails, String seller) {
        return emails.stream().filter(e -> String.valueOf(e.get("eventId")).startsWith("seller-digest:" + seller + ":"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(Map<String, Object> digest, String list) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) digest.get("data")).get(list)).stream()
                .map(m -> String.valueOf(m.get("orderId"))).toList();
    }

    /** The fixture's scheduled event with another id: each id is one run. */
    private Map<String, Object> fixture;

    private Map<String, Object> run(Instant now, String runId) {
        Map<String, Object> event = new java.util.HashMap<>(fixture);
        event.put("id", runId);
        return at(now).handleRequest(event, new TestContext());
    }

    @ParameterizedTest
    @Event(value = "events/flag-overdue.json", type = Map.class)
    void with_the_clock_past_ship_by_exactly_the_late_orders_are_flagged_and_each_seller_gets_one_digest(
            Map<String, Object> fixture) {
        this.fixture = fixture;
        Instant shipBy = T0.plus(Duration.ofDays(2));
        Order lateA = unshipped(sellerA, shipBy);
        Order partlyShippedA = unshipped(sellerA, shipBy);
        OrderChange partial = OrderLifecycle.ship(partlyShippedA, ActionRequests.ship(Map.of("carrier", "UPS",
                "trackingNumber", "1Z999AA10123456792", "shipDate", T0.plusSeconds(3600).toString(),
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1))), ZoneOffset.UTC, T0.plusSeconds(3600)),
                Actor.job("test"), T0.plusSeconds(3600));
        assertEquals(Orders.Done.class, cloud.orders().apply(partial).getClass());
        Order onTimeA = shipped(unshipped(sellerA, shipBy), T0.plus(Duration.ofDays(1)));
        Order soonA = unshipped(sellerA, T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(6)));
        Order laterA = unshipped(sellerA, T0.plus(Duration.ofDays(10)));
        Order lateB = unshipped(sellerB, shipBy);
        // A buyer question to seller A, unanswered for 30 hours when the check runs; one of 2 hours is not yet overdue.
        Instant check = T0.plus(Duration.ofDays(3));
        DynamoMessages messages = new DynamoMessages(cloud.dynamo, cloud.ref("MessagesTable"));
        messages.addBuyerMessage(laterA, "Ada", new BuyerMessage(laterA.orderId(), "q-1", BuyerMessage.Author.BUYER,
                "Where is it?", check.minus(Duration.ofHours(30)), "storefront:x"));
        messages.addBuyerMessage(soonA, "Ada", new BuyerMessage(soonA.orderId(), "q-2", BuyerMessage.Author.BUYER,
                "Gift wrap?", check.minus(Duration.ofHours(2)), "storefront:x"));

        // Before the ship-by date nothing is late for these sellers.
        run(T0.plus(Duration.ofDays(1)), "run-early-" + System.nanoTime());
        List<Map<String, Object>> early = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertTrue(digestsFor(early, sellerA).stream().allMatch(d -> listed(d, "late").isEmpty()), early.toString());
        assertEquals(List.of(), digestsFor(early, sellerB));

        // A day past it: the unshipped and the partly shipped order are late, the shipped one is not;
        // the one due within 24 h is at risk; the 30-hour question is overdue.
        String runId = "run-" + System.nanoTime();
        Map<String, Object> report = run(check, runId);
        assertEquals(true, report.get("complete"));
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        List<Map<String, Object>> digestA = digestsFor(emails, sellerA);
        assertEquals(1, digestA.size(), emails.toString());
        assertEquals(Set.of(lateA.orderId(), partlyShippedA.orderId()), Set.copyOf(listed(digestA.get(0), "late")));
        assertFalse(listed(digestA.get(0), "late").contains(onTimeA.orderId()));
        assertEquals(List.of(soonA.orderId()), listed(digestA.get(0), "atRisk"));
        assertEquals(List.of(laterA.orderId()), listed(digestA.get(0), "overdue"));
        assertEquals("owner@" + sellerA + ".example", digestA.get(0).get("toAddress"));
        List<Map<String, Object>> digestB = digestsFor(emails, sellerB);
        assertEquals(1, digestB.size());
        assertEquals(List.of(lateB.orderId()), listed(digestB.get(0), "late"));

        // A rerun flags and emails nothing for them; a retry of the same run re-sends the same digests
        // (same event ids: the sender lets one email out).
        run(check.plusSeconds(60), "run-again-" + System.nanoTime());
        List<Map<String, Object>> rerun = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(List.of(), digestsFor(rerun, sellerA));
        assertEquals(List.of(), digestsFor(rerun, sellerB));
        run(check, runId);
        List<Map<String, Object>> retried = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(digestA.get(0).get("eventId"), digestsFor(retried, sellerA).get(0).get("eventId"));
        assertEquals(digestB.get(0).get("eventId"), digestsFor(retried, sellerB).get(0).get("eventId"));

        // Shipping the late order takes it off the watch; it is still recorded as flagged.
        shipped(cloud.orders().get(lateA.orderId()).orElseThrow(), check.plusSeconds(120));
        var item = cloud.dynamo.getItem(g -> g.tableName(cloud.ref("OrdersTable"))
                .key(Map.of("orderId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        lateA.orderId())))).item();
        assertEquals(runId, item.get("lateFlag").s());
        assertFalse(item.containsKey("watchKey"));
    }

    @ParameterizedTest
    @Event(value = "events/flag-overdue.json", type = Map.class)
    void held_and_backordered_orders_are_listed_for_their_seller_once(Map<String, Object> fixture) {
        this.fixture = fixture;
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "HELD-" + System.nanoTime());
        json.put("lines", List.of(Map.of("title", "Engraving", "quantity", 1, "unitPrice", "5.00")));
        json.remove("total");
        Order held = GenericOrderPayload.parse(json).toOrder(sellerA + "-sf", sellerA, T0);
        assertEquals("ON_HOLD", held.status().name());
        cloud.orders().createIfAbsent(held);
        Order toShip = unshipped(sellerA, T0.plus(Duration.ofDays(10)));
        String runId = "run-held-" + System.nanoTime();
        Map<String, Object> report = run(T0.plus(Duration.ofDays(1)), runId);
        assertEquals(true, report.get("complete"));
        List<Map<String, Object>> digest = digestsFor(Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")), sellerA);
        assertEquals(1, digest.size());
        assertEquals(List.of(held.orderId()), listed(digest.get(0), "held"));
        assertFalse(listed(digest.get(0), "held").contains(toShip.orderId()));

        run(T0.plus(Duration.ofDays(1)).plusSeconds(900), "run-held-again-" + System.nanoTime());
        assertEquals(List.of(), digestsFor(Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")), sellerA), "once");
    }

    @ParameterizedTest
    @Event(value = "events/flag-overdue.json", type = Map.class)
    void overlapping_runs_never_flag_or_list_the_same_order_twice(Map<String, Object> fixture) throws Exception {
        this.fixture = fixture;
        Set<String> late = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            late.add(unshipped(i % 2 == 0 ? sellerA : sellerB, T0.plus(Duration.ofDays(1))).orderId());
        }
        Instant check = T0.plus(Duration.ofDays(2));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Map<String, Object>>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String runId = "overlap-" + i + "-" + System.nanoTime();
            runs.add(pool.submit(() -> run(check, runId)));
        }
        for (Future<Map<String, Object>> r : runs) {
            assertEquals(true, r.get().get("complete"));
        }
        pool.shutdown();
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        List<String> listedLate = new ArrayList<>();
        for (String seller : List.of(sellerA, sellerB)) {
            for (Map<String, Object> d : digestsFor(emails, seller)) {
                listedLate.addAll(listed(d, "late"));
            }
        }
        assertEquals(late.size(), listedLate.size(), "each late order in exactly one digest");
        assertEquals(late, Set.copyOf(listedLate));
    }
}
