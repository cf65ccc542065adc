package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.errors;
import static orderflow.shared.domain.storefront.StorefrontFixtures.fields;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.message;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

class ShopifyWebhooksTest {

    private static Map<String, Object> order() {
        return load("shopify-orders-create.json");
    }

    private static IncomingOrder placed(String topic, Map<String, Object> body) {
        return assertInstanceOf(StorefrontEvent.Placed.class, ShopifyWebhooks.parse(topic, body)).order();
    }

    private static IncomingOrder placed(Map<String, Object> body) {
        return placed(ShopifyWebhooks.ORDERS_CREATE, body);
    }

    @Test
    void orders_create_becomes_an_order_to_the_cent() {
        IncomingOrder order = placed(order());

        assertEquals("5923847102534", order.externalOrderId(), "the numeric id, not the name #1001");
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), order.createdAt());
        assertTrue(order.paid());
        assertEquals("USD", order.currency());
        assertEquals(new Buyer("Ada Lovelace", "ada@example.com"), order.buyer());
        assertEquals(new Address("Ada Lovelace", "12 Analytical Way", "Apt 3", "Springfield", "IL", "62701", "US"),
                order.shipTo());
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Blue mug", 2, usd("12.50")),
                new OrderLine("TEE-BLACK-L", "Black tee", 1, usd("19.99"))), order.lines());
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00")), order.totals());
    }

    @Test
    void the_discount_is_taken_off_once() {
        Map<String, Object> body = order();
        body.put("total_discounts", "0.00");
        body.put("total_price", "53.18");
        Totals totals = placed(body).totals();
        assertEquals(usd("0.00"), totals.discount());
        assertEquals(usd("53.18"), totals.total());
    }

    @Test
    void orders_paid_is_an_order_too() {
        assertEquals("5923847102534", placed(ShopifyWebhooks.ORDERS_PAID, order()).externalOrderId());
    }

    @ParameterizedTest
    @CsvSource({"paid,true", "authorized,true", "pending,false", "partially_paid,false", "partially_refunded,false"})
    void financial_status_decides_paid(String status, boolean paid) {
        Map<String, Object> body = order();
        body.put("financial_status", status);
        assertEquals(paid, placed(body).paid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"voided", "expired", "refunded"})
    void orders_that_will_never_be_paid_are_ignored(String status) {
        Map<String, Object> body = order();
        body.put("financial_status", status);
        var ignored = assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse("orders/create", body));
        assertTrue(ignored.why().contains(status), ignored.why());
    }

    @Test
    void a_cancel_by_the_customer_is_buyer_requested() {
        Map<String, Object> body = order();
        body.put("cancelled_at", "2026-11-27T10:00:00-05:00");
        body.put("cancel_reason", "customer");
        assertEquals(new StorefrontEvent.Canceled("5923847102534", true, "shopify: customer"),
                ShopifyWebhooks.parse("orders/cancelled", body));

        body.put("cancel_reason", "inventory");
        assertEquals(new StorefrontEvent.Canceled("5923847102534", false, "shopify: inventory"),
                ShopifyWebhooks.parse("orders/cancelled", body));
    }

    @Test
    void a_cancel_needs_the_order_id() {
        assertEquals(List.of("id"), fields(() -> ShopifyWebhooks.parse("orders/cancelled", Map.of("cancel_reason", "fraud"))));
    }

    @Test
    void other_topics_are_ignored() {
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse("orders/fulfilled", order()));
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse("products/update", Map.of()));
        assertInstanceOf(StorefrontEvent.Ignored.class, ShopifyWebhooks.parse(null, order()));
    }

    @Test
    void every_missing_field_is_named_at_once() {
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

        List<FieldError> errors = errors(() -> ShopifyWebhooks.parse("orders/create", body));
        assertEquals(List.of("id", "currency", "email", "shipping_address.address1", "shipping_address.zip",
                "line_items[0].sku", "line_items[1].quantity", "line_items[1].price", "total_price"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(message(errors, "line_items[0].sku").contains("SKU to reserve stock"));
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> body = order();
        body.put("brand_new_field", Map.of("nested", List.of(1, 2, 3)));
        at(body.get("line_items"), 0).put("another_new_field", true);
        obj(body.get("shipping_address")).put("what3words", "index.home.raft");
        assertEquals(usd("48.18"), placed(body).totals().total());
    }

    @Test
    void a_total_that_does_not_add_up_is_refused_with_both_numbers() {
        Map<String, Object> body = order();
        body.put("total_price", "48.17");
        List<FieldError> errors = errors(() -> ShopifyWebhooks.parse("orders/create", body));
        assertEquals(List.of("total_price"), errors.stream().map(FieldError::field).toList());
        String message = message(errors, "total_price");
        assertTrue(message.contains("48.17") && message.contains("48.18"), message);
    }

    @Test
    void more_decimals_than_the_currency_has_are_refused() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("price", "12.505");
        body.put("total_tax", "3.2");
        List<FieldError> errors = errors(() -> ShopifyWebhooks.parse("orders/create", body));
        assertEquals(List.of("line_items[0].price"), errors.stream().map(FieldError::field).toList());
        assertTrue(message(errors, "line_items[0].price").contains("decimal places"));
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
    }

    @Test
    void shipping_comes_from_the_shipping_price_set_without_shipping_lines() {
        Map<String, Object> body = order();
        body.remove("shipping_lines");
        assertEquals(usd("4.99"), placed(body).totals().shipping());
    }

    @Test
    void titles_are_for_display_and_never_refuse_an_order() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("title", "Blue\tmug " + "x".repeat(600));
        at(body.get("line_items"), 1).remove("title");
        List<OrderLine> lines = placed(body).lines();
        assertEquals(500, lines.get(0).title().length());
        assertTrue(lines.get(0).title().startsWith("Blue mug x"));
        assertEquals("Black tee - L", lines.get(1).title(), "name when there is no title");
    }

    @Test
    void tax_inclusive_orders_and_bad_skus_are_refused() {
        Map<String, Object> body = order();
        body.put("taxes_included", true);
        at(body.get("line_items"), 1).put("sku", "TEE BLACK L");
        assertEquals(List.of("taxes_included", "line_items[1].sku"), fields(() -> ShopifyWebhooks.parse("orders/create", body)));
    }
}
