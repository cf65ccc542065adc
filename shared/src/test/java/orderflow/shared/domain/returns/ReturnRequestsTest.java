package orderflow.shared.domain.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

class ReturnRequestsTest {

    private static List<String> fields(Failure.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static Failure.InvalidInput invalid(Map<String, Object> body) {
        return assertThrows(Failure.InvalidInput.class, () -> ReturnRequests.parse(body));
    }

    @Test
    void valid_request_keeps_its_lines_in_order() {
        ReturnRequest r = ReturnRequests.parse(Map.of("lines", List.of(
                Map.of("sku", "CUP", "quantity", 2, "reason", "DAMAGED"),
                Map.of("sku", " PLATE ", "quantity", 1L, "reason", "NO_LONGER_NEEDED"))));
        assertEquals(List.of(new ReturnLine("CUP", 2, ReturnReason.DAMAGED),
                new ReturnLine("PLATE", 1, ReturnReason.NO_LONGER_NEEDED)), r.lines());
    }

    @Test
    void whole_quantities_may_arrive_as_any_json_number_type() {
        for (Object three : List.of(3, 3L, BigInteger.valueOf(3), new BigDecimal("3.0"), new BigDecimal("3E0"), 3.0d)) {
            ReturnRequest r = ReturnRequests.parse(Map.of("lines", List.of(
                    Map.of("sku", "CUP", "quantity", three, "reason", "OTHER"))));
            assertEquals(3, r.lines().get(0).quantity(), three.getClass().getSimpleName());
        }
    }

    @Test
    void every_bad_field_is_named() {
        List<Object> lines = new ArrayList<>();
        lines.add(Map.of("sku", "CUP", "quantity", 0, "reason", "BROKEN"));
        lines.add(Map.of("sku", "CUP", "quantity", 1, "reason", "OTHER"));
        lines.add(Map.of("sku", "S".repeat(101), "quantity", "2", "reason", "OTHER"));
        lines.add(Map.of("sku", "BOWL", "quantity", new BigDecimal("1.5")));
        lines.add(Map.of("sku", "SPOON", "quantity", 10_001, "reason", 7));
        lines.add(Map.of("sku", "FORK", "quantity", new BigDecimal("1E+100000000"), "reason", "OTHER"));
        lines.add(List.of("CUP"));
        Failure.InvalidInput e = invalid(Map.of("lines", lines));
        assertEquals(List.of("lines[6]",
                "lines[0].quantity", "lines[0].reason",
                "lines[1].sku",
                "lines[2].sku", "lines[2].quantity",
                "lines[3].quantity", "lines[3].reason",
                "lines[4].quantity", "lines[4].reason",
                "lines[5].quantity"), fields(e));
        assertEquals("must be one of [DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, NO_LONGER_NEEDED, OTHER]",
                e.errors().get(2).message());
        assertEquals("appears twice; give each SKU once", e.errors().get(3).message());
        assertTrue(e.errors().get(4).message().contains("100"), e.errors().get(4).message());
    }

    @Test
    void a_sku_is_any_printable_text_as_the_seller_typed_it() {
        ReturnRequest r = ReturnRequests.parse(Map.of("lines", List.of(
                Map.of("sku", "MUG BLUE #2", "quantity", 1, "reason", "DAMAGED"),
                Map.of("sku", " tee/black (L) ", "quantity", 1, "reason", "OTHER"),
                Map.of("sku", "S".repeat(100), "quantity", 1, "reason", "OTHER"))));
        assertEquals(List.of(new ReturnLine("MUG BLUE #2", 1, ReturnReason.DAMAGED),
                new ReturnLine("tee/black (L)", 1, ReturnReason.OTHER),
                new ReturnLine("S".repeat(100), 1, ReturnReason.OTHER)), r.lines());

        for (String bad : List.of("S".repeat(101), "   ", "MUG\u0007BLUE", "\uD83E")) {
            Failure.InvalidInput e = invalid(Map.of("lines", List.of(
                    Map.of("sku", bad, "quantity", 1, "reason", "OTHER"))));
            assertEquals(List.of("lines[0].sku"), fields(e), bad);
        }
    }

    @Test
    void the_same_sku_spaced_differently_is_the_same_sku() {
        Failure.InvalidInput e = invalid(Map.of("lines", List.of(
                Map.of("sku", "MUG BLUE", "quantity", 1, "reason", "OTHER"),
                Map.of("sku", " MUG BLUE ", "quantity", 1, "reason", "OTHER"))));
        assertEquals(List.of("lines[1].sku"), fields(e));
        assertEquals("appears twice; give each SKU once", e.errors().get(0).message());
    }

    @Test
    void lines_are_required_and_bounded() {
        assertEquals(List.of("lines"), fields(invalid(Map.of())));
        assertEquals(List.of("lines"), fields(invalid(Map.of("lines", "CUP"))));
        assertEquals(List.of("lines"), fields(invalid(Map.of("lines", List.of()))));
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            tooMany.add(Map.of("sku", "SKU" + i, "quantity", 1, "reason", "OTHER"));
        }
        assertEquals(List.of("lines"), fields(invalid(Map.of("lines", tooMany))));
    }
}
