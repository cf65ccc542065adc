package orderflow.shared.domain.returns;

import orderflow.shared.domain.Failure;
import static orderflow.shared.domain.returns.ReturnReason.DAMAGED;
import static orderflow.shared.domain.returns.ReturnReason.NO_LONGER_NEEDED;
import static orderflow.shared.domain.returns.ReturnTestOrders.DELIVERED;
import static orderflow.shared.domain.returns.ReturnTestOrders.NOW;
import static orderflow.shared.domain.returns.ReturnTestOrders.confirmed;
import static orderflow.shared.domain.returns.ReturnTestOrders.deliver;
import static orderflow.shared.domain.returns.ReturnTestOrders.delivered;
import static orderflow.shared.domain.returns.ReturnTestOrders.policy;
import static orderflow.shared.domain.returns.ReturnTestOrders.request;
import static orderflow.shared.domain.returns.ReturnTestOrders.ship;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;

class ReturnRulesTest {

    private static final ReturnPolicy THIRTY_DAYS = ReturnPolicy.DEFAULT;

    /** CUP 3 x 5.00 and PLATE 2 x 8.00, delivered in one package at {@link ReturnTestOrders#DELIVERED}. */
    private static Order order() {
        return delivered("1.00", "4.99", "CUP", 3, "5.00", "PLATE", 2, "8.00");
    }

    private static Failure.Refused refused(Order order, List<ReturnAuthorization> existing, ReturnPolicy policy,
                                               ReturnRequest request, Instant now) {
        return assertThrows(Failure.Refused.class,
                () -> ReturnRules.check(order, existing, policy, request, now));
    }

    // ---- authorizing ----

    @Test
    void delivered_order_inside_the_window_gets_an_authorized_rma_with_a_human_number() {
        Order order = order();
        assertEquals(OrderStatus.DELIVERED, order.status());
        ReturnAuthorization rma = ReturnRules.authorize(order, List.of(), THIRTY_DAYS,
                request("CUP", 2, DAMAGED, "PLATE", 1, NO_LONGER_NEEDED), NOW);
        assertEquals(RmaStatus.AUTHORIZED, rma.status());
        assertEquals(order.orderId(), rma.orderId());
        assertEquals(RmaNumbers.of(order.orderId(), 1), rma.rmaNumber());
        assertTrue(RmaNumbers.looksValid(rma.rmaNumber()), rma.rmaNumber());
        assertEquals(RmaNumbers.id(order.orderId(), 1), rma.rmaId());
        assertEquals(NOW, rma.createdAt());
        assertEquals(List.of(new ReturnLine("CUP", 2, DAMAGED), new ReturnLine("PLATE", 1, NO_LONGER_NEEDED)),
                rma.lines());
        assertTrue(rma.received().isEmpty());
    }

    @Test
    void the_next_rma_of_an_order_counts_canceled_ones_so_numbers_are_never_reused() {
        Order order = order();
        ReturnAuthorization first = ReturnRules.authorize(order, List.of(), THIRTY_DAYS,
                request("CUP", 1, DAMAGED), NOW).cancel(NOW);
        ReturnAuthorization second = ReturnRules.authorize(order, List.of(first), THIRTY_DAYS,
                request("CUP", 1, DAMAGED), NOW);
        assertEquals(RmaNumbers.of(order.orderId(), 2), second.rmaNumber());
        assertNotEquals(first.rmaNumber(), second.rmaNumber());
    }

    // ---- the window ----

    @Test
    void return_window_includes_its_last_second_and_refuses_the_next() {
        // Delivered 2026-12-01T15:00:00Z; 30 days x 24h later is 2026-12-31T15:00:00Z.
        Instant lastSecond = Instant.parse("2026-12-31T15:00:00Z");
        assertEquals(DELIVERED.plus(Duration.ofDays(30)), lastSecond);
        assertDoesNotThrow(() -> ReturnRules.check(order(), List.of(), THIRTY_DAYS,
                request("CUP", 1, NO_LONGER_NEEDED), lastSecond));

        Failure.Refused e = refused(order(), List.of(), THIRTY_DAYS, request("CUP", 1, NO_LONGER_NEEDED),
                lastSecond.plusSeconds(1));
        assertEquals("return-window", e.rule());
        assertEquals("lines[0].sku", e.field());
        assertEquals("CUP was delivered at 2026-12-01T15:00:00Z; its 30-day return window closed at "
                + "2026-12-31T15:00:00Z.", e.getMessage());
    }

    @Test
    void window_of_each_sku_starts_at_the_delivery_of_the_package_holding_it() {
        // CUP in shp_1 delivered Dec 1, PLATE in shp_2 delivered Dec 21.
        Order order = confirmed("0.00", "0.00", "CUP", 3, "5.00", "PLATE", 2, "8.00");
        order = ship(order, "CUP", 3);
        order = ship(order, "PLATE", 2);
        order = deliver(order, "shp_1", DELIVERED);
        order = deliver(order, "shp_2", DELIVERED.plus(Duration.ofDays(20)));
        assertEquals(OrderStatus.DELIVERED, order.status());
        Instant day35 = DELIVERED.plus(Duration.ofDays(35));

        assertEquals("return-window", refused(order, List.of(), THIRTY_DAYS, request("CUP", 1, NO_LONGER_NEEDED),
                day35).rule());
        Order o = order;
        assertDoesNotThrow(() -> ReturnRules.check(o, List.of(), THIRTY_DAYS, request("PLATE", 1, NO_LONGER_NEEDED),
                day35));
    }

    @Test
    void window_of_a_sku_split_over_packages_starts_at_its_latest_delivery() {
        // CUP x2 in shp_1 delivered Dec 1, CUP x1 in shp_2 delivered Dec 11: the window runs to Jan 10, 15:00.
        Order order = confirmed("0.00", "0.00", "CUP", 3, "5.00");
        order = ship(order, "CUP", 2);
        order = ship(order, "CUP", 1);
        order = deliver(order, "shp_1", DELIVERED);
        order = deliver(order, "shp_2", DELIVERED.plus(Duration.ofDays(10)));
        Instant end = Instant.parse("2027-01-10T15:00:00Z");
        Order o = order;
        assertDoesNotThrow(() -> ReturnRules.check(o, List.of(), THIRTY_DAYS, request("CUP", 3, DAMAGED), end));
        assertEquals("return-window", refused(order, List.of(), THIRTY_DAYS, request("CUP", 3, DAMAGED),
                end.plusSeconds(1)).rule());
    }

    // ---- delivery ----

    @Test
    void order_with_nothing_delivered_is_refused_as_not_delivered() {
        Order shipped = ship(confirmed("0.00", "0.00", "CUP", 3, "5.00"));
        Failure.Refused e = refused(shipped, List.of(), THIRTY_DAYS, request("CUP", 1, DAMAGED), NOW);
        assertEquals("not-delivered", e.rule());
        assertEquals("orderId", e.field());
    }

    @Test
    void a_return_waits_until_every_package_is_delivered() {
        Order order = confirmed("0.00", "0.00", "CUP", 3, "5.00", "PLATE", 2, "8.00");
        order = ship(order, "CUP", 3);
        order = ship(order, "PLATE", 2);
        order = deliver(order, "shp_1", DELIVERED);
        assertEquals(OrderStatus.SHIPPED, order.status());
        Failure.Refused e = refused(order, List.of(), THIRTY_DAYS,
                request("CUP", 1, DAMAGED, "PLATE", 1, DAMAGED), NOW);
        assertEquals("not-delivered", e.rule());
        assertEquals("orderId", e.field());
        assertTrue(e.getMessage().contains("every package"), e.getMessage());
    }

    // ---- quantities ----

    @Test
    void quantity_above_delivered_minus_already_authorized_is_refused_naming_the_quantity_rule() {
        Order order = order(); // CUP x3
        ReturnAuthorization open = ReturnRules.authorize(order, List.of(), THIRTY_DAYS, request("CUP", 2, DAMAGED),
                NOW);
        Failure.Refused e = refused(order, List.of(open), THIRTY_DAYS, request("CUP", 2, DAMAGED), NOW);
        assertEquals("quantity", e.rule());
        assertEquals("lines[0].quantity", e.field());
        assertEquals("CUP: 3 delivered, 2 already returned or authorized for return: at most 1 can be returned, "
                + "not 2.", e.getMessage());
        assertDoesNotThrow(() -> ReturnRules.check(order, List.of(open), THIRTY_DAYS, request("CUP", 1, DAMAGED),
                NOW));
    }

    @Test
    void canceled_rmas_hold_nothing_and_received_ones_hold_only_what_arrived() {
        Order order = order(); // CUP x3
        ReturnAuthorization canceled = ReturnRules.authorize(order, List.of(), THIRTY_DAYS,
                request("CUP", 3, DAMAGED), NOW).cancel(NOW);
        ReturnAuthorization second = ReturnRules.authorize(order, List.of(canceled), THIRTY_DAYS,
                request("CUP", 2, DAMAGED), NOW);
        // 2 authorized, only 1 arrived: 3 - 1 = 2 can still be returned.
        ReturnAuthorization received = second.receive(
                List.of(new ReceivedLine("CUP", 1, ItemCondition.DAMAGED, DAMAGED)), NOW);
        List<ReturnAuthorization> existing = List.of(canceled, received);
        assertDoesNotThrow(() -> ReturnRules.check(order, existing, THIRTY_DAYS, request("CUP", 2, DAMAGED), NOW));
        assertEquals("quantity", refused(order, existing, THIRTY_DAYS, request("CUP", 3, DAMAGED), NOW).rule());
    }

    @Test
    void units_still_on_their_way_cannot_be_returned() {
        // CUP x2 delivered, CUP x1 in transit.
        Order order = confirmed("0.00", "0.00", "CUP", 3, "5.00");
        order = ship(order, "CUP", 2);
        order = ship(order, "CUP", 1);
        order = deliver(order, "shp_1", DELIVERED);
        // The order is SHIPPED until the last package arrives: no return opens before that.
        Failure.Refused e = refused(order, List.of(), THIRTY_DAYS, request("CUP", 2, DAMAGED), NOW);
        assertEquals("not-delivered", e.rule());
        assertEquals("orderId", e.field());
    }

    // ---- SKUs ----

    @Test
    void non_returnable_sku_is_refused_naming_the_rule_and_the_line() {
        ReturnPolicy noPlates = policy(30, 0, ReturnShippingPayer.SELLER, 0, "PLATE");
        Failure.Refused e = refused(order(), List.of(), noPlates,
                request("CUP", 1, DAMAGED, "PLATE", 1, DAMAGED), NOW);
        assertEquals("non-returnable", e.rule());
        assertEquals("lines[1].sku", e.field());
        assertTrue(e.getMessage().contains("PLATE"), e.getMessage());
    }

    @Test
    void sku_not_in_the_order_is_refused() {
        Failure.Refused e = refused(order(), List.of(), THIRTY_DAYS, request("BOWL", 1, DAMAGED), NOW);
        assertEquals("not-in-order", e.rule());
        assertEquals("lines[0].sku", e.field());
    }

    @Test
    void an_rma_of_another_order_is_a_bug() {
        ReturnAuthorization foreign = ReturnAuthorization.authorized("ord_other", 1,
                List.of(new ReturnLine("CUP", 1, DAMAGED)), NOW);
        assertThrows(IllegalArgumentException.class, () -> ReturnRules.check(order(), List.of(foreign),
                THIRTY_DAYS, request("CUP", 1, DAMAGED), NOW));
    }
}
