package orderflow.shared.domain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;

/** Facts read from orders built the way production builds them: parse, confirm, ship, deliver, cancel. */
class MetricsFactsFromOrderTest {

    private static final Instant PLACED = Instant.parse("2026-12-09T12:00:00Z");
    private static final Instant SHIP_BY = Instant.parse("2026-12-11T23:59:59Z");
    private static final Instant DELIVER_BY = Instant.parse("2026-12-16T23:59:59Z");
    private static final Instant NOW = MetricsTestFacts.NOW; // 2026-12-15T12:00:00Z
    private static final Actor SELLER = Actor.sellerKey("key_1");
    private static final String UPS = "1Z999AA10123456784"; // passes the UPS check digit

    private static Order placed(boolean paid) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid()); // 3 x MUG-BLUE
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        json.put("createdAt", PLACED.toString());
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", PLACED);
    }

    private static Order confirmed() {
        return placed(true).confirmed(SHIP_BY, DELIVER_BY);
    }

    private static Order ship(Order order, String carrier, String tracking, Instant shipDate, Instant recordedAt,
                              Map<String, Integer> quantities) {
        return OrderLifecycle.ship(order, new ActionRequests.Ship(carrier, tracking, shipDate, quantities), SELLER,
                recordedAt).after();
    }

    private static OrderChange cancel(Order order, String reason) {
        return OrderLifecycle.cancel(order, new ActionRequests.Cancel(reason, null), SELLER, PLACED.plusSeconds(3600));
    }

    @Test
    void unknown_carrier_tracking_is_invalid_and_counts_against_valid_tracking() {
        Order acme = ship(confirmed(), "Acme Freight", "ACME-123", SHIP_BY.minusSeconds(7200),
                SHIP_BY.minusSeconds(3600), Map.of());
        OrderFacts facts = OrderFacts.from(acme);
        assertFalse(facts.shipments().get(0).trackingValid());
        Metric vtr = MetricsTestFacts.metric(List.of(facts), "validTrackingRate30d");
        // promised 2026-12-16, after NOW: not in the window yet; judged a day later it is 0 of 1
        assertEquals(0, vtr.denominator());
        Metric later = SellerMetrics.compute(List.of(facts), List.of(), DELIVER_BY.plusSeconds(1)).get(3);
        assertEquals("validTrackingRate30d", later.name());
        assertEquals(0, later.numerator());
        assertEquals(1, later.denominator());
    }

    @Test
    void a_shipment_confirmed_after_ship_by_is_late_though_its_ship_date_was_on_time() {
        Instant recorded = SHIP_BY.plusSeconds(9 * 3600);
        OrderFacts facts = OrderFacts.from(ship(confirmed(), "UPS", UPS, SHIP_BY.minusSeconds(3600), recorded, Map.of()));
        assertEquals(OrderStatus.SHIPPED, facts.status());
        assertEquals(recorded, facts.shipConfirmedAt());
        assertFalse(facts.shippedLate()); // the stored flag goes by ship date
        assertTrue(facts.shipments().get(0).trackingValid());
        assertTrue(OrderCounts.late(facts, NOW));
    }

    @Test
    void a_ship_date_after_ship_by_is_late_though_it_was_confirmed_before() {
        // Confirmed an hour before ship-by with a ship date a minute after it.
        OrderFacts facts = OrderFacts.from(ship(confirmed(), "UPS", UPS, SHIP_BY.plusSeconds(60),
                SHIP_BY.minusSeconds(3600), Map.of()));
        assertTrue(facts.shippedLate());
        assertTrue(facts.shipConfirmedAt().isBefore(SHIP_BY));
        assertTrue(OrderCounts.late(facts, NOW));
    }

    @Test
    void a_partly_shipped_order_has_no_confirmation_in_full_yet() {
        OrderFacts facts = OrderFacts.from(ship(confirmed(), "UPS", UPS, SHIP_BY.minusSeconds(60),
                SHIP_BY.minusSeconds(60), Map.of("MUG-BLUE", 1)));
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, facts.status());
        assertNull(facts.shipConfirmedAt());
        assertTrue(OrderCounts.late(facts, NOW)); // ship-by passed with 2 mugs still waiting
    }

    @Test
    void delivery_facts_say_whether_each_package_came_by_the_promised_date() {
        Order shipped = ship(confirmed(), "UPS", UPS, SHIP_BY.minusSeconds(60), SHIP_BY.minusSeconds(60), Map.of());
        Order delivered = OrderLifecycle.confirmDelivery(shipped, new ActionRequests.Delivery(
                DELIVER_BY.plusSeconds(1), null), SELLER, NOW).after();
        ShipmentFacts pkg = OrderFacts.from(delivered).shipments().get(0);
        assertEquals(DELIVER_BY.plusSeconds(1), pkg.deliveredAt());
        assertFalse(pkg.deliveredOnTime());
        assertEquals(DELIVER_BY, OrderFacts.from(delivered).deliverBy());
    }

    @Test
    void buyer_requested_cancels_are_excluded_and_seller_cancels_count() {
        assertEquals(OrderFacts.Cancel.BUYER_REQUESTED,
                OrderFacts.from(cancel(confirmed(), "BUYER_REQUESTED").after()).cancel());
        assertEquals(OrderFacts.Cancel.SELLER, OrderFacts.from(cancel(confirmed(), "OUT_OF_STOCK").after()).cancel());
        assertNull(OrderFacts.from(confirmed()).cancel());
    }

    @Test
    void a_cancel_while_payment_was_pending_counts_nowhere_from_the_order_alone_or_its_history() {
        OrderChange change = cancel(placed(false), "OTHER");
        // the cancellation records the status it left
        assertEquals(OrderFacts.Cancel.BEFORE_PAYMENT, OrderFacts.from(change.after()).cancel());
        assertFalse(OrderFacts.from(change.after()).paid());
        // the history tells it too, for cancels recorded before the order kept it
        OrderStatus from = OrderFacts.canceledFrom(List.of(change.entry()));
        assertEquals(OrderStatus.PENDING, from);
        assertEquals(OrderFacts.Cancel.BEFORE_PAYMENT, OrderFacts.from(change.after(), from).cancel());
    }

    @Test
    void a_buyer_cancel_while_payment_was_pending_counts_nowhere_either() {
        OrderChange change = cancel(placed(false), "BUYER_REQUESTED");
        OrderFacts facts = OrderFacts.from(change.after(), OrderFacts.canceledFrom(List.of(change.entry())));
        assertEquals(OrderFacts.Cancel.BEFORE_PAYMENT, facts.cancel());
        assertFalse(facts.paid());
    }

    @Test
    void an_order_never_canceled_has_no_canceled_from() {
        assertNull(OrderFacts.canceledFrom(List.of()));
    }

    @Test
    void facts_say_canceled_exactly_when_the_status_is_canceled() {
        assertThrows(IllegalArgumentException.class, () -> new OrderFacts("o", PLACED, OrderStatus.UNSHIPPED,
                SHIP_BY, DELIVER_BY, null, false, OrderFacts.Cancel.SELLER, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OrderFacts("o", PLACED, OrderStatus.CANCELED,
                null, null, null, false, null, List.of()));
    }
}
