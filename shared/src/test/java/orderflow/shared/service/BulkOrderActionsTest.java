package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.ports.BulkAnswers;
import orderflow.shared.ports.Orders;
import orderflow.shared.service.BulkOrderActions.Result;
import org.junit.jupiter.api.Test;

class BulkOrderActionsTest {

    private static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Actor ACTOR = Actor.sellerKey("key_1");

    private final InMemory.OrdersFake orders = new InMemory.OrdersFake();
    private final InMemory.AccountsFake accounts = new InMemory.AccountsFake();
    private final InMemory.OutboxFake emails = new InMemory.OutboxFake();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AnswersFake answers = new AnswersFake();
    private final BulkOrderActions bulk = new BulkOrderActions(new AcknowledgeOrder(orders, clock),
            new CancelOrder(orders, accounts, emails, new LowStockAlerts(InMemory.noLowStock(), accounts, emails),
                    new InMemory.QueueFake(), clock), answers, clock);

    /** Keeps what it is given, and counts the saves. */
    static final class AnswersFake implements BulkAnswers {
        final Map<String, Stored> kept = new HashMap<>();
        int saves;

        @Override
        public Optional<Stored> find(String sellerId, String key) {
            return Optional.ofNullable(kept.get(sellerId + "#" + key));
        }

        @Override
        public void save(String sellerId, String key, Stored stored, Instant at) {
            saves++;
            kept.putIfAbsent(sellerId + "#" + key, stored);
        }
    }

    BulkOrderActionsTest() {
        for (String id : List.of("seller", "other")) {
            accounts.sellers.put(id, new Seller(id, "Shop " + id, "o@" + id + ".example", "r@" + id + ".example",
                    "s@" + id + ".example", 1, ZoneId.of("UTC")));
        }
    }

    private Order unshipped(String sellerId, String externalId) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        Order placed = GenericOrderPayload.parse(json).toOrder("sf-" + sellerId, sellerId, PLACED);
        orders.createIfAbsent(placed);
        Order unshipped = placed.confirmed(PLACED.plusSeconds(86_400), PLACED.plusSeconds(7 * 86_400));
        orders.orders.put(unshipped.orderId(), unshipped);
        return unshipped;
    }

    private static Map<String, Object> body(String action, List<String> ids, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        body.put("orderIds", ids);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    /** One line per order, as a client would read the answer. */
    private static String render(BulkOrderActions.Run run) {
        List<String> lines = new ArrayList<>();
        for (BulkOrderActions.Outcome o : run.outcomes()) {
            lines.add(o.result() + (o.order() != null ? " " + o.order().status()
                    : o.failure() != null ? " " + o.failure().getClass().getSimpleName() : ""));
        }
        return String.join("\n", lines);
    }

    private String answer(Map<String, Object> body, String key, JobDeadline deadline) {
        return bulk.answer("seller", ACTOR, body, key, deadline, BulkOrderActionsTest::render);
    }

    @Test
    void acknowledges_each_order_and_another_sellers_is_not_found_without_stopping_the_rest() {
        Order a = unshipped("seller", "A-1");
        Order theirs = unshipped("other", "B-1");
        Order b = unshipped("seller", "A-2");

        String answer = answer(body("acknowledge", List.of(a.orderId(), theirs.orderId(), b.orderId()), null),
                null, JobDeadline.none());

        assertEquals("DONE UNSHIPPED\nFAILED NotFound\nDONE UNSHIPPED", answer);
        assertTrue(orders.orders.get(a.orderId()).fulfillment().acknowledgedAt() != null);
        assertTrue(orders.orders.get(b.orderId()).fulfillment().acknowledgedAt() != null);
        assertEquals(theirs, orders.orders.get(theirs.orderId()), "another seller's order is untouched");
    }

    @Test
    void cancel_applies_the_reason_to_each_and_a_canceled_one_with_another_reason_is_a_conflict() {
        Order a = unshipped("seller", "A-1");
        Order b = unshipped("seller", "A-2");
        bulk.run("seller", ACTOR, orderflow.shared.domain.BulkRequests.parse(
                body("cancel", List.of(b.orderId()), "PRICING_ERROR")), JobDeadline.none());
        emails.messages.clear();

        String answer = answer(body("cancel", List.of(a.orderId(), b.orderId()), "OUT_OF_STOCK"), null,
                JobDeadline.none());

        assertEquals("DONE CANCELED\nFAILED IllegalTransition", answer);
        assertEquals("OUT_OF_STOCK", orders.orders.get(a.orderId()).fulfillment().cancellation().reason());
        assertEquals("PRICING_ERROR", orders.orders.get(b.orderId()).fulfillment().cancellation().reason());
        assertEquals(1, emails.messages.size(), "only the order canceled now emails its buyer");
    }

    @Test
    void a_repeat_with_the_same_key_gets_the_first_answer_and_queues_no_second_email() {
        Order a = unshipped("seller", "A-1");
        Order b = unshipped("seller", "A-2");
        Map<String, Object> body = body("cancel", List.of(a.orderId(), b.orderId()), "OUT_OF_STOCK");

        String first = answer(body, "key-1", JobDeadline.none());
        long versionA = orders.orders.get(a.orderId()).version();
        String again = answer(body, "key-1", JobDeadline.none());

        assertEquals("DONE CANCELED\nDONE CANCELED", first);
        assertEquals(first, again, "the same answer, not 'unchanged'");
        assertEquals(2, emails.messages.size(), "one email per order, none queued by the repeat");
        assertEquals(versionA, orders.orders.get(a.orderId()).version());
        assertEquals(1, answers.saves);
        // Without a key, a repeat is still safe order by order (unchanged, same email event id).
        assertEquals("UNCHANGED CANCELED\nUNCHANGED CANCELED", answer(body, null, JobDeadline.none()));
    }

    @Test
    void the_same_key_for_another_request_is_refused_and_changes_nothing() {
        Order a = unshipped("seller", "A-1");
        Order b = unshipped("seller", "A-2");
        answer(body("acknowledge", List.of(a.orderId()), null), "key-1", JobDeadline.none());

        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class,
                () -> answer(body("cancel", List.of(b.orderId()), "OTHER"), "key-1", JobDeadline.none()));
        assertEquals(List.of("Idempotency-Key"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(OrderStatus.UNSHIPPED, orders.orders.get(b.orderId()).status());
    }

    @Test
    void a_bad_envelope_names_every_field_and_touches_no_order() {
        Order a = unshipped("seller", "A-1");
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "ord_" + "%026d".formatted(i)).toList();
        Map<String, List<String>> cases = Map.of(
                "empty list", List.of("orderIds"),
                "101 orders", List.of("orderIds"),
                "an order twice", List.of("orderIds[1]"),
                "cancel without reason", List.of("reason"),
                "unknown action and a malformed id", List.of("action", "orderIds[0]"));
        Map<String, Map<String, Object>> bodies = Map.of(
                "empty list", body("acknowledge", List.of(), null),
                "101 orders", body("acknowledge", tooMany, null),
                "an order twice", body("acknowledge", List.of(a.orderId(), a.orderId()), null),
                "cancel without reason", body("cancel", List.of(a.orderId()), null),
                "unknown action and a malformed id", body("ship", List.of("1001"), null));
        cases.forEach((what, fields) -> {
            Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class,
                    () -> answer(bodies.get(what), "key-" + what, JobDeadline.none()), what);
            assertEquals(fields, e.errors().stream().map(FieldError::field).toList(), what);
        });
        assertEquals(a, orders.orders.get(a.orderId()));
        assertTrue(emails.messages.isEmpty());
        assertEquals(0, answers.saves);
    }

    @Test
    void orders_not_started_before_the_deadline_are_skipped_and_the_answer_is_not_kept() {
        Order a = unshipped("seller", "A-1");
        Order b = unshipped("seller", "A-2");
        long[] left = {BulkOrderActions.RESERVE_MILLIS + 500, 0};
        JobDeadline deadline = () -> left[1]++ == 0 ? left[0] : 0; // time for the first order only

        String answer = answer(body("acknowledge", List.of(a.orderId(), b.orderId()), null), "key-1", deadline);

        assertEquals("DONE UNSHIPPED\nSKIPPED", answer);
        assertEquals(null, orders.orders.get(b.orderId()).fulfillment().acknowledgedAt());
        assertEquals(0, answers.saves, "a retry with the same key must do the rest");
        assertEquals("UNCHANGED UNSHIPPED\nDONE UNSHIPPED",
                answer(body("acknowledge", List.of(a.orderId(), b.orderId()), null), "key-1", JobDeadline.none()));
    }

    @Test
    void an_outage_on_one_order_is_that_orders_failure_and_the_answer_is_not_kept() {
        Order a = unshipped("seller", "A-1");
        Order b = unshipped("seller", "A-2");
        // The orders port failing on one order only, as a throttled or unreachable table would.
        Orders flaky = (Orders) java.lang.reflect.Proxy.newProxyInstance(Orders.class.getClassLoader(),
                new Class<?>[] {Orders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get") && a.orderId().equals(args[0])) {
                        throw new IllegalStateException("table unavailable (test)");
                    }
                    try {
                        return method.invoke(orders, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        BulkOrderActions withOutage = new BulkOrderActions(new AcknowledgeOrder(flaky, clock), null, answers, clock);

        BulkOrderActions.Run run = withOutage.run("seller", ACTOR, orderflow.shared.domain.BulkRequests.parse(
                body("acknowledge", List.of(a.orderId(), b.orderId()), null)), JobDeadline.none());

        assertEquals(List.of(Result.FAILED, Result.DONE), run.outcomes().stream().map(o -> o.result()).toList());
        assertInstanceOf(IllegalStateException.class, run.outcomes().get(0).failure());
        assertFalse(run.complete());
    }
}
