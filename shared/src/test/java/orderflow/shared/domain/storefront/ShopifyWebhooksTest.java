package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.anyNoteContains;
import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.hold;
import static orderflow.shared.domain.storefront.StorefrontFixtures.holdFields;
import static orderflow.shared.domain.storefront.StorefrontFixtures.list;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Presentment;
import orderflow.shared.domain.Totals;

class ShopifyWebhooksTest {

    private static final String MUG_VARIANT = "45920183746630";
    private static final String TEE_VARIANT = "45920183779398";

    private static Map<String, Object> order() {
        return load("shopify-orders-create.json");
    }

    private static IncomingOrder placed(String topic, Map<String, Object> body) {
        return assertInstanceOf(StorefrontEvent.Placed.class, ShopifyWebhooks.parse(topic, body)).order();
    }

    private static IncomingOrder placed(Map<String, Object> body) {
        return placed(ShopifyWebhooks.ORDERS_CREATE, body);
    }

    /** The cancel's id, who asked and why; the order it carries is checked where it matters. */
    private static StorefrontEvent.Canceled canceled(String id, boolean buyerRequested, String reason,
                                                     StorefrontEvent event) {
        var canceled = assertInstanceOf(StorefrontEvent.Canceled.class, event);
        assertEquals(id, canceled.externalOrderId());
        assertEquals(buyerRequested, canceled.buyerRequested());
        assertEquals(reason, canceled.reason());
        return canceled;
    }

    private static Order stored(IncomingOrder order) {
        return order.toOrder("sf-shopify", "seller-1", Instant.parse("2026-11-27T15:00:00Z"));
    }

    /** A Shopify MoneyBag: the same amount in shop and presentment money. */
    private static Map<String, Object> moneySet(String amount) {
        return Map.of("shop_money", Map.of("amount", amount, "currency_code", "USD"),
                "presentment_money", Map.of("amount", amount, "currency_code", "USD"));
    }

    // --- a good order ---------------------------------------------------------------------------

    @Test
    void orders_create_becomes_an_order_to_the_cent() {
        IncomingOrder order = placed(order());

        assertEquals("5923847102534", order.externalOrderId(), "the numeric id, not the name #1001");
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), order.createdAt());
        assertTrue(order.paid());
        assertTrue(order.shippable());
        assertEquals("USD", order.currency());
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer());
        assertEquals(new Address("Ada Lovelace", "12 Analytical Way", "Apt 3", "Springfield", "IL", "62701", "US"),
                order.shipTo());
        // lineId: the line item's own id, by which a fulfillment or refund names the line
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Blue mug", 2, usd("12.50"), MUG_VARIANT, "14820937461830"),
                new OrderLine("TEE-BLACK-L", "Black tee - L", 1, usd("19.99"), TEE_VARIANT, "14820937494598")),
                order.lines());
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00"), usd("0.00"), false),
                order.totals());
        assertEquals(List.of(), order.intake().holds());
        assertEquals(List.of(), order.intake().notes());
        assertFalse(order.intake().payOnDelivery());
        assertEquals(OrderStatus.READY, stored(order).status());
    }

    @Test
    void the_order_name_is_the_display_number() {
        IncomingOrder order = placed(order());
        assertEquals("#1001", order.intake().displayNumber());
        assertEquals("#1001", stored(order).displayNumber());
        assertEquals("5923847102534", order.externalOrderId(), "the id stays the numeric one");
    }

    @Test
    void the_line_ref_is_the_variant_id_else_the_product_id() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("variant_id", null);
        at(body.get("line_items"), 1).put("variant_id", null);
        at(body.get("line_items"), 1).put("product_id", null);
        List<OrderLine> lines = placed(body).lines();
        assertEquals("8512093847622", lines.get(0).ref(), "the product id when there is no variant");
        assertNull(lines.get(1).ref(), "a custom item has neither");
    }

    @Test
    void the_discount_is_taken_off_once() {
        Map<String, Object> body = order();
        body.put("total_discounts", "0.00");
        body.put("total_price", "53.18");
        IncomingOrder order = placed(body);
        assertEquals(usd("0.00"), order.totals().discount());
        assertEquals(usd("53.18"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> body = order();
        body.put("brand_new_field", Map.of("nested", List.of(1, 2, 3)));
        at(body.get("line_items"), 0).put("another_new_field", true);
        obj(body.get("shipping_address")).put("what3words", "index.home.raft");
        IncomingOrder order = placed(body);
        assertEquals(usd("48.18"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void shipping_comes_from_the_shipping_price_set_without_shipping_lines() {
        Map<String, Object> body = order();
        body.remove("shipping_lines");
        IncomingOrder order = placed(body);
        assertEquals(usd("4.99"), order.totals().shipping());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void names_and_email_fall_back() {
        Map<String, Object> body = order();
        body.put("customer", null);
        body.put("email", "");
        obj(body.get("shipping_address")).remove("name");
        obj(body.get("shipping_address")).remove("province_code");
        IncomingOrder order = placed(body);
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer(), "contact_email, shipping first+last");
        assertEquals("Illinois", order.shipTo().region(), "province when there is no province_code");
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void titles_are_for_display_and_never_hold_an_order() {
        Map<String, Object> body = order();
        Map<String, Object> mug = at(body.get("line_items"), 0);
        mug.remove("name");
        mug.put("title", "Blue\tmug " + "x".repeat(600));
        Map<String, Object> tee = at(body.get("line_items"), 1);
        tee.remove("name");
        IncomingOrder order = placed(body);
        List<OrderLine> lines = order.lines();
        assertEquals(500, lines.get(0).title().length());
        assertTrue(lines.get(0).title().startsWith("Blue mug x"), lines.get(0).title());
        assertEquals("Black tee", lines.get(1).title(), "the title when there is no name");
        assertEquals(List.of(), holdFields(order));

        tee.remove("title");
        assertEquals("TEE-BLACK-L", placed(body).lines().get(1).title(), "the SKU when there is neither");
    }

    @Test
    void the_line_name_with_its_variant_is_preferred_to_the_product_title() {
        assertEquals("Black tee - L", placed(order()).lines().get(1).title());
    }

    // --- what the delivery means: read from the body ------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"orders/paid", "orders/updated", "ORDERS/CREATE"})
    void every_order_topic_with_an_uncancelled_body_places_the_order(String topic) {
        assertEquals(placed(order()), placed(topic, order()));
    }

    @Test
    void a_forged_cancel_topic_on_a_create_body_cancels_nothing() {
        // A captured orders/create body re-posted with X-Shopify-Topic: orders/cancelled (the header is not signed).
        StorefrontEvent event = ShopifyWebhooks.parse(ShopifyWebhooks.ORDERS_CANCELLED, order());
        IncomingOrder order = assertInstanceOf(StorefrontEvent.Placed.class, event).order();
        assertEquals(placed(order()), order, "read exactly as the create it is");
        assertTrue(order.paid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/cancelled", "orders/updated", "orders/create", "orders/paid"})
    void a_set_cancelled_at_cancels_whatever_the_topic_says(String topic) {
        Map<String, Object> body = order();
        body.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        body.put("cancel_reason", "inventory");
        var canceled = canceled("5923847102534", false, "shopify: inventory", ShopifyWebhooks.parse(topic, body));
        // The cancel carries the order as its body describes it, so a cancel before the create still leaves it here.
        IncomingOrder order = canceled.order();
        assertEquals("5923847102534", order.externalOrderId());
        assertFalse(order.paid(), "a canceled order is never paid for shipping");
        assertEquals(placed(order()).lines(), order.lines());
        assertEquals(placed(order()).totals(), order.totals());
    }

    @Test
    void a_cancel_by_the_customer_is_buyer_requested() {
        Map<String, Object> body = order();
        body.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        body.put("cancel_reason", "customer");
        canceled("5923847102534", true, "shopify: customer", ShopifyWebhooks.parse("orders/cancelled", body));

        body.put("cancel_reason", "inventory");
        canceled("5923847102534", false, "shopify: inventory", ShopifyWebhooks.parse("orders/cancelled", body));

        body.put("cancel_reason", null); // old orders have no cancel_reason
        canceled("5923847102534", false, "shopify: unspecified", ShopifyWebhooks.parse("orders/cancelled", body));
    }

    @Test
    void a_cancel_is_read_whatever_the_payment_status_says() {
        Map<String, Object> body = order();
        body.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        body.put("cancel_reason", "declined");
        for (String status : List.of("voided", "refunded", "paid", "pending")) {
            body.put("financial_status", status);
            var canceled = canceled("5923847102534", false, "shopify: declined",
                    ShopifyWebhooks.parse("orders/cancelled", body));
            assertFalse(canceled.order().paid(), status);
        }
    }

    @Test
    void a_cancel_without_an_order_id_names_no_order_and_is_not_refused() {
        // The receiving service turns a cancel without an id into a held order naming the id.
        var canceled = canceled(null, false, "shopify: fraud", ShopifyWebhooks.parse(
                "orders/cancelled", Map.of("cancelled_at", "2026-11-27T10:00:00-05:00", "cancel_reason", "fraud")));
        assertNull(canceled.order().externalOrderId());
        assertTrue(holdFields(canceled.order()).contains("id"), holdFields(canceled.order()).toString());
    }

    @Test
    void a_cancel_topic_without_cancelled_at_and_without_an_id_is_a_held_order_not_a_cancel() {
        IncomingOrder order = placed(ShopifyWebhooks.ORDERS_CANCELLED, Map.of("cancel_reason", "fraud"));
        assertNull(order.externalOrderId());
        assertTrue(holdFields(order).contains("id"), holdFields(order).toString());
        assertTrue(order.intake().held());
    }

    @ParameterizedTest
    @ValueSource(strings = {"products/update", "customers/create", "fulfillments/update", "app/uninstalled", "",
            "  "})
    void topics_outside_orders_are_ignored_whatever_the_body(String topic) {
        Map<String, Object> cancelled = order();
        cancelled.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, order()));
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, cancelled));
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, Map.of()));
    }

    @Test
    void no_topic_is_ignored() {
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(null, order()));
        assertTrue(ignored.why().contains("(none)"), ignored.why());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/delete", "orders/edited"})
    void orders_delete_and_orders_edited_are_ignored(String topic) {
        Map<String, Object> cancelled = order();
        cancelled.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, order()));
        assertTrue(ignored.why().contains(topic), ignored.why());
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, cancelled));
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(topic, Map.of("id", 5923847102534L)));
    }

    // --- payment --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"paid,true", "authorized,true", "partially_refunded,true", "pending,false", "partially_paid,false",
            "PAID,true"})
    void financial_status_decides_paid(String status, boolean paid) {
        Map<String, Object> body = order();
        body.put("financial_status", status);
        IncomingOrder order = placed(body);
        assertEquals(paid, order.paid());
        assertEquals(List.of(), holdFields(order), "payment never holds an order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"voided", "expired", "refunded"})
    void orders_that_will_never_be_paid_are_ignored(String status) {
        Map<String, Object> body = order();
        body.put("financial_status", status);
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse("orders/create", body));
        assertTrue(ignored.why().contains(status), ignored.why());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cash on Delivery (COD)", "manual", "Bank Deposit", "Money Order"})
    void a_pending_order_with_a_manual_gateway_ships_before_payment(String gateway) {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        body.put("payment_gateway_names", List.of(gateway));
        IncomingOrder order = placed(body);
        assertFalse(order.paid());
        assertTrue(order.intake().payOnDelivery());
        assertTrue(order.shippable());
        Order stored = stored(order);
        assertEquals(OrderStatus.READY, stored.status());
        assertFalse(stored.intake().awaitingPayment());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Checkout.com", "2Checkout", "Decode Pay", "shopify_payments", "paypal"})
    void a_card_gateway_whose_name_contains_a_manual_word_waits_for_payment(String gateway) {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        body.put("payment_gateway_names", List.of(gateway));
        assertFalse(placed(body).shippable(), gateway);
    }

    @Test
    void payment_on_delivery_is_a_manual_gateway_too() {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        body.put("payment_gateway_names", List.of("Payment on delivery"));
        assertTrue(placed(body).shippable());
    }

    @Test
    void the_display_number_is_kept_short_and_on_one_line() {
        Map<String, Object> body = order();
        body.put("name", "#1001\r\nBcc: x@example.com" + "9".repeat(5000));
        String number = placed(body).intake().displayNumber();
        assertEquals(64, number.length());
        assertFalse(number.contains("\n") || number.contains("\r"), number);
        assertTrue(number.startsWith("#1001 Bcc:"), number);
    }

    @Test
    void the_legacy_gateway_field_counts_when_there_are_no_gateway_names() {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        body.remove("payment_gateway_names");
        body.put("gateway", "Cash on Delivery (COD)");
        assertTrue(placed(body).shippable());
    }

    @Test
    void a_pending_card_order_waits_for_payment() {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        IncomingOrder order = placed(body);
        assertFalse(order.paid());
        assertFalse(order.intake().payOnDelivery());
        assertFalse(order.shippable());
        Order stored = stored(order);
        assertEquals(OrderStatus.PENDING, stored.status());
        assertTrue(stored.intake().awaitingPayment());
    }

    @Test
    void a_card_and_a_manual_gateway_together_wait_for_payment() {
        Map<String, Object> body = order();
        body.put("financial_status", "pending");
        body.put("payment_gateway_names", List.of("shopify_payments", "manual"));
        assertFalse(placed(body).shippable());
        body.put("payment_gateway_names", List.of());
        assertFalse(placed(body).shippable(), "no gateway named is no manual gateway");
    }

    @Test
    void a_partially_paid_order_waits_even_with_a_manual_gateway() {
        Map<String, Object> body = order();
        body.put("financial_status", "partially_paid");
        body.put("payment_gateway_names", List.of("Cash on Delivery (COD)"));
        IncomingOrder order = placed(body);
        assertFalse(order.paid());
        assertFalse(order.shippable());
    }

    @Test
    void a_missing_or_unknown_financial_status_waits_for_payment_with_a_note_not_a_hold() {
        Map<String, Object> body = order();
        body.remove("financial_status");
        IncomingOrder order = placed(body);
        assertFalse(order.paid());
        assertEquals(List.of(), holdFields(order));
        assertTrue(anyNoteContains(order, "financial_status"), order.intake().notes().toString());

        body.put("financial_status", "something_new");
        order = placed(body);
        assertFalse(order.paid());
        assertTrue(anyNoteContains(order, "something_new"), order.intake().notes().toString());
    }

    // --- money ----------------------------------------------------------------------------------

    @Test
    void tax_included_prices_are_not_taxed_again() {
        Map<String, Object> body = order();
        body.put("taxes_included", true);
        body.put("total_price", "44.98");
        IncomingOrder order = placed(body);
        Totals totals = order.totals();
        assertTrue(totals.taxIncluded());
        assertEquals(usd("3.20"), totals.tax(), "the tax is shown");
        assertEquals(usd("44.98"), totals.total(), "44.99 - 5.00 + 4.99, tax not added");
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_tax_included_order_whose_total_adds_the_tax_again_is_held() {
        Map<String, Object> body = order();
        body.put("taxes_included", true);
        IncomingOrder order = placed(body);
        assertEquals(List.of("total_price"), holdFields(order));
        String message = hold(order, "total_price");
        assertTrue(message.contains("48.18") && message.contains("44.98"), message);
        assertEquals(usd("48.18"), order.totals().total(), "the declared total is kept");
    }

    @Test
    void tips_duties_and_additional_fees_are_fees_in_the_total() {
        Map<String, Object> body = order();
        body.put("total_tip_received", "2.00");
        body.put("original_total_duties_set", moneySet("3.00"));
        body.put("original_total_additional_fees_set", moneySet("1.50"));
        body.put("total_price", "54.68");
        IncomingOrder order = placed(body);
        assertEquals(usd("6.50"), order.totals().fees());
        assertEquals(usd("54.68"), order.totals().total(), "48.18 + 2.00 + 3.00 + 1.50");
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void duties_and_fees_are_read_from_the_current_sets_when_the_original_ones_are_absent() {
        Map<String, Object> body = order();
        body.remove("original_total_duties_set");
        body.remove("original_total_additional_fees_set");
        body.put("current_total_duties_set", moneySet("3.00"));
        body.put("current_total_additional_fees_set", moneySet("0.50"));
        body.put("total_price", "51.68");
        IncomingOrder order = placed(body);
        assertEquals(usd("3.50"), order.totals().fees());
        assertEquals(usd("51.68"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_tip_alone_is_a_fee_and_counts_with_included_tax_too() {
        Map<String, Object> body = order();
        body.put("taxes_included", true);
        body.put("total_tip_received", "5.00");
        body.put("total_price", "49.98");
        IncomingOrder order = placed(body);
        assertEquals(usd("5.00"), order.totals().fees());
        assertEquals(usd("49.98"), order.totals().total());
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void a_total_that_does_not_add_up_is_held_with_both_numbers_and_the_declared_total_kept() {
        Map<String, Object> body = order();
        body.put("total_price", "48.17");
        IncomingOrder order = placed(body);
        assertEquals(List.of("total_price"), holdFields(order));
        String message = hold(order, "total_price");
        assertTrue(message.contains("48.17") && message.contains("48.18"), message);
        assertEquals(usd("48.17"), order.totals().total(), "what the buyer was charged");
        assertEquals(usd("44.99"), order.totals().subtotal());
        Order stored = stored(order);
        assertEquals(OrderStatus.ON_HOLD, stored.status());
        assertTrue(stored.statusReason().contains("total_price"), stored.statusReason());
    }

    @Test
    void more_decimals_than_the_currency_has_are_held() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("price", "12.505");
        body.put("total_tax", "3.2");
        IncomingOrder order = placed(body);
        assertEquals("line_items[0].price", holdFields(order).get(0), holdFields(order).toString());
        assertTrue(hold(order, "line_items[0].price").contains("decimal places"));
        assertFalse(holdFields(order).contains("total_tax"), "3.2 is 3.20");
        assertEquals(2, order.lines().size(), "the line is kept for the seller to fix");
    }

    // --- what cannot be read is held, never refused ----------------------------------------------

    @Test
    void every_unreadable_field_is_a_hold_named_at_once() {
        Map<String, Object> body = order();
        body.remove("id");
        body.remove("currency");
        body.put("email", "");
        body.remove("contact_email");
        obj(body.get("customer")).remove("email");
        obj(body.get("shipping_address")).remove("address1");
        obj(body.get("shipping_address")).put("zip", "");
        at(body.get("line_items"), 0).put("sku", "");
        at(body.get("line_items"), 1).remove("price");
        at(body.get("line_items"), 1).put("quantity", 0);
        body.remove("total_price");

        IncomingOrder order = placed(body);
        assertEquals(List.of("id", "currency", "line_items[0].sku", "line_items[1].quantity", "line_items[1].price",
                "shipping_address.address1", "total_price"), holdFields(order));
        assertTrue(hold(order, "line_items[0].sku").contains("no SKU"));
        assertNull(order.buyer().email(), "no email is no hold");
        assertNull(order.shipTo().postalCode(), "many countries have no postcode: no hold");
        assertEquals(OrderStatus.ON_HOLD, stored(order).status());
    }

    @Test
    void a_line_without_a_sku_is_kept_and_held_for_mapping() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).remove("sku");
        IncomingOrder order = placed(body);
        assertEquals(new OrderLine(null, "Blue mug", 2, usd("12.50"), MUG_VARIANT, "14820937461830"), order.lines().get(0));
        assertEquals(List.of("line_items[0].sku"), holdFields(order));
        assertTrue(hold(order, "line_items[0].sku").contains("no SKU"), hold(order, "line_items[0].sku"));
        assertEquals(usd("48.18"), order.totals().total(), "the line still counts");
        Order stored = stored(order);
        assertEquals(OrderStatus.ON_HOLD, stored.status());
        assertTrue(stored.statusReason().contains("line_items[0].sku"), stored.statusReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void a_blank_sku_is_no_sku(String sku) {
        Map<String, Object> body = order();
        at(body.get("line_items"), 1).put("sku", sku);
        IncomingOrder order = placed(body);
        assertNull(order.lines().get(1).sku());
        assertEquals(TEE_VARIANT, order.lines().get(1).ref(), "the mapping is remembered by the variant");
        assertTrue(hold(order, "line_items[1].sku").contains("no SKU"));
    }

    @Test
    void a_sku_is_whatever_the_seller_typed() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("sku", "MUG BLUE #2");
        at(body.get("line_items"), 1).put("sku", " tee/black (L) ");
        IncomingOrder order = placed(body);
        assertEquals("MUG BLUE #2", order.lines().get(0).sku());
        assertEquals("tee/black (L)", order.lines().get(1).sku(), "spaces around are stripped");
        assertEquals(List.of(), holdFields(order));
    }

    @Test
    void an_unusable_sku_is_kept_out_and_held_for_mapping() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("sku", "M".repeat(101));
        at(body.get("line_items"), 1).put("sku", "TEE\u0007BLACK");
        IncomingOrder order = placed(body);
        assertEquals(List.of("line_items[0].sku", "line_items[1].sku"), holdFields(order));
        assertTrue(hold(order, "line_items[0].sku").contains("not a usable SKU"), hold(order, "line_items[0].sku"));
        assertNull(order.lines().get(0).sku());
        assertNull(order.lines().get(1).sku());
        assertEquals(2, order.lines().size());
    }

    @Test
    void without_any_email_the_order_ships_and_a_note_says_why() {
        Map<String, Object> body = order();
        body.remove("email");
        body.remove("contact_email");
        obj(body.get("customer")).remove("email");
        IncomingOrder order = placed(body);
        assertNull(order.buyer().email());
        assertFalse(order.buyer().reachable());
        assertEquals("Ada Lovelace", order.buyer().name());
        assertEquals(List.of(), holdFields(order));
        assertTrue(anyNoteContains(order, "no buyer email"), order.intake().notes().toString());
        assertEquals(OrderStatus.READY, stored(order).status());
    }

    @Test
    void an_email_that_is_no_address_is_a_note_not_a_hold() {
        Map<String, Object> body = order();
        body.put("email", "not-an-address");
        IncomingOrder order = placed(body);
        assertNull(order.buyer().email());
        assertEquals(List.of(), holdFields(order));
        assertTrue(anyNoteContains(order, "not-an-address"), order.intake().notes().toString());
    }

    @Test
    void a_phone_only_checkout_is_named_by_its_phone_without_names() {
        Map<String, Object> body = order();
        body.remove("email");
        body.remove("contact_email");
        body.put("customer", null);
        body.put("phone", "+12175550142");
        Map<String, Object> ship = obj(body.get("shipping_address"));
        ship.remove("name");
        ship.remove("first_name");
        ship.remove("last_name");
        IncomingOrder order = placed(body);
        assertEquals(new Buyer("+12175550142", null), order.buyer());
        assertEquals(List.of("shipping_address.name"), holdFields(order), "a parcel needs a name on it");
    }

    @Test
    void a_physical_order_without_a_shipping_address_is_held() {
        Map<String, Object> body = order();
        body.remove("shipping_address");
        IncomingOrder order = placed(body);
        assertEquals(List.of("shipping_address"), holdFields(order));
        assertTrue(hold(order, "shipping_address").contains("add the shipping address"), hold(order, "shipping_address"));
        assertEquals(Address.NONE, order.shipTo());
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer());
    }

    @Test
    void an_order_of_digital_goods_needs_no_shipping_address() {
        Map<String, Object> body = order();
        body.remove("shipping_address");
        for (Object item : list(body.get("line_items"))) {
            obj(item).put("requires_shipping", false);
        }
        IncomingOrder order = placed(body);
        assertEquals(List.of(), holdFields(order));
        assertEquals(Address.NONE, order.shipTo());
    }

    @Test
    void one_physical_line_is_enough_to_need_an_address() {
        Map<String, Object> body = order();
        body.remove("shipping_address");
        at(body.get("line_items"), 0).put("requires_shipping", false);
        assertEquals(List.of("shipping_address"), holdFields(placed(body)));
    }

    @Test
    void a_payment_in_another_currency_is_a_note() {
        Map<String, Object> body = order();
        body.put("presentment_currency", "EUR");
        IncomingOrder order = placed(body);
        assertEquals("USD", order.currency());
        assertEquals(List.of(), holdFields(order));
        assertTrue(anyNoteContains(order, "EUR"), order.intake().notes().toString());
    }

    private static Map<String, Object> bag(String shop, String eur) {
        return Map.of("shop_money", Map.of("amount", shop, "currency_code", "USD"),
                "presentment_money", Map.of("amount", eur, "currency_code", "EUR"));
    }

    @Test
    void the_buyer_s_own_currency_is_kept_beside_the_shop_s_and_is_what_their_emails_show() {
        Map<String, Object> body = order();
        body.put("presentment_currency", "EUR");
        at(body.get("line_items"), 0).put("price_set", bag("12.50", "11.50"));
        at(body.get("line_items"), 1).put("price_set", bag("19.99", "18.40"));
        body.put("total_discounts_set", bag("5.00", "4.60"));
        body.put("total_shipping_price_set", bag("4.99", "4.60"));
        body.put("total_tax_set", bag("3.20", "2.95"));
        body.put("total_price_set", bag("48.18", "44.35"));
        IncomingOrder order = placed(body);
        assertEquals(usd("48.18"), order.totals().total(), "the order's own money is the shop's");
        Presentment paid = order.intake().presentment();
        assertEquals(Money.parse("44.35", "EUR"), paid.totals().total());
        assertEquals(Money.parse("41.40", "EUR"), paid.totals().subtotal());
        assertEquals(Money.zero("EUR"), paid.totals().fees(), "everything in the total is accounted for");
        var email = orderflow.shared.email.OrderEmails.confirmation(stored(order).confirmed(
                java.time.Instant.parse("2026-12-03T23:59:59Z"), java.time.Instant.parse("2026-12-08T23:59:59Z")),
                new orderflow.shared.domain.Seller("s", "Shop", "o@shop.example", "o@shop.example", "o@shop.example", 2,
                        java.time.ZoneId.of("UTC")));
        assertEquals("€44.35", email.data().get("total"));
        assertTrue(String.valueOf(email.data().get("lines")).contains("€23.00"), String.valueOf(email.data().get("lines")));

        body.remove("total_tax_set"); // one amount missing: shop money everywhere, never a guess
        assertNull(placed(body).intake().presentment());
    }

    @Test
    void an_order_with_no_lines_is_held() {
        Map<String, Object> body = order();
        body.put("line_items", List.of());
        body.put("total_price", "0.00");
        IncomingOrder order = placed(body);
        assertTrue(holdFields(order).contains("line_items"), holdFields(order).toString());
        assertEquals(List.of(), order.lines());
    }

    @Test
    void a_body_that_is_not_an_order_at_all_is_held_not_refused() {
        Map<String, Object> body = new HashMap<>();
        body.put("line_items", "nope");
        IncomingOrder order = placed(body);
        assertTrue(order.intake().held());
        assertTrue(holdFields(order).containsAll(List.of("id", "currency", "line_items", "total_price")),
                holdFields(order).toString());
        assertEquals(OrderStatus.ON_HOLD, stored(order).status());
    }
}
