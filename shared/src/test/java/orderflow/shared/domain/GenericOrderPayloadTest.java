package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GenericOrderPayloadTest {

    static Map<String, Object> valid() {
        return GenericOrderPayloadTestData.valid();
    }


    /** The fields a signed delivery is held for: it is never refused, the order lands ON_HOLD. */
    private static List<String> badFields(Map<String, Object> json) {
        IncomingOrder order = GenericOrderPayload.parse(json);
        assertEquals(OrderStatus.ON_HOLD, order.toOrder("sf", "seller", java.time.Instant.EPOCH).status());
        return order.intake().holds().stream().map(FieldError::field).toList();
    }

    @Test
    void valid_payload_becomes_an_order_with_exact_totals() {
        IncomingOrder order = GenericOrderPayload.parse(valid());
        assertTrue(order.paid());
        assertEquals(Money.parse("37.50", "USD"), order.totals().subtotal());
        assertEquals(Money.parse("43.49", "USD"), order.totals().total());
        assertEquals(Map.of("MUG-BLUE", 3), order.toOrder("sf", "seller", java.time.Instant.EPOCH).quantitiesBySku());
    }

    @Test
    void lines_adding_up_past_the_largest_amount_hold_the_order_instead_of_failing() {
        Map<String, Object> json = valid();
        json.put("currency", "KWD");
        json.remove("total");
        json.put("shippingTotal", "0.000");
        json.put("taxTotal", "0.000");
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < GenericOrderPayload.MAX_LINES; i++) {
            lines.add(Map.of("sku", "SKU-" + i, "quantity", 10_000, "unitPrice", "9999999999.999"));
        }
        json.put("lines", lines);
        assertEquals(List.of("lines"), badFields(json));
        assertEquals(0, GenericOrderPayload.parse(json).totals().total().minor());
    }

    @Test
    void unknown_fields_are_ignored() {
        Map<String, Object> json = valid();
        json.put("somethingNew", Map.of("deep", List.of(1, 2)));
        GenericOrderPayload.parse(json);
    }

    @Test
    void every_bad_field_is_named_at_once() {
        Map<String, Object> json = valid();
        json.remove("externalOrderId");
        json.put("paymentStatus", "MAYBE");
        json.put("currency", "usd");
        json.put("buyer", Map.of("name", "", "email", "nope"));
        json.put("shipTo", "somewhere");
        json.put("lines", List.of(Map.of("sku", "good sku!", "quantity", -1, "unitPrice", "1"), "x",
                Map.of("sku", "OK", "quantity", 1.5, "unitPrice", 3), Map.of("sku", "S".repeat(101), "quantity", 1,
                        "unitPrice", "1.00")));
        List<String> fields = badFields(json);
        assertEquals(List.of("externalOrderId", "paymentStatus", "currency", "buyer.name", "buyer.email", "shipTo",
                "lines[0].quantity", "lines[1]", "lines[2].quantity", "lines[2].unitPrice", "lines[3].sku"), fields,
                "a SKU with a space is valid; one of 101 characters is not");
    }

    @Test
    void a_sku_is_any_printable_text_of_1_to_100_characters() {
        Map<String, Object> json = valid();
        json.put("lines", List.of(Map.of("sku", "MUG BLUE #2", "quantity", 1, "unitPrice", "12.50"),
                Map.of("sku", " tee/black (L) ", "quantity", 1, "unitPrice", "12.50"),
                Map.of("sku", "Café-01", "quantity", 1, "unitPrice", "12.50"),
                Map.of("sku", "S".repeat(100), "quantity", 1, "unitPrice", "12.50")));
        IncomingOrder order = GenericOrderPayload.parse(json);
        assertEquals(List.of("MUG BLUE #2", "tee/black (L)", "Café-01", "S".repeat(100)),
                order.lines().stream().map(OrderLine::sku).toList(), "spaces around a SKU are stripped");
        assertEquals(Money.parse("55.99", "USD"), order.totals().total());

        for (String bad : List.of("S".repeat(101), "MUG\u0000BLUE", "MUG\tBLUE", "   ", "\uD83E")) {
            json.put("lines", List.of(Map.of("sku", bad, "quantity", 1, "unitPrice", "12.50")));
            assertEquals(List.of("lines[0].sku"), badFields(json), bad);
        }
    }

    @Test
    void quantities_and_prices_are_bounded() {
        Map<String, Object> json = valid();
        json.put("lines", List.of(Map.of("sku", "A", "quantity", 0, "unitPrice", "1.00"),
                Map.of("sku", "B", "quantity", 10_001, "unitPrice", "-1.00"),
                Map.of("sku", "C", "quantity", 1, "unitPrice", "1.001")));
        assertEquals(List.of("lines[0].quantity", "lines[1].quantity", "lines[1].unitPrice", "lines[2].unitPrice"),
                badFields(json));
        json.put("lines", List.of());
        assertEquals(List.of("lines"), badFields(json));
    }

    @Test
    void a_declared_total_must_add_up() {
        Map<String, Object> json = valid();
        json.put("total", "43.48");
        assertEquals(List.of("total"), badFields(json));
        json.put("total", "43.49");
        GenericOrderPayload.parse(json);
    }

    @Test
    void control_characters_are_refused_but_unicode_text_is_kept() {
        Map<String, Object> json = valid();
        json.put("buyer", Map.of("name", "Zoë 🦊 Ünïcode", "email", "zoe@example.com"));
        assertEquals("Zoë 🦊 Ünïcode", GenericOrderPayload.parse(json).buyer().name());
        json.put("buyer", Map.of("name", "bad\u0000name", "email", "zoe@example.com"));
        assertEquals(List.of("buyer.name"), badFields(json));
    }

    @Test
    void a_held_order_keeps_everything_that_could_be_read() {
        Map<String, Object> json = valid();
        json.remove("buyer");
        json.put("total", "99.99");
        IncomingOrder order = GenericOrderPayload.parse(json);
        assertEquals(List.of("buyer", "total"), order.intake().holds().stream().map(FieldError::field).toList());
        assertEquals("USD", order.currency());
        assertEquals(Money.parse("99.99", "USD"), order.totals().total(), "the sender's total is kept");
        assertEquals(Map.of("MUG-BLUE", 3), order.toOrder("sf", "seller", java.time.Instant.EPOCH).quantitiesBySku());
        assertEquals(null, order.buyer().email());
    }

    @Test
    void a_line_with_an_unusable_sku_is_kept_without_one_for_the_seller_to_map() {
        Map<String, Object> json = valid();
        json.put("lines", List.of(Map.of("sku", "<script>", "quantity", 2, "unitPrice", "5.00")));
        json.remove("total");
        IncomingOrder order = GenericOrderPayload.parse(json);
        assertEquals(List.of("lines[0].sku"), order.intake().holds().stream().map(FieldError::field).toList());
        assertEquals(null, order.lines().get(0).sku());
        assertEquals(2, order.lines().get(0).quantity());
    }
}
