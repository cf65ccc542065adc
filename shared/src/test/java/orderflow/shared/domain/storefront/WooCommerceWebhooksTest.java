package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.anyNoteContains;
import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.hold;
import static orderflow.shared.domain.storefront.StorefrontFixtures.holdFields;
import static orderflow.shared.domain.storefront.StorefrontFixtures.list;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static orderflow.shared.domain.storefront.StorefrontFixtures.text;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Totals;
import orderflow.shared.json.Json;

class WooCommerceWebhooksTest {

    private static Map<String, Object> order() {
        return load("woocommerce-order-created.json");
    }

    private static IncomingOrder placed(Map<String, Object> body) {
        return assertInstanceOf(StorefrontEvent.Placed.class,
                WooCommerceWebhooks.parse(WooCommerceWebhooks.ORDER_CREATED, body)).order();
    }

    private static Order stored(IncomingOrder order) {
        return order.toOrder("sf-woo", "seller-1", Instant.parse("2026-11-27T15:00:00Z"));
    }

    private static Map<String, Object> fee(String total) {
        return new HashMap<>(Map.of("id", 9, "name", "Gift wrap", "tax_status", "taxable", "total", total,
                "total_tax", "0.00"));
    }

    // --- a good order ---------------------------------------------------------------------------

    @Test
    void order_created_becomes_an_order_to_the_cent() {
        IncomingOrder order = placed(order());

        assertEquals("4217", order.externalOrderId());
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), order.createdAt(), "date_created_gmt, as UTC");
        assertTrue(order.paid());
        assertEquals("USD", order.currency());
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer());
        assertEquals(new Address("Ada Lovelace", "12 Analytical Way", "Apt 3", "Springfield", "IL", "62701", "US"),
                order.shipTo());
        // The mug's price field is 11.115 (after the coupon, a float): the unit price is subtotal / quantity.
        // ref: the product or variation id; lineId: the line item's own id, for what goes back to WooCommerce
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Blue mug", 2, usd("12.50"), "112", "318"),
                new OrderLine("TEE-BLACK-L", "Black tee - L", 1, usd("19.99"), "124", "319")), order.lines());
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00"), usd("0.00"), false),
                order.totals());
        assertEquals(List.of(), order.intake().holds());
        assertEquals(List.of(), order.intake().notes());
        assertEquals(OrderStatus.READY, stored(order).status());
    }

    @Test
    void the_order_number_is_the_display_number() {
        Map<String, Object> body = order();
        assertEquals("4217", placed(body).intake().displayNumber());
        body.put("number", "WC-4217"); // a sequential-order-number plugin
        IncomingOrder order = placed(body);
        assertEquals("WC-4217", order.intake().displayNumber());
        assertEquals("WC-4217", stored(order).displayNumber());
        assertEquals("4217", order.externalOrderId(), "the id stays the order's id");
        body.put("number", 4217);
        assertEquals("4217", placed(body).intake().displayNumber());
    }

    @Test
    void the_line_ref_is_the_variation_id_else_the_product_id() {
        Map<String, Object> body = order();
        List<OrderLine> lines = placed(body).lines();
        assertEquals("112", lines.get(0).ref(), "variation_id 0: the product id");
        assertEquals("124", lines.get(1).ref(), "the variation id when there is one");

        at(body.get("line_items"), 1).remove("variation_id");
        assertEquals("120", placed(body).lines().get(1).ref());
    }

    @Test
    void order_updated_is_read_the_same_way() {
        Map<String, Object> body = order();
        body.put("status", "on-hold");
        var placed = assertInstanceOf(StorefrontEvent.Placed.class, WooCommerceWebhooks.parse("order.updated", body));
        assertEquals("4217", placed.order().externalOrderId());
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> body = order();
        body.put("wcpay_new_thing", List.of(Map.of("a", 1)));
        at(body.get("line_items"), 1).put("bundle_info", Map.of("x", "y"));
        IncomingOrder order = placed(body);
        assertEquals(usd("48.18"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void date_created_without_gmt_is_taken_as_utc() {
        Map<String, Object> body = order();
        body.remove("date_created_gmt");
        assertEquals(Instant.parse("2026-11-27T08:05:00Z"), placed(body).createdAt());
        body.put("date_created", "2026-11-27T08:05:00-06:00");
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), placed(body).createdAt());
    }

    // --- status -----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"pending,false", "on-hold,false", "failed,false", "processing,true", "Processing,true"})
    void status_decides_paid(String status, boolean paid) {
        Map<String, Object> body = order();
        body.put("status", status);
        IncomingOrder order = placed(body);
        assertEquals(paid, order.paid());
        assertEquals(List.of(), holdFields(order));
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "pending", "on-hold"})
    void an_unpaid_order_waits_for_payment(String status) {
        Map<String, Object> body = order();
        body.put("status", status);
        IncomingOrder order = placed(body);
        assertFalse(order.shippable());
        Order stored = stored(order);
        assertEquals(OrderStatus.PENDING, stored.status());
        assertTrue(stored.intake().awaitingPayment());
    }

    @Test
    void a_failed_payment_is_not_a_cancellation() {
        // The buyer may pay again: a later processing delivery goes on as paid.
        Map<String, Object> body = order();
        body.put("status", "failed");
        IncomingOrder order = assertInstanceOf(StorefrontEvent.Placed.class,
                WooCommerceWebhooks.parse("order.updated", body)).order();
        assertEquals("4217", order.externalOrderId());
        assertFalse(order.paid());
    }

    @Test
    void a_cancelled_order_is_a_cancellation() {
        Map<String, Object> body = order();
        body.put("status", "cancelled");
        var canceled = assertInstanceOf(StorefrontEvent.Canceled.class, WooCommerceWebhooks.parse("order.updated", body));
        assertEquals("4217", canceled.externalOrderId());
        assertFalse(canceled.buyerRequested(), "WooCommerce does not say who canceled");
        assertEquals("woocommerce: cancelled", canceled.reason());
        // The cancel carries the order as its body describes it, so a cancel before the create still leaves it here.
        assertEquals("4217", canceled.order().externalOrderId());
        assertFalse(canceled.order().paid());
        assertEquals(placed(order()).lines(), canceled.order().lines());
    }

    @Test
    void a_cancel_without_an_order_id_names_no_order_and_is_not_refused() {
        var canceled = assertInstanceOf(StorefrontEvent.Canceled.class,
                WooCommerceWebhooks.parse("order.updated", Map.of("status", "cancelled")));
        assertNull(canceled.externalOrderId());
        assertEquals("woocommerce: cancelled", canceled.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"refunded", "trash", "checkout-draft"})
    void other_statuses_are_ignored(String status) {
        Map<String, Object> body = order();
        body.put("status", status);
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.updated", body));
        assertTrue(ignored.why().contains(status), ignored.why());
    }

    @Test
    void a_missing_status_is_ignored_not_an_exception() {
        Map<String, Object> body = order();
        body.remove("status");
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.created", body));
        assertTrue(ignored.why().contains("4217"), ignored.why());
        body.put("status", "");
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.created", body));
        body.put("status", 7);
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.created", body));
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.created", null));
    }

    @Test
    void other_topics_are_ignored() {
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.deleted", order()));
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("product.created", Map.of()));
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse(null, order()));
    }

    // --- money ----------------------------------------------------------------------------------

    @Test
    void a_float_price_is_never_the_unit_price() {
        // What PHP's json_encode writes for (53.97 - 0.00) / 3 as a float, read by production's parser.
        String json = text("woocommerce-order-created.json").replace("\"price\": 11.115", "\"price\": 17.990000000000002")
                .replace("\"quantity\": 2", "\"quantity\": 3").replace("\"subtotal\": \"25.00\"", "\"subtotal\": \"53.97\"")
                .replace("\"total\": \"48.18\"", "\"total\": \"77.15\"");
        Map<String, Object> body = Json.parseObject(json);
        assertInstanceOf(BigDecimal.class, at(body.get("line_items"), 0).get("price"), "jackson-jr reads decimals exactly");

        IncomingOrder order = placed(body);
        assertEquals(new OrderLine("MUG-BLUE", "Blue mug", 3, usd("17.99"), "112", "318"), order.lines().get(0));
        assertEquals(usd("77.15"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void without_a_subtotal_the_price_is_used_only_when_it_is_an_exact_amount() {
        Map<String, Object> body = order();
        Map<String, Object> tee = at(body.get("line_items"), 1);
        tee.remove("subtotal");
        tee.put("price", new BigDecimal("19.99"));
        IncomingOrder order = placed(body);
        assertEquals(usd("19.99"), order.lines().get(1).unitPrice());
        assertEquals(List.of(), holdFields(order));

        Map<String, Object> mug = at(body.get("line_items"), 0);
        mug.remove("subtotal");
        order = placed(body);
        assertEquals("line_items[0].price", holdFields(order).get(0), holdFields(order).toString());
        assertTrue(hold(order, "line_items[0].price").contains("11.115"), hold(order, "line_items[0].price"));
        assertEquals("MUG-BLUE", order.lines().get(0).sku(), "the line is kept for the seller");
    }

    @Test
    void a_subtotal_that_does_not_split_into_whole_cents_is_held() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("quantity", 3);
        IncomingOrder order = placed(body);
        assertEquals("line_items[0].subtotal", holdFields(order).get(0), holdFields(order).toString());
        assertTrue(hold(order, "line_items[0].subtotal").contains("25.00"), hold(order, "line_items[0].subtotal"));
        assertEquals(3, order.lines().get(0).quantity());
    }

    @Test
    void a_total_that_does_not_add_up_is_held_with_both_numbers_and_the_declared_total_kept() {
        Map<String, Object> body = order();
        body.put("total", "50.18");
        IncomingOrder order = placed(body);
        assertEquals(List.of("total"), holdFields(order));
        String message = hold(order, "total");
        assertTrue(message.contains("50.18") && message.contains("48.18"), message);
        assertEquals(usd("50.18"), order.totals().total());
        assertEquals(OrderStatus.ON_HOLD, stored(order).status());
    }

    @Test
    void more_decimals_than_the_currency_has_are_held() {
        Map<String, Object> body = order();
        body.put("shipping_total", "4.999");
        at(body.get("line_items"), 1).put("subtotal", "19.9900");
        IncomingOrder order = placed(body);
        assertEquals("shipping_total", holdFields(order).get(0), holdFields(order).toString());
        assertFalse(holdFields(order).contains("line_items[1].subtotal"), "19.9900 is 19.99");
        assertEquals(usd("19.99"), order.lines().get(1).unitPrice());
    }

    @Test
    void fee_lines_are_fees_in_the_total() {
        Map<String, Object> body = order();
        body.put("fee_lines", List.of(fee("2.00"), fee("1.50")));
        body.put("total", "51.68");
        IncomingOrder order = placed(body);
        assertEquals(usd("3.50"), order.totals().fees());
        assertEquals(usd("51.68"), order.totals().total(), "48.18 + 2.00 + 1.50");
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_negative_fee_line_is_a_reduction_taken_as_it_is() {
        Map<String, Object> body = order();
        body.put("fee_lines", List.of(fee("-3.00")));
        body.put("total", "45.18");
        IncomingOrder order = placed(body);
        assertEquals(usd("-3.00"), order.totals().fees());
        assertEquals(usd("45.18"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_negative_fee_given_as_a_json_number_counts_like_the_string() {
        Map<String, Object> body = order();
        Map<String, Object> fee = fee("x");
        fee.put("total", new java.math.BigDecimal("-3.00"));
        body.put("fee_lines", List.of(fee));
        body.put("total", "45.18");
        IncomingOrder order = placed(body);
        assertEquals(usd("-3.00"), order.totals().fees());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void an_unreadable_fee_line_is_held() {
        Map<String, Object> body = order();
        body.put("fee_lines", List.of("gift wrap", fee("2.005")));
        IncomingOrder order = placed(body);
        assertTrue(holdFields(order).containsAll(List.of("fee_lines[0]", "fee_lines[1].total")),
                holdFields(order).toString());
    }

    // --- what cannot be read is held, never refused ----------------------------------------------

    @Test
    void every_unreadable_field_is_a_hold_named_at_once() {
        Map<String, Object> body = order();
        body.remove("id");
        body.put("currency", "usd");
        obj(body.get("billing")).put("email", "");
        obj(body.get("shipping")).remove("country");
        at(body.get("line_items"), 0).put("sku", "");
        at(body.get("line_items"), 1).put("quantity", 1.5);
        list(body.get("line_items")).add("not an item");
        body.remove("total");

        IncomingOrder order = placed(body);
        assertEquals(List.of("id", "currency", "shipping.country", "line_items[2]", "line_items[0].sku",
                "line_items[1].quantity", "total"), holdFields(order));
        assertTrue(hold(order, "line_items[0].sku").contains("no SKU"));
        assertNull(order.buyer().email(), "no email is a note, not a hold");
        assertEquals(OrderStatus.ON_HOLD, stored(order).status());
    }

    @Test
    void a_line_without_a_sku_is_kept_and_held_for_mapping() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 1).put("sku", "");
        IncomingOrder order = placed(body);
        assertEquals(new OrderLine(null, "Black tee - L", 1, usd("19.99"), "124", "319"), order.lines().get(1));
        assertEquals(List.of("line_items[1].sku"), holdFields(order));
        assertTrue(hold(order, "line_items[1].sku").contains("no SKU"), hold(order, "line_items[1].sku"));
        assertEquals(usd("48.18"), order.totals().total());
        assertEquals(OrderStatus.ON_HOLD, stored(order).status());
    }

    @Test
    void a_sku_with_spaces_and_signs_is_valid() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("sku", "MUG BLUE #2");
        IncomingOrder order = placed(body);
        assertEquals("MUG BLUE #2", order.lines().get(0).sku());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void an_empty_billing_email_means_no_buyer_emails_and_no_hold() {
        Map<String, Object> body = order();
        obj(body.get("billing")).put("email", "");
        IncomingOrder order = placed(body);
        assertEquals(new Buyer("Ada Lovelace", null), order.buyer());
        assertEquals(List.of(), holdFields(order));
        assertTrue(anyNoteContains(order, "no buyer email"), order.intake().notes().toString());
        assertEquals(OrderStatus.READY, stored(order).status());
    }

    @Test
    void an_empty_shipping_address_ships_to_the_billing_address() {
        Map<String, Object> body = order();
        Map<String, Object> shipping = obj(body.get("shipping"));
        shipping.replaceAll((k, v) -> "");
        obj(body.get("billing")).put("address_1", "9 Billing Road");
        IncomingOrder order = placed(body);
        assertEquals(new Address("Ada Lovelace", "9 Billing Road", "Apt 3", "Springfield", "IL", "62701", "US"),
                order.shipTo());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_billing_address_in_use_is_held_under_its_own_fields() {
        Map<String, Object> body = order();
        obj(body.get("shipping")).put("address_1", "");
        obj(body.get("billing")).put("country", "USA");
        IncomingOrder order = placed(body);
        assertEquals(List.of("billing.country"), holdFields(order));
    }

    @Test
    void without_any_address_the_order_is_held() {
        Map<String, Object> body = order();
        obj(body.get("shipping")).put("address_1", "");
        obj(body.get("billing")).put("address_1", "");
        IncomingOrder order = placed(body);
        assertEquals(List.of("shipping.address_1"), holdFields(order));
        assertTrue(hold(order, "shipping.address_1").contains("billing.address_1"), hold(order, "shipping.address_1"));
        assertEquals(Address.NONE, order.shipTo());
    }

    @Test
    void the_ship_to_name_falls_back_to_the_company_then_the_buyer() {
        Map<String, Object> body = order();
        Map<String, Object> shipping = obj(body.get("shipping"));
        shipping.put("first_name", "");
        shipping.put("last_name", "");
        shipping.put("company", "Analytical Engines Ltd");
        assertEquals("Analytical Engines Ltd", placed(body).shipTo().name());
        shipping.put("company", "");
        IncomingOrder order = placed(body);
        assertEquals("Ada Lovelace", order.shipTo().name(), "the billing name");
        assertEquals(List.of(), holdFields(order));
    }
}
