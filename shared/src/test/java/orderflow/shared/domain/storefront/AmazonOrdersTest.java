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
import orderflow.shared.domain.Totals;

class AmazonOrdersTest {

    private static final List<String> PRICE_KEYS = List.of("ItemPrice", "ShippingPrice", "ItemTax", "ShippingTax",
            "ShippingDiscount", "ShippingDiscountTax", "PromotionDiscount", "PromotionDiscountTax");

    /** The getOrder response's payload. */
    private static Map<String, Object> order() {
        return obj(load("spapi-get-order.json").get("payload"));
    }

    /** The getOrderItems response's payload. */
    private static Map<String, Object> items() {
        return obj(load("spapi-get-order-items.json").get("payload"));
    }

    private static Map<String, Object> item(Map<String, Object> items, int i) {
        return at(items.get("OrderItems"), i);
    }

    private static Map<String, Object> money(String amount) {
        return new HashMap<>(Map.of("CurrencyCode", "USD", "Amount", amount));
    }

    private static Order stored(IncomingOrder order) {
        return order.toOrder("sf-amazon", "seller-1", Instant.parse("2026-11-27T15:00:00Z"));
    }

    /** As documented: while Pending, getOrderItems has no prices and getOrder no OrderTotal. */
    private static Map<String, Object> withoutPrices(Map<String, Object> items) {
        for (Object item : list(items.get("OrderItems"))) {
            PRICE_KEYS.forEach(obj(item)::remove);
        }
        return items;
    }

    // --- a good order ---------------------------------------------------------------------------

    @Test
    void an_unshipped_order_becomes_an_order_to_the_cent() {
        IncomingOrder order = AmazonOrders.toIncoming(order(), items());

        assertEquals("112-7039465-5120256", order.externalOrderId());
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), order.createdAt());
        assertTrue(order.paid());
        assertEquals("USD", order.currency());
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer());
        assertEquals(new Address("Ada Lovelace", "12 Analytical Way", "Apt 3", "Springfield", "IL", "62701-1234", "US"),
                order.shipTo());
        // ItemPrice is for the whole quantity: 25.00 for two mugs is 12.50 each. The ref is the ASIN.
        // lineId: the OrderItemId, by which confirmShipment names the line
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Orderflow Blue Ceramic Mug, 12 oz", 2, usd("12.50"), "B0DQ7RMUG1",
                        "68254930718442"),
                new OrderLine("TEE-BLACK-L", "Orderflow Classic Black T-Shirt, Large", 1, usd("19.99"), "B0DQ7RTEEL",
                        "68254930718466")),
                order.lines());
        // The promotion on the tee is the order's discount; shipping and tax are the items' sums.
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00"), usd("0.00"), false),
                order.totals());
        assertEquals(List.of(), order.intake().holds());
        assertEquals(List.of(), order.intake().notes());
        assertEquals("112-7039465-5120256", order.intake().displayNumber());
        assertEquals(OrderStatus.READY, stored(order).status());
    }

    @Test
    void the_latest_ship_and_delivery_dates_are_the_marketplace_s() {
        Map<String, Object> order = order();
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(Instant.parse("2026-11-30T07:59:59Z"), incoming.intake().marketplaceShipBy());
        assertEquals(Instant.parse("2026-12-05T07:59:59Z"), incoming.intake().marketplaceDeliverBy());

        order.remove("LatestShipDate");
        order.remove("LatestDeliveryDate");
        incoming = AmazonOrders.toIncoming(order, items());
        assertNull(incoming.intake().marketplaceShipBy());
        assertNull(incoming.intake().marketplaceDeliverBy());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> order = order();
        order.put("SomethingAmazonAddsLater", Map.of("Deep", List.of("x")));
        Map<String, Object> items = items();
        item(items, 0).put("AnotherNewField", true);
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        assertEquals(usd("48.18"), incoming.totals().total());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void amazon_fulfilled_orders_are_recognised() {
        Map<String, Object> order = order();
        assertFalse(AmazonOrders.isAmazonFulfilled(order));
        order.put("FulfillmentChannel", "AFN");
        assertTrue(AmazonOrders.isAmazonFulfilled(order));
        assertFalse(AmazonOrders.isAmazonFulfilled(null));
    }

    // --- money ----------------------------------------------------------------------------------

    @Test
    void shipping_tax_and_shipping_discounts_count() {
        Map<String, Object> items = items();
        item(items, 0).put("ShippingTax", money("0.40"));
        item(items, 0).put("ShippingDiscount", money("1.00"));
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "47.58");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        Totals totals = incoming.totals();
        assertEquals(usd("3.60"), totals.tax());
        assertEquals(usd("6.00"), totals.discount());
        assertEquals(usd("47.58"), totals.total());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void every_tax_discount_and_fee_counts_once() {
        Map<String, Object> items = items();
        Map<String, Object> mug = item(items, 0);
        mug.put("ShippingTax", money("0.40"));
        mug.put("ShippingDiscount", money("1.00"));
        mug.put("ShippingDiscountTax", money("0.08"));
        mug.put("GiftWrapPrice", money("3.00"));
        mug.put("GiftWrapTax", money("0.24"));
        mug.put("CODFee", money("2.00"));
        mug.put("CODFeeDiscount", money("0.50"));
        item(items, 1).put("PromotionDiscountTax", money("0.10"));
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "52.14");

        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        Totals totals = incoming.totals();
        assertEquals(usd("3.66"), totals.tax(), "2.00 + 1.20 + 0.40 + 0.24 - 0.08 - 0.10");
        assertEquals(usd("6.00"), totals.discount(), "PromotionDiscount 5.00 + ShippingDiscount 1.00");
        assertEquals(usd("4.50"), totals.fees(), "GiftWrapPrice 3.00 + CODFee 2.00 - CODFeeDiscount 0.50");
        assertEquals(usd("4.99"), totals.shipping());
        assertEquals(usd("44.99"), totals.subtotal());
        assertEquals(usd("52.14"), totals.total(), "44.99 + 4.99 + 4.50 - 6.00 + 3.66");
        assertFalse(totals.taxIncluded());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void gift_wrap_is_read_from_the_item_s_buyer_info_as_the_orders_model_has_it() {
        Map<String, Object> items = items();
        Map<String, Object> buyerInfo = new HashMap<>();
        buyerInfo.put("GiftWrapPrice", money("3.00"));
        buyerInfo.put("GiftWrapTax", money("0.24"));
        buyerInfo.put("GiftWrapLevel", "Classic");
        buyerInfo.put("GiftMessageText", "Happy birthday!");
        item(items, 1).put("BuyerInfo", buyerInfo);
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "51.42");

        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        assertEquals(usd("3.00"), incoming.totals().fees());
        assertEquals(usd("3.44"), incoming.totals().tax(), "3.20 + the gift wrap's 0.24");
        assertEquals(usd("51.42"), incoming.totals().total(), "48.18 + 3.00 + 0.24");
        assertEquals(List.of(), holdFields(incoming));

        buyerInfo.put("GiftWrapPrice", money("3.001"));
        incoming = AmazonOrders.toIncoming(order, items);
        assertEquals("OrderItems[1].BuyerInfo.GiftWrapPrice.Amount", holdFields(incoming).get(0),
                holdFields(incoming).toString());
    }

    @Test
    void a_total_that_does_not_add_up_is_held_with_both_numbers_and_the_declared_total_kept() {
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "53.18");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("OrderTotal.Amount"), holdFields(incoming));
        String message = hold(incoming, "OrderTotal.Amount");
        assertTrue(message.contains("53.18") && message.contains("48.18"), message);
        assertEquals(usd("53.18"), incoming.totals().total());
        assertEquals(OrderStatus.ON_HOLD, stored(incoming).status());
    }

    @Test
    void more_decimals_than_the_currency_has_are_held() {
        Map<String, Object> items = items();
        item(items, 0).put("ItemTax", money("2.005"));
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals("OrderItems[0].ItemTax.Amount", holdFields(incoming).get(0), holdFields(incoming).toString());
        assertTrue(hold(incoming, "OrderItems[0].ItemTax.Amount").contains("decimal places"));
    }

    @Test
    void an_item_price_must_split_into_whole_cents_per_unit() {
        Map<String, Object> items = items();
        item(items, 0).put("ItemPrice", money("25.01"));
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "48.19");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        assertEquals("OrderItems[0].ItemPrice.Amount", holdFields(incoming).get(0), holdFields(incoming).toString());
        assertTrue(hold(incoming, "OrderItems[0].ItemPrice.Amount").contains("25.01"));
        assertEquals(2, incoming.lines().size(), "the line is kept for the seller");
    }

    @Test
    void money_in_another_currency_is_held() {
        Map<String, Object> items = items();
        item(items, 1).put("ItemPrice", Map.of("CurrencyCode", "CAD", "Amount", "19.99"));
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals("OrderItems[1].ItemPrice.CurrencyCode", holdFields(incoming).get(0), holdFields(incoming).toString());
        assertTrue(hold(incoming, "OrderItems[1].ItemPrice.CurrencyCode").contains("CAD"));
    }

    // --- status ---------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"Pending,false", "PendingAvailability,false", "Unshipped,true", "PartiallyShipped,true", "Shipped,true",
            "InvoiceUnconfirmed,true"})
    void order_status_decides_paid(String status, boolean paid) {
        Map<String, Object> order = order();
        order.put("OrderStatus", status);
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(paid, incoming.paid());
        assertEquals(List.of(), holdFields(incoming));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Canceled", "Unfulfillable"})
    void an_order_in_a_status_we_do_not_ship_is_held_not_refused(String status) {
        Map<String, Object> order = order();
        order.put("OrderStatus", status);
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("OrderStatus"), holdFields(incoming));
        assertTrue(hold(incoming, "OrderStatus").contains(status), hold(incoming, "OrderStatus"));
        assertFalse(incoming.paid());
        assertEquals(OrderStatus.ON_HOLD, stored(incoming).status());
    }

    @Test
    void a_missing_order_status_is_held() {
        Map<String, Object> order = order();
        order.remove("OrderStatus");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("OrderStatus"), holdFields(incoming));
        assertTrue(hold(incoming, "OrderStatus").contains("absent"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pending", "PendingAvailability"})
    void a_pending_order_without_prices_waits_without_a_hold(String status) {
        Map<String, Object> order = order();
        order.put("OrderStatus", status);
        order.remove("OrderTotal");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, withoutPrices(items()));

        assertEquals(List.of(), holdFields(incoming));
        assertFalse(incoming.paid());
        assertFalse(incoming.shippable());
        assertEquals(List.of("MUG-BLUE", "TEE-BLACK-L"), incoming.lines().stream().map(OrderLine::sku).toList());
        assertEquals(List.of(2, 1), incoming.lines().stream().map(OrderLine::quantity).toList());
        assertTrue(incoming.lines().stream().allMatch(l -> l.unitPrice().minor() == 0), incoming.lines().toString());
        assertEquals(0, incoming.totals().total().minor());
        assertTrue(anyNoteContains(incoming, "prices"), incoming.intake().notes().toString());
        assertEquals(OrderStatus.PENDING, stored(incoming).status());
    }

    @Test
    void a_pending_order_with_prices_takes_the_items_currency() {
        Map<String, Object> order = order();
        order.put("OrderStatus", "Pending");
        order.remove("OrderTotal");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals("USD", incoming.currency());
        assertEquals(usd("12.50"), incoming.lines().get(0).unitPrice());
        assertEquals(usd("48.18"), incoming.totals().total());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void a_pending_order_may_leave_out_the_address_lines() {
        Map<String, Object> order = order();
        order.put("OrderStatus", "Pending");
        obj(order.get("ShippingAddress")).remove("Name");
        obj(order.get("ShippingAddress")).remove("AddressLine1");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of(), holdFields(incoming));
        assertNull(incoming.shipTo().line1());
    }

    @Test
    void an_unshipped_order_without_a_total_is_held() {
        Map<String, Object> order = order();
        order.remove("OrderTotal");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("OrderTotal"), holdFields(incoming));
        assertEquals("USD", incoming.currency(), "the items' currency");
        assertEquals(usd("48.18"), incoming.totals().total(), "the items' sum");
    }

    // --- restricted data --------------------------------------------------------------------------

    @Test
    void without_a_restricted_data_token_the_address_is_held_and_the_email_is_a_note() {
        Map<String, Object> order = order();
        order.remove("BuyerInfo");
        Map<String, Object> address = obj(order.get("ShippingAddress"));
        address.remove("Name");
        address.remove("AddressLine1");
        address.remove("AddressLine2");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("ShippingAddress.Name", "ShippingAddress.AddressLine1"), holdFields(incoming));
        assertTrue(hold(incoming, "ShippingAddress.Name").contains("Restricted Data Token"));
        assertTrue(hold(incoming, "ShippingAddress.AddressLine1").contains("Seller Central"));
        assertEquals(new Buyer("Amazon buyer", null), incoming.buyer());
        assertTrue(anyNoteContains(incoming, "email"), incoming.intake().notes().toString());
        assertEquals(OrderStatus.ON_HOLD, stored(incoming).status());
    }

    @Test
    void a_hidden_buyer_email_alone_ships_with_a_note_and_no_hold() {
        Map<String, Object> order = order();
        obj(order.get("BuyerInfo")).remove("BuyerEmail");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(new Buyer("Ada Lovelace", null), incoming.buyer());
        assertEquals(List.of(), holdFields(incoming));
        assertTrue(anyNoteContains(incoming, "email"), incoming.intake().notes().toString());
        assertEquals(OrderStatus.READY, stored(incoming).status());
    }

    @Test
    void a_missing_buyer_name_falls_back_to_the_ship_to_name() {
        Map<String, Object> order = order();
        obj(order.get("BuyerInfo")).remove("BuyerName");
        obj(order.get("ShippingAddress")).put("Name", "A. Lovelace");
        assertEquals(new Buyer("A. Lovelace", "ada@example.com"), AmazonOrders.toIncoming(order, items()).buyer());
    }

    @Test
    void an_unshipped_order_without_a_shipping_address_is_held() {
        Map<String, Object> order = order();
        order.remove("ShippingAddress");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertEquals(List.of("ShippingAddress"), holdFields(incoming));
        assertEquals(Address.NONE, incoming.shipTo());
    }

    // --- items ----------------------------------------------------------------------------------

    @Test
    void every_unreadable_field_is_a_hold_named_at_once() {
        Map<String, Object> order = order();
        order.remove("AmazonOrderId");
        obj(order.get("ShippingAddress")).remove("City");
        obj(order.get("ShippingAddress")).put("CountryCode", "USA");
        Map<String, Object> items = items();
        item(items, 0).remove("SellerSKU");
        item(items, 1).remove("QuantityOrdered");
        item(items, 1).put("ItemTax", money("-1.20"));
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items);
        assertEquals(List.of("AmazonOrderId", "ShippingAddress.CountryCode", "OrderItems[0].SellerSKU",
                "OrderItems[1].QuantityOrdered", "OrderItems[1].ItemTax.Amount", "OrderTotal.Amount"),
                holdFields(incoming), "the city is not required; the lost line leaves the total short");
        assertNull(incoming.externalOrderId());
        assertNull(incoming.shipTo().city());
        assertEquals(OrderStatus.ON_HOLD, stored(incoming).status());
    }

    @Test
    void an_item_without_a_seller_sku_is_kept_and_held_for_mapping() {
        Map<String, Object> items = items();
        item(items, 0).remove("SellerSKU");
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals(new OrderLine(null, "Orderflow Blue Ceramic Mug, 12 oz", 2, usd("12.50"), "B0DQ7RMUG1", "68254930718442"),
                incoming.lines().get(0));
        assertEquals(List.of("OrderItems[0].SellerSKU"), holdFields(incoming));
        assertTrue(hold(incoming, "OrderItems[0].SellerSKU").contains("no SKU"));
        assertEquals(usd("48.18"), incoming.totals().total());
    }

    @Test
    void a_seller_sku_with_spaces_is_valid() {
        Map<String, Object> items = items();
        item(items, 0).put("SellerSKU", "MUG BLUE #2");
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals("MUG BLUE #2", incoming.lines().get(0).sku());
        assertEquals(List.of(), holdFields(incoming));
    }

    @Test
    void an_unreadable_marketplace_date_is_held_not_dropped() {
        Map<String, Object> order = order();
        order.put("LatestShipDate", "next tuesday");
        IncomingOrder incoming = AmazonOrders.toIncoming(order, items());
        assertNull(incoming.intake().marketplaceShipBy());
        assertEquals(List.of("LatestShipDate"), holdFields(incoming));
    }

    @Test
    void an_order_whose_every_item_was_canceled_is_held_not_shipped_empty() {
        Map<String, Object> items = items();
        for (Object item : list(items.get("OrderItems"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            m.put("QuantityOrdered", 0);
        }
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertTrue(incoming.lines().isEmpty());
        assertTrue(holdFields(incoming).contains("OrderItems"), String.valueOf(holdFields(incoming)));
        assertEquals(OrderStatus.ON_HOLD, stored(incoming).status());
    }

    @Test
    void items_ordered_zero_times_are_left_out() {
        Map<String, Object> items = items();
        Map<String, Object> canceled = new HashMap<>();
        canceled.put("ASIN", "B0DQ7RCAN0");
        canceled.put("OrderItemId", "68254930718499");
        canceled.put("Title", "Canceled before payment");
        canceled.put("QuantityOrdered", 0);
        canceled.put("ItemPrice", money("9.99"));
        canceled.put("ShippingPrice", money("1.00"));
        list(items.get("OrderItems")).add(canceled);

        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals(List.of("MUG-BLUE", "TEE-BLACK-L"), incoming.lines().stream().map(OrderLine::sku).toList());
        assertEquals(usd("48.18"), incoming.totals().total(), "nothing of it is counted");
        assertEquals(List.of(), holdFields(incoming), "not even its missing SellerSKU");
    }

    @Test
    void items_must_be_complete_and_of_this_order() {
        Map<String, Object> items = items();
        items.put("NextToken", "MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=");
        items.put("AmazonOrderId", "112-0000000-0000000");
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertEquals(List.of("AmazonOrderId", "NextToken"), holdFields(incoming));
        assertTrue(hold(incoming, "AmazonOrderId").contains("112-0000000-0000000"));
    }

    @Test
    void no_items_at_all_is_held() {
        Map<String, Object> items = items();
        items.remove("OrderItems");
        IncomingOrder incoming = AmazonOrders.toIncoming(order(), items);
        assertTrue(holdFields(incoming).contains("OrderItems"), holdFields(incoming).toString());
        assertEquals(List.of(), incoming.lines());

        IncomingOrder nothing = AmazonOrders.toIncoming(null, null);
        assertTrue(nothing.intake().held(), "null payloads are held, not an exception");
    }
}
