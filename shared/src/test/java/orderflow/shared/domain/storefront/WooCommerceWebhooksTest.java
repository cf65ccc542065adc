package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.StorefrontFixtures.at;
import static orderflow.shared.domain.storefront.StorefrontFixtures.errors;
import static orderflow.shared.domain.storefront.StorefrontFixtures.fields;
import static orderflow.shared.domain.storefront.StorefrontFixtures.list;
import static orderflow.shared.domain.storefront.StorefrontFixtures.load;
import static orderflow.shared.domain.storefront.StorefrontFixtures.message;
import static orderflow.shared.domain.storefront.StorefrontFixtures.obj;
import static orderflow.shared.domain.storefront.StorefrontFixtures.text;
import static orderflow.shared.domain.storefront.StorefrontFixtures.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import orderflow.shared.json.Json;

class WooCommerceWebhooksTest {

    private static Map<String, Object> order() {
        return load("woocommerce-order-created.json");
    }

    private static IncomingOrder placed(Map<String, Object> body) {
        return assertInstanceOf(StorefrontEvent.Placed.class,
                WooCommerceWebhooks.parse(WooCommerceWebhooks.ORDER_CREATED, body)).order();
    }

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
        assertEquals(List.of(new OrderLine("MUG-BLUE", "Blue mug", 2, usd("12.50")),
                new OrderLine("TEE-BLACK-L", "Black tee - L", 1, usd("19.99"))), order.lines());
        assertEquals(new Totals(usd("44.99"), usd("4.99"), usd("3.20"), usd("48.18"), usd("5.00")), order.totals());
    }

    @ParameterizedTest
    @CsvSource({"pending,false", "on-hold,false", "processing,true", "completed,true"})
    void status_decides_paid(String status, boolean paid) {
        Map<String, Object> body = order();
        body.put("status", status);
        assertEquals(paid, placed(body).paid());
    }

    @Test
    void order_updated_is_read_the_same_way() {
        Map<String, Object> body = order();
        body.put("status", "on-hold");
        var placed = assertInstanceOf(StorefrontEvent.Placed.class, WooCommerceWebhooks.parse("order.updated", body));
        assertEquals("4217", placed.order().externalOrderId());
    }

    @Test
    void cancelled_and_failed_orders_are_cancellations() {
        Map<String, Object> body = order();
        body.put("status", "cancelled");
        assertEquals(new StorefrontEvent.Canceled("4217", false, "woocommerce: cancelled"),
                WooCommerceWebhooks.parse("order.updated", body));
        body.put("status", "failed");
        assertEquals(new StorefrontEvent.Canceled("4217", false, "woocommerce: payment failed"),
                WooCommerceWebhooks.parse("order.updated", body));
        assertEquals(List.of("id"), fields(() -> WooCommerceWebhooks.parse("order.updated", Map.of("status", "cancelled"))));
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
    void other_topics_are_ignored() {
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("order.deleted", order()));
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse("product.created", Map.of()));
        assertInstanceOf(StorefrontEvent.Ignored.class, WooCommerceWebhooks.parse(null, order()));
    }

    @Test
    void date_created_without_gmt_is_taken_as_utc() {
        Map<String, Object> body = order();
        body.remove("date_created_gmt");
        assertEquals(Instant.parse("2026-11-27T08:05:00Z"), placed(body).createdAt());
        body.put("date_created", "2026-11-27T08:05:00-06:00");
        assertEquals(Instant.parse("2026-11-27T14:05:00Z"), placed(body).createdAt());
    }

    @Test
    void a_float_price_is_never_the_unit_price() {
        // What PHP's json_encode writes for (53.97 - 0.00) / 3 as a float, read by production's parser.
        String json = text("woocommerce-order-created.json").replace("\"price\": 11.115", "\"price\": 17.990000000000002")
                .replace("\"quantity\": 2", "\"quantity\": 3").replace("\"subtotal\": \"25.00\"", "\"subtotal\": \"53.97\"")
                .replace("\"total\": \"48.18\"", "\"total\": \"77.15\"");
        Map<String, Object> body = Json.parseObject(json);
        assertInstanceOf(BigDecimal.class, at(body.get("line_items"), 0).get("price"), "jackson-jr reads decimals exactly");

        IncomingOrder order = placed(body);
        assertEquals(new OrderLine("MUG-BLUE", "Blue mug", 3, usd("17.99")), order.lines().get(0));
        assertEquals(usd("77.15"), order.totals().total());
    }

    @Test
    void without_a_subtotal_the_price_is_used_only_when_it_is_an_exact_amount() {
        Map<String, Object> body = order();
        Map<String, Object> tee = at(body.get("line_items"), 1);
        tee.remove("subtotal");
        tee.put("price", new BigDecimal("19.99"));
        assertEquals(usd("19.99"), placed(body).lines().get(1).unitPrice());

        Map<String, Object> mug = at(body.get("line_items"), 0);
        mug.remove("subtotal");
        List<FieldError> errors = errors(() -> WooCommerceWebhooks.parse("order.created", body));
        assertEquals(List.of("line_items[0].price"), errors.stream().map(FieldError::field).toList());
        assertTrue(message(errors, "line_items[0].price").contains("11.115"));
    }

    @Test
    void a_subtotal_that_does_not_split_into_whole_cents_is_refused() {
        Map<String, Object> body = order();
        at(body.get("line_items"), 0).put("quantity", 3);
        assertEquals(List.of("line_items[0].subtotal"), fields(() -> WooCommerceWebhooks.parse("order.created", body)));
    }

    @Test
    void every_missing_field_is_named_at_once() {
        Map<String, Object> body = order();
        body.remove("id");
        body.put("currency", "usd");
        obj(body.get("billing")).put("email", "");
        obj(body.get("shipping")).put("address_1", "");
        obj(body.get("shipping")).remove("country");
        at(body.get("line_items"), 0).put("sku", "");
        at(body.get("line_items"), 1).put("quantity", 1.5);
        list(body.get("line_items")).add("not an item");
        body.remove("total");

        List<FieldError> errors = errors(() -> WooCommerceWebhooks.parse("order.created", body));
        assertEquals(List.of("id", "currency", "billing.email", "shipping.address_1", "shipping.country",
                "line_items[2]", "line_items[0].sku", "line_items[1].quantity", "total"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void unknown_fields_are_accepted() {
        Map<String, Object> body = order();
        body.put("wcpay_new_thing", List.of(Map.of("a", 1)));
        at(body.get("line_items"), 1).put("bundle_info", Map.of("x", "y"));
        assertEquals(usd("48.18"), placed(body).totals().total());
    }

    @Test
    void a_total_that_does_not_add_up_is_refused_with_both_numbers() {
        Map<String, Object> body = order();
        body.put("total", "50.18");
        List<FieldError> errors = errors(() -> WooCommerceWebhooks.parse("order.created", body));
        String message = message(errors, "total");
        assertTrue(message.contains("50.18") && message.contains("48.18"), message);
    }

    @Test
    void more_decimals_than_the_currency_has_are_refused() {
        Map<String, Object> body = order();
        body.put("shipping_total", "4.999");
        at(body.get("line_items"), 1).put("subtotal", "19.9900");
        assertEquals(List.of("shipping_total"), fields(() -> WooCommerceWebhooks.parse("order.created", body)),
                "19.9900 is 19.99; 4.999 is not an amount of dollars");
    }

    @Test
    void fees_are_refused_rather_than_miscounted() {
        Map<String, Object> body = order();
        body.put("fee_lines", List.of(Map.of("id", 9, "name", "Gift wrap", "total", "2.00")));
        body.put("total", "50.18");
        assertEquals(List.of("fee_lines"), fields(() -> WooCommerceWebhooks.parse("order.created", body)));
    }
}
