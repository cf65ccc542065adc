package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

    /** Placed on a Friday at noon. */
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant SHIP_BY = Instant.parse("2026-11-30T23:59:59Z");
    private static final Instant DELIVER_BY = Instant.parse("2026-12-07T23:59:59Z");
    /** When the seller acts: after every date used below, so none of them is "in the future". */
    private static final Instant LATER = Instant.parse("2026-12-10T12:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Actor SELLER = Actor.sellerKey("key_1");
    private static final String UPS_1 = "1Z999AA10123456784";
    private static final String UPS_2 = "1ZA1B2C30312345673";

    // ---- building orders and requests ----

    /** The test payload: 3 x MUG-BLUE over two lines. */
    private static Order placed(boolean paid) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW);
    }

    private static Order unshipped() {
        return placed(true).confirmed(SHIP_BY, DELIVER_BY);
    }

    /** 3 x MUG-BLUE (two lines) and 4 x MUG-RED, stock reserved. */
    private static Order twoSkusUnshipped() {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("lines", List.of(
                Map.of("sku", "MUG-BLUE", "quantity", 2, "unitPrice", "12.50"),
                Map.of("sku", "MUG-RED", "quantity", 4, "unitPrice", "11.00"),
                Map.of("sku", "MUG-BLUE", "quantity", 1, "unitPrice", "12.50")));
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW).confirmed(SHIP_BY, DELIVER_BY);
    }

    private static ActionRequests.Cancel cancelRequest(String reason, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        if (note != null) {
            body.put("note", note);
        }
        return ActionRequests.cancel(body);
    }

    /** lines: sku, quantity, sku, quantity, ... (none = everything left). */
    private static ActionRequests.Ship shipRequest(String carrier, String tracking, String shipDate, Object... lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("carrier", carrier);
        body.put("trackingNumber", tracking);
        body.put("shipDate", shipDate);
        if (lines.length > 0) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < lines.length; i += 2) {
                list.add(Map.of("sku", lines[i], "quantity", lines[i + 1]));
            }
            body.put("lines", list);
        }
        return ActionRequests.ship(body, UTC, LATER);
    }

    private static ActionRequests.Delivery deliveryRequest(String deliveredAt, String shipmentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("deliveredAt", deliveredAt);
        if (shipmentId != null) {
            body.put("shipmentId", shipmentId);
        }
        return ActionRequests.delivery(body, UTC, LATER);
    }

    private static OrderChange cancel(Order order, String reason) {
        return wellFormed(OrderLifecycle.cancel(order, cancelRequest(reason, null), SELLER, LATER));
    }

    private static OrderChange ship(Order order, String tracking, String shipDate, Object... lines) {
        return wellFormed(OrderLifecycle.ship(order, shipRequest("UPS", tracking, shipDate, lines), SELLER, LATER));
    }

    private static OrderChange deliver(Order order, String deliveredAt, String shipmentId) {
        return wellFormed(OrderLifecycle.confirmDelivery(order, deliveryRequest(deliveredAt, shipmentId), SELLER,
                LATER));
    }

    /** Every change: one version on, an entry for that version with the statuses before and after. */
    private static OrderChange wellFormed(OrderChange change) {
        if (change == null) {
            return null;
        }
        assertEquals(change.before().version() + 1, change.after().version());
        assertEquals(change.after().version(), change.entry().version());
        assertEquals(change.before().orderId(), change.entry().orderId());
        assertEquals(change.before().status(), change.entry().from());
        assertEquals(change.after().status(), change.entry().to());
        assertEquals(SELLER, change.entry().actor());
        assertEquals(LATER, change.entry().at());
        return change;
    }

    private static Set<StockChange> moves(StockChange.Kind kind, Object... skuAndQuantity) {
        Set<StockChange> moves = new java.util.HashSet<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            moves.add(new StockChange((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1], kind));
        }
        return moves;
    }

    private static List<String> fields(Failure.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    // ---- acknowledge ----

    @Test
    void acknowledge_records_the_time_once_and_a_repeat_changes_nothing() {
        Order order = unshipped();
        OrderChange change = wellFormed(OrderLifecycle.acknowledge(order, SELLER, LATER));
        assertNotNull(change);
        assertEquals(LATER, change.after().fulfillment().acknowledgedAt());
        assertEquals(OrderStatus.UNSHIPPED, change.after().status());
        assertEquals("acknowledge", change.entry().action());
        assertTrue(change.stock().isEmpty());

        assertNull(OrderLifecycle.acknowledge(change.after(), SELLER, LATER.plusSeconds(60)));
    }

    @Test
    void acknowledge_after_shipment_is_illegal() {
        Order shipped = ship(unshipped(), UPS_1, "2026-11-30").after();
        Failure.IllegalTransition e = assertThrows(Failure.IllegalTransition.class,
                () -> OrderLifecycle.acknowledge(shipped, SELLER, LATER));
        assertEquals(OrderStatus.SHIPPED, e.status());
        assertFalse(e.allowed().contains(SellerAction.ACKNOWLEDGE));
    }

    // ---- cancel ----

    @Test
    void cancel_of_unshipped_order_releases_the_reserved_stock_of_every_sku() {
        Order order = twoSkusUnshipped();
        OrderChange change = wellFormed(OrderLifecycle.cancel(order,
                cancelRequest("BUYER_REQUESTED", "ordered the wrong colour"), SELLER, LATER));

        assertEquals(OrderStatus.CANCELED, change.after().status());
        assertEquals(moves(StockChange.Kind.RELEASE, "MUG-BLUE", 3, "MUG-RED", 4), Set.copyOf(change.stock()));
        assertEquals(2, change.stock().size()); // one move per SKU, lines of the same SKU added up
        Cancellation c = change.after().fulfillment().cancellation();
        assertEquals("BUYER_REQUESTED: ordered the wrong colour", c.reason());
        assertTrue(c.buyerRequested());
        assertFalse(c.countsAgainstSeller());
        assertEquals(OrderStatus.UNSHIPPED, c.canceledFrom());
        assertEquals(LATER, c.at());
        assertEquals("seller-key:key_1", c.by());
        assertEquals("cancel", change.entry().action());
        assertEquals("BUYER_REQUESTED: ordered the wrong colour", change.entry().reason());
        assertEquals("BUYER_REQUESTED: ordered the wrong colour", change.after().statusReason());
    }

    @Test
    void cancel_for_a_seller_reason_is_not_buyer_requested_and_counts_against_the_seller() {
        Cancellation c = cancel(unshipped(), "OUT_OF_STOCK").after().fulfillment().cancellation();
        assertEquals("OUT_OF_STOCK", c.reason());
        assertFalse(c.buyerRequested());
        assertTrue(c.countsAgainstSeller());
    }

    @Test
    void cancel_of_pending_or_backordered_order_moves_no_stock() {
        Order pending = placed(false);
        Order backordered = placed(true).withStatus(OrderStatus.BACKORDERED, "Not enough stock");
        for (Order order : List.of(pending, backordered)) {
            OrderChange change = cancel(order, "OUT_OF_STOCK");
            assertEquals(OrderStatus.CANCELED, change.after().status(), order.status().name());
            assertTrue(change.stock().isEmpty(), order.status() + " has nothing reserved to release");
        }
    }

    @Test
    void cancel_of_shipped_order_is_illegal_and_lists_allowed_actions() {
        Order partially = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-BLUE", 1).after();
        Order shipped = ship(unshipped(), UPS_1, "2026-11-30").after();
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, partially.status());
        assertEquals(OrderStatus.SHIPPED, shipped.status());
        for (Order order : List.of(partially, shipped)) {
            Failure.IllegalTransition e = assertThrows(Failure.IllegalTransition.class,
                    () -> OrderLifecycle.cancel(order, cancelRequest("OUT_OF_STOCK", null), SELLER, LATER));
            assertEquals(order.status(), e.status());
            assertEquals(order.status().sellerActions(), e.allowed());
            assertFalse(e.allowed().contains(SellerAction.CANCEL));
            assertTrue(e.allowed().contains(SellerAction.CONFIRM_DELIVERY));
        }
        assertEquals(EnumSet.of(SellerAction.CONFIRM_DELIVERY), OrderStatus.SHIPPED.sellerActions());
    }

    @Test
    void repeating_the_same_cancel_changes_nothing_but_a_different_reason_is_illegal() {
        Order canceled = wellFormed(OrderLifecycle.cancel(unshipped(), cancelRequest("PRICING_ERROR", "typo"),
                SELLER, LATER)).after();

        assertNull(OrderLifecycle.cancel(canceled, cancelRequest("PRICING_ERROR", "typo"), SELLER,
                LATER.plusSeconds(5)));
        // The note is part of what was recorded: a different note is a different cancel.
        assertThrows(Failure.IllegalTransition.class, () -> OrderLifecycle.cancel(canceled,
                cancelRequest("PRICING_ERROR", "another note"), SELLER, LATER));
        Failure.IllegalTransition e = assertThrows(Failure.IllegalTransition.class,
                () -> OrderLifecycle.cancel(canceled, cancelRequest("OUT_OF_STOCK", null), SELLER, LATER));
        assertEquals(OrderStatus.CANCELED, e.status());
        assertTrue(e.allowed().isEmpty());
    }

    // ---- ship ----

    @Test
    void ship_without_lines_ships_everything_left_and_commits_the_stock() {
        Order order = twoSkusUnshipped();
        OrderChange change = ship(order, UPS_1, "2026-11-30");

        assertEquals(OrderStatus.SHIPPED, change.after().status());
        assertEquals(moves(StockChange.Kind.COMMIT, "MUG-BLUE", 3, "MUG-RED", 4), Set.copyOf(change.stock()));
        List<Shipment> shipments = change.after().fulfillment().shipments();
        assertEquals(1, shipments.size());
        Shipment s = shipments.get(0);
        assertEquals("shp_1", s.shipmentId());
        assertEquals("UPS", s.carrier());
        assertEquals(UPS_1, s.trackingNumber());
        assertTrue(s.trackingValid());
        assertEquals("https://www.ups.com/track?tracknum=" + UPS_1, s.trackingUrl());
        assertEquals(Map.of("MUG-BLUE", 3, "MUG-RED", 4), s.quantities());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), s.shipDate());
        assertFalse(s.late());
        assertNull(s.deliveredAt());
        assertEquals(LATER, s.recordedAt());
        assertTrue(change.after().unshippedBySku().isEmpty());
        assertEquals("ship shp_1", change.entry().action());
    }

    @Test
    void partial_ship_leaves_the_order_partially_shipped_until_the_rest_ships() {
        OrderChange first = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-BLUE", 2);
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, first.after().status());
        assertEquals(List.of(new StockChange("MUG-BLUE", 2, StockChange.Kind.COMMIT)), first.stock());
        assertEquals(Map.of("MUG-BLUE", 1, "MUG-RED", 4), first.after().unshippedBySku());

        OrderChange second = ship(first.after(), UPS_2, "2026-11-30");
        assertEquals(OrderStatus.SHIPPED, second.after().status());
        assertEquals(moves(StockChange.Kind.COMMIT, "MUG-BLUE", 1, "MUG-RED", 4), Set.copyOf(second.stock()));
        List<Shipment> shipments = second.after().fulfillment().shipments();
        assertEquals(List.of("shp_1", "shp_2"), shipments.stream().map(Shipment::shipmentId).toList());
        assertEquals(Map.of("MUG-BLUE", 1, "MUG-RED", 4), shipments.get(1).quantities());
        assertEquals("ship shp_2", second.entry().action());
    }

    @Test
    void partial_ships_that_add_up_to_the_order_make_it_shipped() {
        Order first = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-RED", 4, "MUG-BLUE", 1).after();
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, first.status());
        OrderChange rest = ship(first, UPS_2, "2026-11-30", "MUG-BLUE", 2);
        assertEquals(OrderStatus.SHIPPED, rest.after().status());
        assertEquals(List.of(new StockChange("MUG-BLUE", 2, StockChange.Kind.COMMIT)), rest.stock());
    }

    @Test
    void shipping_more_than_is_left_names_the_quantity_and_changes_nothing() {
        Order order = unshipped();
        Failure.InvalidInput tooMany = assertThrows(Failure.InvalidInput.class,
                () -> OrderLifecycle.ship(order, shipRequest("UPS", UPS_1, "2026-11-30", "MUG-BLUE", 4), SELLER, LATER));
        assertEquals(List.of("lines[0].quantity"), fields(tooMany));

        Order partially = ship(order, UPS_1, "2026-11-30", "MUG-BLUE", 2).after();
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.ship(partially,
                shipRequest("UPS", UPS_2, "2026-11-30", "MUG-BLUE", 2), SELLER, LATER));
        assertEquals(List.of("lines[0].quantity"), fields(e));
        assertTrue(e.errors().get(0).message().contains("at most 1"), e.errors().get(0).message());
    }

    @Test
    void unknown_sku_names_the_sku_field() {
        Order order = unshipped();
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.ship(order,
                shipRequest("UPS", UPS_1, "2026-11-30", "MUG-GREEN", 1), SELLER, LATER));
        assertEquals(List.of("lines[0].sku"), fields(e));

        // every bad line is named by its own index
        Failure.InvalidInput both = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.ship(order,
                shipRequest("UPS", UPS_1, "2026-11-30", "MUG-BLUE", 9, "MUG-GREEN", 1), SELLER, LATER));
        assertEquals(List.of("lines[0].quantity", "lines[1].sku"), fields(both));
    }

    @Test
    void ship_date_well_before_the_order_was_placed_names_ship_date() {
        Order order = unshipped(); // placed 2026-11-27T12:00Z
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.ship(order,
                shipRequest("UPS", UPS_1, "2026-11-25"), SELLER, LATER));
        assertEquals(List.of("shipDate"), fields(e));
        // the day it was placed is fine, even though a calendar day starts before the order time
        assertEquals(OrderStatus.SHIPPED, ship(order, UPS_1, "2026-11-27").after().status());
    }

    @Test
    void shipping_after_the_ship_by_date_marks_the_shipment_late() {
        OrderChange late = ship(unshipped(), UPS_1, "2026-12-01T09:00:00Z");
        Shipment s = late.after().fulfillment().shipments().get(0);
        assertTrue(s.late());
        assertTrue(late.entry().reason().contains("after the ship-by date"), late.entry().reason());
        assertTrue(late.after().fulfillment().anyLate());

        Shipment onTime = ship(unshipped(), UPS_1, "2026-11-30T23:00:00Z").after().fulfillment().shipments().get(0);
        assertFalse(onTime.late());
    }

    @Test
    void repeat_ship_with_the_same_tracking_number_however_written_changes_nothing() {
        Order shipped = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-BLUE", 3).after();
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, shipped.status());
        assertNull(OrderLifecycle.ship(shipped, shipRequest("UPS", UPS_1, "2026-11-30", "MUG-BLUE", 3),
                SELLER, LATER));
        assertNull(OrderLifecycle.ship(shipped, shipRequest("ups", "1z 999 aa1 0123 4567 84", "2026-11-30"),
                SELLER, LATER));
        assertNull(OrderLifecycle.ship(shipped, shipRequest("UPS", "1z999aa1-01234567-84", "2026-11-30"),
                SELLER, LATER));
    }

    @Test
    void unknown_carrier_is_accepted_but_its_tracking_is_not_valid() {
        OrderChange change = wellFormed(OrderLifecycle.ship(unshipped(),
                shipRequest("Acme Freight", "acme-123", "2026-11-30"), SELLER, LATER));
        Shipment s = change.after().fulfillment().shipments().get(0);
        assertEquals(OrderStatus.SHIPPED, change.after().status());
        assertEquals("Acme Freight", s.carrier());
        assertEquals("ACME123", s.trackingNumber());
        assertFalse(s.trackingValid());
        assertNull(s.trackingUrl());
        assertTrue(change.entry().reason().contains("not valid"), change.entry().reason());

        // a known carrier with a wrong check digit is not valid either
        Shipment badDigit = ship(unshipped(), "1Z999AA10123456785", "2026-11-30").after().fulfillment()
                .shipments().get(0);
        assertFalse(badDigit.trackingValid());
    }

    @Test
    void ship_of_canceled_or_pending_order_is_illegal() {
        Order canceled = cancel(unshipped(), "OUT_OF_STOCK").after();
        Order pending = placed(false);
        for (Order order : List.of(canceled, pending)) {
            Failure.IllegalTransition e = assertThrows(Failure.IllegalTransition.class,
                    () -> OrderLifecycle.ship(order, shipRequest("UPS", UPS_1, "2026-11-30"), SELLER, LATER));
            assertEquals(order.status(), e.status());
            assertFalse(e.allowed().contains(SellerAction.SHIP));
        }
    }

    // ---- confirm delivery ----

    @Test
    void delivery_of_every_shipment_on_time_makes_the_order_delivered() {
        Order partially = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-BLUE", 3).after();
        Order shipped = ship(partially, UPS_2, "2026-12-01").after();
        OrderChange change = deliver(shipped, "2026-12-03T15:00:00Z", null);

        assertEquals(OrderStatus.DELIVERED, change.after().status());
        for (Shipment s : change.after().fulfillment().shipments()) {
            assertEquals(Instant.parse("2026-12-03T15:00:00Z"), s.deliveredAt());
            assertEquals(Boolean.TRUE, s.deliveredOnTime());
        }
        assertEquals("confirm-delivery", change.entry().action());
        assertEquals("2 shipments delivered on time", change.entry().reason());
        assertTrue(change.stock().isEmpty());
        assertEquals(EnumSet.of(SellerAction.RETURN, SellerAction.REFUND), change.after().status().sellerActions());
    }

    @Test
    void delivery_after_the_promised_date_is_recorded_late() {
        Order shipped = ship(unshipped(), UPS_1, "2026-11-30").after();
        OrderChange change = deliver(shipped, "2026-12-08T10:00:00Z", null);
        assertEquals(OrderStatus.DELIVERED, change.after().status());
        Shipment s = change.after().fulfillment().shipments().get(0);
        assertEquals(Boolean.FALSE, s.deliveredOnTime());
        assertTrue(change.entry().reason().contains("late"), change.entry().reason());

        // the last moment of the promised day still counts as on time
        Shipment edge = deliver(shipped, DELIVER_BY.toString(), null).after().fulfillment().shipments().get(0);
        assertEquals(Boolean.TRUE, edge.deliveredOnTime());
    }

    @Test
    void delivery_of_one_shipment_of_a_partially_shipped_order_keeps_it_partially_shipped() {
        Order partially = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-RED", 4).after();
        OrderChange change = deliver(partially, "2026-12-02", "shp_1");
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, change.after().status());
        assertNotNull(change.after().fulfillment().shipments().get(0).deliveredAt());
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, change.entry().to());

        // once the rest ships and arrives, the order is delivered
        Order shipped = ship(change.after(), UPS_2, "2026-12-02").after();
        assertEquals(OrderStatus.SHIPPED, shipped.status());
        assertEquals(OrderStatus.DELIVERED, deliver(shipped, "2026-12-04", "shp_2").after().status());
    }

    @Test
    void delivery_of_one_of_two_shipments_of_a_shipped_order_keeps_it_shipped() {
        Order partially = ship(twoSkusUnshipped(), UPS_1, "2026-11-30", "MUG-RED", 4).after();
        Order shipped = ship(partially, UPS_2, "2026-12-01").after();
        Order oneArrived = deliver(shipped, "2026-12-03", "shp_2").after();
        assertEquals(OrderStatus.SHIPPED, oneArrived.status());
        assertEquals(OrderStatus.DELIVERED, deliver(oneArrived, "2026-12-04", null).after().status());
    }

    @Test
    void delivery_before_the_ship_date_names_delivered_at() {
        Order shipped = ship(unshipped(), UPS_1, "2026-11-30").after();
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.confirmDelivery(
                shipped, deliveryRequest("2026-11-29T12:00:00Z", null), SELLER, LATER));
        assertEquals(List.of("deliveredAt"), fields(e));
    }

    @Test
    void delivery_of_unshipped_order_is_illegal() {
        Order order = unshipped();
        Failure.IllegalTransition e = assertThrows(Failure.IllegalTransition.class, () -> OrderLifecycle
                .confirmDelivery(order, deliveryRequest("2026-12-03", null), SELLER, LATER));
        assertEquals(OrderStatus.UNSHIPPED, e.status());
        assertEquals(OrderStatus.UNSHIPPED.sellerActions(), e.allowed());
        assertFalse(e.allowed().contains(SellerAction.CONFIRM_DELIVERY));
    }

    @Test
    void repeated_delivery_changes_nothing_and_an_unknown_shipment_is_named() {
        Order delivered = deliver(ship(unshipped(), UPS_1, "2026-11-30").after(), "2026-12-03", null).after();
        assertNull(OrderLifecycle.confirmDelivery(delivered, deliveryRequest("2026-12-03", null), SELLER, LATER));
        assertNull(OrderLifecycle.confirmDelivery(delivered, deliveryRequest("2026-12-05", "shp_1"), SELLER, LATER));
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.confirmDelivery(
                delivered, deliveryRequest("2026-12-03", "shp_9"), SELLER, LATER));
        assertEquals(List.of("shipmentId"), fields(e));
    }

    // ---- the whole life and the state machine ----

    @Test
    void every_change_moves_the_order_exactly_one_version_and_records_the_statuses() {
        Order order = twoSkusUnshipped();
        List<OrderChange> changes = new ArrayList<>();
        changes.add(wellFormed(OrderLifecycle.acknowledge(order, SELLER, LATER)));
        changes.add(ship(changes.get(0).after(), UPS_1, "2026-11-30", "MUG-BLUE", 3));
        changes.add(deliver(changes.get(1).after(), "2026-12-02", "shp_1"));
        changes.add(ship(changes.get(2).after(), UPS_2, "2026-12-01"));
        changes.add(deliver(changes.get(3).after(), "2026-12-04", null));

        long version = order.version();
        List<String> steps = new ArrayList<>();
        for (OrderChange c : changes) {
            assertEquals(version, c.before().version());
            assertEquals(++version, c.after().version());
            assertEquals(version, c.entry().version());
            steps.add(c.entry().action() + " " + c.entry().from() + "->" + c.entry().to());
        }
        assertEquals(List.of(
                "acknowledge UNSHIPPED->UNSHIPPED",
                "ship shp_1 UNSHIPPED->PARTIALLY_SHIPPED",
                "confirm-delivery PARTIALLY_SHIPPED->PARTIALLY_SHIPPED",
                "ship shp_2 PARTIALLY_SHIPPED->SHIPPED",
                "confirm-delivery SHIPPED->DELIVERED"), steps);

        OrderChange canceled = cancel(unshipped(), "OTHER");
        assertEquals(OrderStatus.UNSHIPPED, canceled.entry().from());
        assertEquals(OrderStatus.CANCELED, canceled.entry().to());
        assertEquals(canceled.before().version() + 1, canceled.after().version());
    }

    @Test
    void seller_actions_agree_with_the_state_machine_for_every_status() {
        Set<OrderStatus> withShipmentsOut = EnumSet.of(OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED);
        for (OrderStatus status : OrderStatus.values()) {
            Set<SellerAction> actions = status.sellerActions();
            String s = status.name();
            assertEquals(status.canBecome(OrderStatus.CANCELED), actions.contains(SellerAction.CANCEL), s);
            assertEquals(status.canBecome(OrderStatus.SHIPPED), actions.contains(SellerAction.SHIP), s);
            assertEquals(withShipmentsOut.contains(status), actions.contains(SellerAction.CONFIRM_DELIVERY), s);
            if (actions.contains(SellerAction.CONFIRM_DELIVERY)) {
                // delivery confirmation can always lead on to DELIVERED (directly or after the rest ships)
                assertTrue(status.canBecome(OrderStatus.DELIVERED) || status.canBecome(OrderStatus.SHIPPED), s);
            }
            // acknowledging is for orders nothing has left yet: exactly those that can still be canceled
            assertEquals(actions.contains(SellerAction.CANCEL), actions.contains(SellerAction.ACKNOWLEDGE), s);
            boolean terminal = EnumSet.allOf(OrderStatus.class).stream().noneMatch(status::canBecome);
            if (terminal) {
                // goods may still come back to a fully refunded order (restocked, nothing more paid)
                assertTrue(EnumSet.of(SellerAction.RETURN).containsAll(actions), s + " is final: at most returns apply");
            }
            assertEquals(status.canBecome(OrderStatus.REFUNDED), actions.contains(SellerAction.REFUND), s);
            assertEquals(actions, new Failure.IllegalTransition("x", status).allowed(), s);
        }
    }

    @Test
    void the_lifecycle_accepts_an_action_exactly_when_the_status_lists_it() {
        for (OrderStatus status : OrderStatus.values()) {
            Order base = unshipped();
            Order order = base.next(status, null, base.shipBy(), base.fulfillment());
            Set<SellerAction> actions = status.sellerActions();

            assertEquals(actions.contains(SellerAction.CANCEL), accepts(() -> OrderLifecycle.cancel(order,
                    cancelRequest("OTHER", null), SELLER, LATER)), "cancel " + status);
            assertEquals(actions.contains(SellerAction.SHIP), accepts(() -> OrderLifecycle.ship(order,
                    shipRequest("UPS", UPS_1, "2026-11-30"), SELLER, LATER)), "ship " + status);
            assertEquals(actions.contains(SellerAction.ACKNOWLEDGE), accepts(() -> OrderLifecycle.acknowledge(order,
                    SELLER, LATER)), "acknowledge " + status);
        }
    }

    private static boolean accepts(java.util.function.Supplier<OrderChange> action) {
        try {
            return wellFormed(action.get()) != null;
        } catch (Failure.IllegalTransition e) {
            return false;
        }
    }
}
