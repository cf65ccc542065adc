package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.errors;
import static orderflow.shared.domain.storefront.StorefrontFixtures.fields;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.message;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

class AmazonOrdersTest {

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
        return new java.util.HashMap<>(Map.of("CurrencyCode", "USD", "Amount", amount));
    }

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
        // ItemPrice is for the whole quantity: 25.00 for two mugs is 12.50 each.
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Orderflow Blue Ceramic Mug, 12 oz", 2, usd("12.50")),
                new OrderLine("TEE-BLACK-L", "Orderflow Classic Black T-Shirt, Large", 1, usd("19.99"))), order.lines());
        // The promotion on the tee is the order's discount; shipping and tax are the items' sums.
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00")), order.totals());
    }

    @Test
    void shipping_tax_and_shipping_discounts_count() {
        Map<String, Object> items = items();
        item(items, 0).put("ShippingTax", money("0.40"));
        item(items, 0).put("ShippingDiscount", money("1.00"));
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "47.58");
        Totals totals = AmazonOrders.toIncoming(order, items).totals();
        assertEquals(usd("3.60"), totals.tax());
        assertEquals(usd("6.00"), totals.discount());
        assertEquals(usd("47.58"), totals.total());
    }

    @ParameterizedTest
    @CsvSource({"Pending,false", "PendingAvailability,false", "Unshipped,true", "PartiallyShipped,true", "Shipped,true",
            "InvoiceUnconfirmed,true"})
    void order_status_decides_paid(String status, boolean paid) {
        Map<String, Object> order = order();
        order.put("OrderStatus", status);
        assertEquals(paid, AmazonOrders.toIncoming(order, items()).paid());
    }

    @Test
    void a_canceled_order_is_refused() {
        Map<String, Object> order = order();
        order.put("OrderStatus", "Canceled");
        assertEquals(List.of("OrderStatus"), fields(() -> AmazonOrders.toIncoming(order, items())));
        order.put("OrderStatus", "Unfulfillable");
        assertEquals(List.of("OrderStatus"), fields(() -> AmazonOrders.toIncoming(order, items())));
    }

    @Test
    void a_pending_order_without_prices_says_to_fetch_again_later() {
        // As documented: while Pending, getOrderItems has no prices and getOrder no OrderTotal.
        Map<String, Object> order = order();
        order.put("OrderStatus", "Pending");
        order.remove("OrderTotal");
        Map<String, Object> items = items();
        for (int i = 0; i < 2; i++) {
            for (String key : List.of("ItemPrice", "ShippingPrice", "ItemTax", "ShippingTax", "ShippingDiscount",
                    "ShippingDiscountTax", "PromotionDiscount", "PromotionDiscountTax")) {
                item(items, i).remove(key);
            }
        }
        List<FieldError> errors = errors(() -> AmazonOrders.toIncoming(order, items));
        assertEquals(List.of("OrderTotal", "OrderItems[0].ItemPrice", "OrderItems[1].ItemPrice"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(message(errors, "OrderItems[0].ItemPrice").contains("Unshipped"));
    }

    @Test
    void without_a_restricted_data_token_the_pii_is_missing_and_named() {
        Map<String, Object> order = order();
        order.remove("BuyerInfo");
        Map<String, Object> address = obj(order.get("ShippingAddress"));
        address.remove("Name");
        address.remove("AddressLine1");
        address.remove("AddressLine2");
        List<FieldError> errors = errors(() -> AmazonOrders.toIncoming(order, items()));
        assertEquals(List.of("ShippingAddress.Name", "ShippingAddress.AddressLine1", "BuyerInfo.BuyerEmail"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(message(errors, "BuyerInfo.BuyerEmail").contains("Restricted Data Token"));
    }

    @Test
    void a_missing_buyer_name_falls_back_to_the_ship_to_name() {
        Map<String, Object> order = order();
        obj(order.get("BuyerInfo")).remove("BuyerName");
        obj(order.get("ShippingAddress")).put("Name", "A. Lovelace");
        assertEquals(new Buyer("A. Lovelace", "ada@example.com"), AmazonOrders.toIncoming(order, items()).buyer());
    }

    @Test
    void every_missing_field_is_named_at_once() {
        Map<String, Object> order = order();
        order.remove("AmazonOrderId");
        obj(order.get("ShippingAddress")).remove("City");
        obj(order.get("ShippingAddress")).put("CountryCode", "USA");
        Map<String, Object> items = items();
        item(items, 0).remove("SellerSKU");
        item(items, 1).remove("QuantityOrdered");
        item(items, 1).put("ItemTax", money("-1.20"));
        List<String> fields = fields(() -> AmazonOrders.toIncoming(order, items));
        assertEquals(List.of("AmazonOrderId", "ShippingAddress.City", "ShippingAddress.CountryCode",
                "OrderItems[0].SellerSKU", "OrderItems[1].QuantityOrdered", "OrderItems[1].ItemTax.Amount"), fields);
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> order = order();
        order.put("SomethingAmazonAddsLater", Map.of("Deep", List.of("x")));
        Map<String, Object> items = items();
        item(items, 0).put("AnotherNewField", true);
        assertEquals(usd("48.18"), AmazonOrders.toIncoming(order, items).totals().total());
    }

    @Test
    void a_total_that_does_not_add_up_is_refused_with_both_numbers() {
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "53.18");
        List<FieldError> errors = errors(() -> AmazonOrders.toIncoming(order, items()));
        String message = message(errors, "OrderTotal.Amount");
        assertTrue(message.contains("53.18") && message.contains("48.18"), message);
    }

    @Test
    void more_decimals_than_the_currency_has_are_refused() {
        Map<String, Object> items = items();
        item(items, 0).put("ItemTax", money("2.005"));
        assertEquals(List.of("OrderItems[0].ItemTax.Amount"), fields(() -> AmazonOrders.toIncoming(order(), items)));
    }

    @Test
    void an_item_price_must_split_into_whole_cents_per_unit() {
        Map<String, Object> items = items();
        item(items, 0).put("ItemPrice", money("25.01"));
        Map<String, Object> order = order();
        obj(order.get("OrderTotal")).put("Amount", "48.19");
        assertEquals(List.of("OrderItems[0].ItemPrice.Amount"), fields(() -> AmazonOrders.toIncoming(order, items)));
    }

    @Test
    void money_in_another_currency_is_refused() {
        Map<String, Object> items = items();
        item(items, 1).put("ItemPrice", Map.of("CurrencyCode", "CAD", "Amount", "19.99"));
        assertEquals(List.of("OrderItems[1].ItemPrice.CurrencyCode"), fields(() -> AmazonOrders.toIncoming(order(), items)));
    }

    @Test
    void items_must_be_complete_and_of_this_order() {
        Map<String, Object> items = items();
        items.put("NextToken", "MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=");
        items.put("AmazonOrderId", "112-0000000-0000000");
        assertEquals(List.of("AmazonOrderId", "NextToken"), fields(() -> AmazonOrders.toIncoming(order(), items)));
    }

    @Test
    void amazon_fulfilled_orders_are_recognised() {
        Map<String, Object> order = order();
        assertFalse(AmazonOrders.isAmazonFulfilled(order));
        order.put("FulfillmentChannel", "AFN");
        assertTrue(AmazonOrders.isAmazonFulfilled(order));
        assertFalse(AmazonOrders.isAmazonFulfilled(null));
    }
}
