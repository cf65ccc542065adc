package orderflow.shared.domain.returns;

import static orderflow.shared.domain.returns.ReturnReason.DEFECTIVE;
import static orderflow.shared.domain.returns.ReturnReason.NO_LONGER_NEEDED;
import static orderflow.shared.domain.returns.ReturnTestOrders.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

class ReturnReceivingTest {

    private static final ReturnAuthorization RMA = ReturnAuthorization.authorized("ord_1", 1,
            List.of(new ReturnLine("CUP", 2, DEFECTIVE), new ReturnLine("PLATE", 1, NO_LONGER_NEEDED)), NOW);

    private static ReceiveRequest body(Object... skuQuantityCondition) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skuQuantityCondition.length; i += 3) {
            lines.add(Map.of("sku", skuQuantityCondition[i], "quantity", skuQuantityCondition[i + 1],
                    "condition", skuQuantityCondition[i + 2]));
        }
        return ReceiveRequests.parse(Map.of("lines", lines));
    }

    private static List<String> fields(Failure.InvalidInput e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void received_lines_carry_their_condition_and_the_reason_they_were_authorized_for() {
        List<ReceivedLine> lines = Receiving.check(RMA, body("CUP", 2, "DAMAGED", "PLATE", 1, "SELLABLE"));
        assertEquals(List.of(new ReceivedLine("CUP", 2, ItemCondition.DAMAGED, DEFECTIVE),
                new ReceivedLine("PLATE", 1, ItemCondition.SELLABLE, NO_LONGER_NEEDED)), lines);
    }

    @Test
    void fewer_units_than_authorized_may_arrive() {
        assertEquals(List.of(new ReceivedLine("CUP", 1, ItemCondition.SELLABLE, DEFECTIVE)),
                Receiving.check(RMA, body("CUP", 1, "SELLABLE")));
    }

    @Test
    void more_units_than_authorized_are_refused_naming_the_quantity_rule() {
        Failure.Refused e = assertThrows(Failure.Refused.class,
                () -> Receiving.check(RMA, body("PLATE", 1, "SELLABLE", "CUP", 3, "SELLABLE")));
        assertEquals("quantity", e.rule());
        assertEquals("lines[1].quantity", e.field());
        assertEquals("CUP: " + RMA.rmaNumber() + " authorizes 2 units, not 3.", e.getMessage());
    }

    @Test
    void a_sku_not_on_the_rma_is_refused() {
        Failure.Refused e = assertThrows(Failure.Refused.class,
                () -> Receiving.check(RMA, body("BOWL", 1, "SELLABLE")));
        assertEquals("not-authorized", e.rule());
        assertEquals("lines[0].sku", e.field());
    }

    @Test
    void only_an_authorized_rma_can_be_received() {
        Failure.Refused e = assertThrows(Failure.Refused.class,
                () -> Receiving.check(RMA.cancel(NOW), body("CUP", 1, "SELLABLE")));
        assertEquals("rma-status", e.rule());
    }

    @Test
    void receipt_with_bad_fields_names_every_one() {
        Map<String, Object> body = Map.of("lines", List.of(
                Map.of("sku", "CUP", "quantity", 0, "condition", "SELLABLE"),
                Map.of("sku", "CUP", "quantity", 1, "condition", "SELLABLE"),
                Map.of("quantity", 1.5),
                Map.of("sku", "MUG", "quantity", 1, "condition", "USED"),
                "not an object"));
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> ReceiveRequests.parse(body));
        assertEquals(List.of("lines[4]", "lines[0].quantity", "lines[1].sku",
                "lines[2].sku", "lines[2].quantity", "lines[2].condition", "lines[3].condition"), fields(e));
    }

    @Test
    void some_units_of_a_sku_may_arrive_sellable_and_others_damaged_within_the_authorized_count() {
        List<ReceivedLine> lines = Receiving.check(RMA, ReceiveRequests.parse(Map.of("lines", List.of(
                Map.of("sku", "CUP", "quantity", 1, "condition", "SELLABLE"),
                Map.of("sku", "CUP", "quantity", 1, "condition", "DAMAGED")))));
        assertEquals(2, lines.size());
        assertEquals(List.of(new ReceivedLine("CUP", 2, ItemCondition.SELLABLE, lines.get(0).reason())),
                Receiving.bySku(lines));
        Failure.Refused tooMany = assertThrows(Failure.Refused.class, () -> Receiving.check(RMA,
                ReceiveRequests.parse(Map.of("lines", List.of(
                        Map.of("sku", "CUP", "quantity", 2, "condition", "SELLABLE"),
                        Map.of("sku", "CUP", "quantity", 1, "condition", "DAMAGED"))))));
        assertEquals("quantity", tooMany.rule());
        assertEquals("lines[1].quantity", tooMany.field());
    }

    @Test
    void receipt_without_lines_is_invalid() {
        assertEquals(List.of("lines"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReceiveRequests.parse(Map.of()))));
        assertEquals(List.of("lines"), fields(assertThrows(Failure.InvalidInput.class,
                () -> ReceiveRequests.parse(Map.of("lines", List.of())))));
    }
}
