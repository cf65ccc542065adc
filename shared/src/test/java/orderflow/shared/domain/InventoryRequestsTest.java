package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InventoryRequestsTest {

    private static Map<String, Object> body(Object handlingDays) {
        Map<String, Object> body = new HashMap<>();
        body.put("onHand", 5);
        body.put("handlingDays", handlingDays);
        return body;
    }

    @Test
    void handling_days_from_0_to_30_are_taken() {
        assertEquals(0, InventoryRequests.put(body(0)).handlingDays());
        assertEquals(30, InventoryRequests.put(body(30)).handlingDays());
    }

    @Test
    void handling_days_left_out_keep_the_value_and_null_clears_it() {
        InventoryRequests.Put leftOut = InventoryRequests.put(Map.of("onHand", 5));
        assertNull(leftOut.handlingDays());
        assertFalse(leftOut.clearHandlingDays());
        InventoryRequests.Put cleared = InventoryRequests.put(body(null));
        assertNull(cleared.handlingDays());
        assertTrue(cleared.clearHandlingDays());
    }

    @Test
    void handling_days_out_of_range_or_not_whole_are_refused_with_the_field_named() {
        for (Object bad : List.of(-1, 31, 1.5, "3", true)) {
            Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> InventoryRequests.put(body(bad)));
            assertEquals(List.of("handlingDays"), e.errors().stream().map(FieldError::field).toList(), bad.toString());
        }
    }
}
