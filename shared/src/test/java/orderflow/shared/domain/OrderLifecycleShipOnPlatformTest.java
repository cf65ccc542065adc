package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.storefront.PlatformShipment;
import orderflow.shared.domain.storefront.ShopifyWebhooks;
import orderflow.shared.domain.storefront.StorefrontEvent;
import orderflow.shared.json.Json;

/**
 * A shipment the seller made on the platform, recorded here: like a seller shipment (stock committed,
 * SHIPPED or PARTIALLY_SHIPPED), its platform line ids mapped to our SKUs, and a repeat (nothing
 * written) when its tracking number or platform reference is on the order already or nothing is left.
 */
class OrderLifecycleShipOnPlatformTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private static final Instant SHIP_BY = Instant.parse("2026-11-30T23:59:59Z");
    private static final Instant LATER = Instant.parse("2026-11-29T12:00:00Z");
    private static final Actor SHOP = Actor.storefront("sf-shopify");
    private static final String MUG_LINE = "14820937461830";
    private static final String TEE_LINE = "14820937494598";
    private static final String UPS = "1Z999AA10123456784";

    /** The Shopify order of the fixture (2 x MUG-BLUE, 1 x TEE-BLACK-L, with Shopify's line ids), reserved. */
    private static Order unshipped() {
        return ready().confirmed(SHIP_BY, SHIP_BY.plusSeconds(7 * 86_400));
    }

    /** Paid, its stock not reserved yet. */
    private static Order ready() {
        try (InputStream in = OrderLifecycleShipOnPlatformTest.class.getResourceAsStream(
                "/storefront/shopify-orders-create.json")) {
            Map<String, Object> body = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            IncomingOrder incoming = ((StorefrontEvent.Placed) ShopifyWebhooks.parse("orders/create", body)).order();
            return incoming.toOrder("sf-shopify", "seller", NOW);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlatformShipment fulfillment(String id, String carrier, String tracking, Instant at,
                                                PlatformShipment.Line... lines) {
        return new PlatformShipment("shopify", "fulfillment " + id, carrier, tracking, null, at, List.of(lines));
    }

    private static PlatformShipment.Line line(String lineId, String sku, int quantity) {
        return new PlatformShipment.Line(lineId, sku, quantity);
    }

    @Test
    void a_partial_platform_shipment_commits_its_units_and_leaves_the_rest_to_ship() {
        Order order = unshipped();
        OrderChange change = OrderLifecycle.shipOnPlatform(order, fulfillment("1", "UPS", UPS, LATER,
                line(MUG_LINE, "MUG-BLUE", 1)), SHOP, LATER);
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, change.after().status());
        Shipment s = change.after().fulfillment().shipments().get(0);
        assertEquals("shp_1", s.shipmentId());
        assertEquals(Map.of("MUG-BLUE", 1), s.quantities());
        assertEquals("UPS", s.carrier());
        assertEquals(UPS, s.trackingNumber());
        assertTrue(s.trackingValid());
        assertEquals(LATER, s.shipDate());
        assertFalse(s.late());
        assertEquals(List.of(new StockChange("MUG-BLUE", 1, StockChange.Kind.COMMIT)), change.stock());
        assertEquals(List.of(), change.syncs(), "the platform made it: nothing goes back");
        assertEquals(SHOP, change.entry().actor());
        assertEquals("ship shp_1", change.entry().action());
        assertTrue(change.entry().reason().startsWith("shipped on shopify (fulfillment 1), UPS " + UPS),
                change.entry().reason());
        assertTrue(change.entry().reason().contains("the platform notified the buyer"), change.entry().reason());
        assertEquals(Map.of("MUG-BLUE", 1, "TEE-BLACK-L", 1), change.after().unshippedBySku());
    }

    @Test
    void platform_line_ids_find_our_sku_even_when_the_seller_mapped_another_one() {
        Order order = unshipped();
        // The platform line's SKU is what Shopify has; the line id is what names it here.
        OrderChange change = OrderLifecycle.shipOnPlatform(order, fulfillment("2", "UPS", UPS, LATER,
                line(TEE_LINE, "TEE-OLD-NAME", 1), line(MUG_LINE, null, 2)), SHOP, LATER);
        assertEquals(OrderStatus.SHIPPED, change.after().status());
        assertEquals(Map.of("TEE-BLACK-L", 1, "MUG-BLUE", 2), change.after().fulfillment().shipments().get(0).quantities());
    }

    @Test
    void a_shipment_without_lines_ships_everything_left() {
        Order partly = OrderLifecycle.shipOnPlatform(unshipped(), fulfillment("1", "UPS", UPS, LATER,
                line(MUG_LINE, "MUG-BLUE", 1)), SHOP, LATER).after();
        OrderChange rest = OrderLifecycle.shipOnPlatform(partly, new PlatformShipment("woocommerce",
                "order 4217 completed", "usps", "9400 1118 9922 3197 4284 90", null, LATER, List.of()), SHOP, LATER);
        assertEquals(OrderStatus.SHIPPED, rest.after().status());
        Shipment s = rest.after().fulfillment().shipments().get(1);
        assertEquals("shp_2", s.shipmentId());
        assertEquals(Map.of("MUG-BLUE", 1, "TEE-BLACK-L", 1), s.quantities());
        assertEquals("USPS", s.carrier());
        assertEquals("9400111899223197428490", s.trackingNumber(), "normalised like a seller's");
    }

    @Test
    void our_own_shipment_coming_back_from_the_platform_is_a_repeat_by_its_tracking_number() {
        Map<String, Object> body = new HashMap<>(Map.of("carrier", "UPS", "trackingNumber", UPS,
                "shipDate", LATER.toString()));
        body.put("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1)));
        Order shippedHere = OrderLifecycle.ship(unshipped(), ActionRequests.ship(body, ZoneId.of("UTC"), LATER),
                Actor.sellerKey("key_1"), LATER).after();
        // Shopify's fulfillments/create for the fulfillment we pushed: same number, its own formatting and id.
        assertNull(OrderLifecycle.shipOnPlatform(shippedHere, fulfillment("77", "UPS", "1z999aa1 0123456784", LATER,
                line(MUG_LINE, "MUG-BLUE", 1)), SHOP, LATER));
    }

    @Test
    void a_shipment_without_tracking_is_recorded_by_its_reference_and_its_repeat_recognised() {
        OrderChange change = OrderLifecycle.shipOnPlatform(unshipped(), fulfillment("5", null, null, null,
                line(MUG_LINE, "MUG-BLUE", 2)), SHOP, LATER);
        Shipment s = change.after().fulfillment().shipments().get(0);
        assertEquals("shopify fulfillment 5", s.trackingNumber());
        assertFalse(s.trackingValid());
        assertEquals("unknown", s.carrier());
        assertEquals(LATER, s.shipDate(), "no date from the platform: when it was recorded");
        assertTrue(change.entry().reason().contains("no tracking number"), change.entry().reason());
        // The same fulfillment again (orders/fulfilled after fulfillments/create), tracking added since.
        assertNull(OrderLifecycle.shipOnPlatform(change.after(), fulfillment("5", "UPS", UPS, null,
                line(MUG_LINE, "MUG-BLUE", 2)), SHOP, LATER));
    }

    @Test
    void nothing_left_to_ship_is_a_repeat_not_an_error() {
        Order shipped = OrderLifecycle.shipOnPlatform(unshipped(), fulfillment("1", "UPS", UPS, LATER), SHOP, LATER)
                .after();
        assertEquals(OrderStatus.SHIPPED, shipped.status());
        assertNull(OrderLifecycle.shipOnPlatform(shipped, fulfillment("9", "USPS", "9400111899223197428490", LATER),
                SHOP, LATER));
        assertNull(OrderLifecycle.shipOnPlatform(shipped, new PlatformShipment("amazon", "order 1 shipped", null, null,
                null, null, List.of()), SHOP, LATER));
    }

    @Test
    void units_already_shipped_are_not_shipped_twice_and_more_than_left_counts_as_what_is_left() {
        Order partly = OrderLifecycle.shipOnPlatform(unshipped(), fulfillment("1", "UPS", UPS, LATER,
                line(MUG_LINE, "MUG-BLUE", 1)), SHOP, LATER).after();
        OrderChange more = OrderLifecycle.shipOnPlatform(partly, fulfillment("2", null, null, LATER,
                line(MUG_LINE, "MUG-BLUE", 2)), SHOP, LATER);
        assertEquals(Map.of("MUG-BLUE", 1), more.after().fulfillment().shipments().get(1).quantities());
        assertTrue(more.entry().reason().contains("MUG-BLUE: 2 shipped on the platform, 1 were left here"),
                more.entry().reason());
        assertEquals(OrderStatus.PARTIALLY_SHIPPED, more.after().status());
        assertNull(OrderLifecycle.shipOnPlatform(more.after(), fulfillment("3", null, null, LATER,
                line(MUG_LINE, "MUG-BLUE", 1)), SHOP, LATER), "no MUG-BLUE is left");
    }

    @Test
    void a_late_platform_shipment_is_late() {
        Instant afterShipBy = SHIP_BY.plusSeconds(3600);
        OrderChange change = OrderLifecycle.shipOnPlatform(unshipped(), fulfillment("1", "UPS", UPS, afterShipBy),
                SHOP, afterShipBy);
        assertTrue(change.after().fulfillment().shipments().get(0).late());
        assertTrue(change.entry().reason().contains("after the ship-by date"), change.entry().reason());
    }

    @Test
    void lines_not_on_the_order_are_refused_and_an_order_without_reserved_stock_cannot_take_it() {
        assertThrows(Failure.InvalidInput.class, () -> OrderLifecycle.shipOnPlatform(unshipped(),
                fulfillment("1", "UPS", UPS, LATER, line("999", "NOT-HERE", 1)), SHOP, LATER));
        Order canceled = OrderLifecycle.cancel(unshipped(), ActionRequests.cancel(Map.of("reason", "OTHER")),
                Actor.sellerKey("key_1"), LATER).after();
        assertThrows(Failure.IllegalTransition.class, () -> OrderLifecycle.shipOnPlatform(canceled,
                fulfillment("1", "UPS", UPS, LATER), SHOP, LATER));
        assertEquals(OrderStatus.READY, ready().status());
        assertThrows(Failure.IllegalTransition.class, () -> OrderLifecycle.shipOnPlatform(ready(),
                fulfillment("1", "UPS", UPS, LATER), SHOP, LATER));
    }
}
