package orderflow.shared.domain.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

class ReturnPolicyTest {

    private static List<String> fields(Failure.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void default_policy_is_thirty_days_no_fee_seller_pays_everything_returnable() {
        ReturnPolicy d = ReturnPolicy.DEFAULT;
        assertEquals(new ReturnPolicy(30, 0, ReturnShippingPayer.SELLER, 0, Set.of()), d);
        assertTrue(d.returnable("ANYTHING"));
    }

    @Test
    void empty_body_is_the_default_policy_and_fields_left_out_keep_default_values() {
        assertEquals(ReturnPolicy.DEFAULT, ReturnPolicy.parse(Map.of()));
        assertEquals(new ReturnPolicy(14, 0, ReturnShippingPayer.SELLER, 0, Set.of()),
                ReturnPolicy.parse(Map.of("windowDays", 14)));
    }

    @Test
    void full_policy_parses_and_round_trips_through_json() {
        Map<String, Object> body = Map.of("windowDays", 14, "restockingFeePercent", 15,
                "returnShippingPayer", "BUYER", "returnShippingMinor", 599,
                "nonReturnableSkus", List.of("GIFT-CARD", "EARRINGS-01"));
        ReturnPolicy p = ReturnPolicy.parse(body);
        assertEquals(new ReturnPolicy(14, 15, ReturnShippingPayer.BUYER, 599, Set.of("GIFT-CARD", "EARRINGS-01")), p);
        assertFalse(p.returnable("GIFT-CARD"));
        assertEquals(Map.of("windowDays", 14, "restockingFeePercent", 15, "returnShippingPayer", "BUYER",
                "returnShippingMinor", 599L, "nonReturnableSkus", List.of("EARRINGS-01", "GIFT-CARD")), p.toJson());
        assertEquals(p, ReturnPolicy.parse(p.toJson()));
    }

    @Test
    void every_bad_field_is_named() {
        Map<String, Object> body = new HashMap<>();
        body.put("windowDays", -1);
        body.put("restockingFeePercent", 101);
        body.put("returnShippingPayer", "ME");
        body.put("returnShippingMinor", "5.99");
        body.put("nonReturnableSkus", List.of("OK-1", "S".repeat(101), "OK-1", 7));
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> ReturnPolicy.parse(body));
        assertEquals(List.of("windowDays", "restockingFeePercent", "returnShippingPayer", "returnShippingMinor",
                "nonReturnableSkus[1]", "nonReturnableSkus[2]", "nonReturnableSkus[3]"), fields(e));
        assertEquals("must be a whole number from 0 to 365", e.errors().get(0).message());
        assertEquals("must be a whole number from 0 to 100", e.errors().get(1).message());
        assertEquals("must be one of [BUYER, SELLER]", e.errors().get(2).message());
        assertTrue(e.errors().get(4).message().contains("1 to 100"), e.errors().get(4).message());
        assertEquals("appears twice; give each SKU once", e.errors().get(5).message());
    }

    @Test
    void a_non_returnable_sku_is_any_printable_text_as_the_seller_typed_it() {
        ReturnPolicy p = ReturnPolicy.parse(Map.of("nonReturnableSkus",
                List.of("MUG BLUE #2", " GIFT CARD ", "S".repeat(100))));
        assertEquals(Set.of("MUG BLUE #2", "GIFT CARD", "S".repeat(100)), p.nonReturnableSkus());
        assertFalse(p.returnable("MUG BLUE #2"));
        assertFalse(p.returnable("GIFT CARD"));
        assertTrue(p.returnable("MUG-BLUE"));
        assertEquals(p, ReturnPolicy.parse(p.toJson()));

        for (String bad : List.of("", "   ", "S".repeat(101), "GIFT\u0000CARD", "\uDC00")) {
            assertEquals(List.of("nonReturnableSkus[0]"), fields(assertThrows(Failure.InvalidInput.class,
                    () -> ReturnPolicy.parse(Map.of("nonReturnableSkus", List.of(bad))))), bad);
        }
    }

    @Test
    void fractional_or_out_of_range_numbers_are_refused() {
        assertEquals(List.of("windowDays"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReturnPolicy.parse(Map.of("windowDays", 366)))));
        assertEquals(List.of("restockingFeePercent"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReturnPolicy.parse(Map.of("restockingFeePercent", new java.math.BigDecimal("12.5"))))));
        assertEquals(List.of("returnShippingMinor"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReturnPolicy.parse(Map.of("returnShippingMinor", -1)))));
        assertEquals(List.of("nonReturnableSkus"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReturnPolicy.parse(Map.of("nonReturnableSkus", "GIFT-CARD")))));
    }

    @Test
    void window_end_is_window_days_of_24_hours_after_delivery() {
        ReturnPolicy p = new ReturnPolicy(30, 0, ReturnShippingPayer.SELLER, 0, Set.of());
        assertEquals(Instant.parse("2026-12-31T15:00:00Z"), p.windowEnd(Instant.parse("2026-12-01T15:00:00Z")));
    }

    @Test
    void invalid_policy_cannot_be_constructed() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReturnPolicy(30, 101, ReturnShippingPayer.SELLER, 0, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ReturnPolicy(30, 0, null, 0, Set.of()));
    }
}
