package orderflow.shared.domain.returns;

import orderflow.shared.domain.Failure;
import static orderflow.shared.domain.returns.ReturnReason.DAMAGED;
import static orderflow.shared.domain.returns.ReturnReason.OTHER;
import static orderflow.shared.domain.returns.ReturnTestOrders.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReturnAuthorizationTest {

    private static final String ORDER = "ord_0123456789abcdefghjkmnpqrs";

    private static ReturnAuthorization rma(int sequence) {
        return ReturnAuthorization.authorized(ORDER, sequence,
                List.of(new ReturnLine("CUP", 2, DAMAGED), new ReturnLine("PLATE", 1, OTHER)), NOW);
    }

    @Test
    void rma_number_is_deterministic_rma_dash_eight_characters_and_the_upper_case_start_of_the_id() {
        String number = RmaNumbers.of(ORDER, 1);
        assertEquals(number, RmaNumbers.of(ORDER, 1));
        assertTrue(number.matches("RMA-[0-9A-Z]{8}"), number);
        assertTrue(RmaNumbers.looksValid(number), number);
        String id = RmaNumbers.id(ORDER, 1);
        assertTrue(id.matches("rma_[0-9a-z]{26}"), id);
        assertEquals(number.substring(4), id.substring(4, 12).toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void rma_numbers_differ_by_sequence_and_by_order() {
        assertNotEquals(RmaNumbers.of(ORDER, 1), RmaNumbers.of(ORDER, 2));
        assertNotEquals(RmaNumbers.of(ORDER, 1), RmaNumbers.of("ord_other", 1));
        assertFalse(RmaNumbers.looksValid("RMA-1234567"));
        assertFalse(RmaNumbers.looksValid("RMA-ILOU1234")); // not in the alphabet
        assertThrows(IllegalArgumentException.class, () -> RmaNumbers.of(ORDER, 0));
    }

    @Test
    void authorized_rma_holds_its_authorized_units() {
        assertEquals(Map.of("CUP", 2, "PLATE", 1), rma(1).unitsHeld());
    }

    @Test
    void received_rma_holds_only_what_arrived() {
        ReturnAuthorization received = rma(1).receive(
                List.of(new ReceivedLine("CUP", 1, ItemCondition.SELLABLE, DAMAGED)), NOW.plusSeconds(60));
        assertEquals(RmaStatus.RECEIVED, received.status());
        assertEquals(NOW.plusSeconds(60), received.receivedAt());
        assertEquals(Map.of("CUP", 1), received.unitsHeld());
        assertThrows(IllegalStateException.class, () -> received.receive(List.of(), NOW));
    }

    @Test
    void cancel_holds_nothing_and_a_repeat_changes_nothing() {
        ReturnAuthorization canceled = rma(1).cancel(NOW);
        assertEquals(RmaStatus.CANCELED, canceled.status());
        assertEquals(NOW, canceled.canceledAt());
        assertTrue(canceled.unitsHeld().isEmpty());
        assertSame(canceled, canceled.cancel(NOW.plusSeconds(5)));
    }

    @Test
    void a_received_rma_cannot_be_canceled() {
        ReturnAuthorization received = rma(1).receive(
                List.of(new ReceivedLine("CUP", 2, ItemCondition.SELLABLE, DAMAGED)), NOW);
        Failure.Refused e = assertThrows(Failure.Refused.class, () -> received.cancel(NOW));
        assertEquals("rma-status", e.rule());
    }

    @Test
    void received_by_sku_adds_up_received_rmas_only() {
        ReturnAuthorization a = rma(1).receive(List.of(new ReceivedLine("CUP", 2, ItemCondition.SELLABLE, DAMAGED),
                new ReceivedLine("PLATE", 1, ItemCondition.DAMAGED, OTHER)), NOW);
        ReturnAuthorization b = ReturnAuthorization.authorized(ORDER, 2, List.of(new ReturnLine("CUP", 1, OTHER)), NOW)
                .receive(List.of(new ReceivedLine("CUP", 1, ItemCondition.SELLABLE, OTHER)), NOW);
        ReturnAuthorization open = rma(3);
        assertEquals(Map.of("CUP", 3, "PLATE", 1), ReturnAuthorization.receivedBySku(List.of(a, b, open)));
    }
}
