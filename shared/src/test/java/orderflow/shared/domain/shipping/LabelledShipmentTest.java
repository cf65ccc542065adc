package orderflow.shared.domain.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.StockChange;
import org.junit.jupiter.api.Test;

/** A shipment made with a bought label: voided before the parcel moves, and moved along by carrier scans. */
class LabelledShipmentTest {

    private static final Instant PLACED = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant SHIPPED = Instant.parse("2026-11-28T15:00:00Z");
    private static final Instant DELIVER_BY = Instant.parse("2026-12-07T23:59:59Z");
    private static final Actor SELLER = Actor.sellerKey("key_1");
    private static final Actor CARRIER = Actor.job("tracking-easypost");
    private static final String TRACKING = "EZ1000000001"; // the EasyPost fake's style: no carrier format fits it

    /** The test payload (3 x MUG-BLUE), shipped in full with a label. */
    private static Order labelled() {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        Order order = GenericOrderPayload.parse(json).toOrder("sf", "seller", PLACED)
                .confirmed(Instant.parse("2026-11-30T23:59:59Z"), DELIVER_BY);
        ShipmentLabel label = new ShipmentLabel("lbl_1", "easypost", "GroundAdvantage", new Money(745, "USD"),
                null, null, null);
        return OrderLifecycle.ship(order, new ActionRequests.Ship("USPS", TRACKING, SHIPPED, Map.of(), label), SELLER,
                SHIPPED).after();
    }

    private static TrackingEvent scan(TrackingStatus status, String at) {
        return new TrackingEvent(TRACKING, status, Instant.parse(at), status.name(), null, "Seattle WA");
    }

    @Test
    void a_bought_labels_tracking_number_counts_as_valid_whatever_its_format() {
        assertTrue(labelled().fulfillment().shipments().get(0).trackingValid());
    }

    @Test
    void voiding_takes_the_shipment_back_and_returns_its_units_to_the_shelf_reserved() {
        Order order = labelled();
        OrderChange change = OrderLifecycle.voidShipment(order, "shp_1", "lbl_1", SELLER, SHIPPED.plusSeconds(60));
        assertEquals(OrderStatus.UNSHIPPED, change.after().status());
        assertEquals(List.of(), change.after().fulfillment().shipments());
        assertEquals(List.of(new StockChange("MUG-BLUE", 3, StockChange.Kind.UNCOMMIT)), change.stock());
        assertNull(OrderLifecycle.voidShipment(change.after(), "shp_1", "lbl_1", SELLER, SHIPPED), "a repeat");
    }

    @Test
    void a_label_whose_parcel_moved_cannot_be_voided() {
        Order moved = OrderLifecycle.track(labelled(), "shp_1", scan(TrackingStatus.IN_TRANSIT, "2026-11-29T08:00:00Z"),
                CARRIER, SHIPPED).after();
        assertThrows(Failure.IllegalTransition.class,
                () -> OrderLifecycle.voidShipment(moved, "shp_1", "lbl_1", SELLER, SHIPPED));
    }

    @Test
    void a_delivered_scan_delivers_at_the_carriers_time_and_the_order_once_all_arrived() {
        OrderChange change = OrderLifecycle.track(labelled(), "shp_1",
                scan(TrackingStatus.DELIVERED, "2026-12-01T10:30:00Z"), CARRIER, Instant.parse("2026-12-01T11:00:00Z"));
        var shipment = change.after().fulfillment().shipments().get(0);
        assertEquals(Instant.parse("2026-12-01T10:30:00Z"), shipment.deliveredAt());
        assertTrue(shipment.deliveredOnTime());
        assertEquals(OrderStatus.DELIVERED, change.after().status());
        assertEquals(TrackingStatus.DELIVERED, shipment.label().trackingStatus());
    }

    @Test
    void older_repeated_and_unknown_scans_change_nothing() {
        Order inTransit = OrderLifecycle.track(labelled(), "shp_1",
                scan(TrackingStatus.OUT_FOR_DELIVERY, "2026-11-30T08:00:00Z"), CARRIER, SHIPPED).after();
        assertNull(OrderLifecycle.track(inTransit, "shp_1", scan(TrackingStatus.IN_TRANSIT, "2026-11-29T08:00:00Z"),
                CARRIER, SHIPPED), "an older scan");
        assertNull(OrderLifecycle.track(inTransit, "shp_1", scan(TrackingStatus.OUT_FOR_DELIVERY, "2026-11-30T08:00:00Z"),
                CARRIER, SHIPPED), "the same scan again");
        assertNull(OrderLifecycle.track(inTransit, "shp_1", scan(TrackingStatus.UNKNOWN, "2026-12-01T08:00:00Z"),
                CARRIER, SHIPPED), "a scan that says nothing");
    }

    @Test
    void scans_of_the_same_second_follow_the_order_of_the_statuses() {
        Order inTransit = OrderLifecycle.track(labelled(), "shp_1", scan(TrackingStatus.IN_TRANSIT, "2026-11-30T08:00:00Z"),
                CARRIER, SHIPPED).after();
        OrderChange next = OrderLifecycle.track(inTransit, "shp_1",
                scan(TrackingStatus.OUT_FOR_DELIVERY, "2026-11-30T08:00:00Z"), CARRIER, SHIPPED);
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, next.after().fulfillment().shipments().get(0).label().trackingStatus());
        assertNull(OrderLifecycle.track(next.after(), "shp_1", scan(TrackingStatus.IN_TRANSIT, "2026-11-30T08:00:00Z"),
                CARRIER, SHIPPED));
    }

    @Test
    void a_delivery_scanned_before_the_ship_date_counts_from_the_ship_date() {
        OrderChange change = OrderLifecycle.track(labelled(), "shp_1",
                scan(TrackingStatus.DELIVERED, "2026-11-28T14:00:00Z"), CARRIER, SHIPPED);
        assertEquals(SHIPPED, change.after().fulfillment().shipments().get(0).deliveredAt());
    }
}
