package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void follows_the_seller_central_flow() {
        assertTrue(OrderStatus.PENDING.canBecome(OrderStatus.READY));
        assertTrue(OrderStatus.READY.canBecome(OrderStatus.UNSHIPPED));
        assertTrue(OrderStatus.UNSHIPPED.canBecome(OrderStatus.PARTIALLY_SHIPPED));
        assertTrue(OrderStatus.PARTIALLY_SHIPPED.canBecome(OrderStatus.SHIPPED));
        assertTrue(OrderStatus.SHIPPED.canBecome(OrderStatus.DELIVERED));
    }

    @Test
    void shipped_orders_cannot_be_canceled_and_final_states_stay_final() {
        assertFalse(OrderStatus.SHIPPED.canBecome(OrderStatus.CANCELED));
        assertFalse(OrderStatus.CANCELED.canBecome(OrderStatus.READY));
        assertFalse(OrderStatus.DELIVERED.canBecome(OrderStatus.SHIPPED));
        assertThrows(IllegalStateException.class, () -> OrderStatus.PENDING.requireCanBecome(OrderStatus.UNSHIPPED));
    }

    @Test
    void sources_of_unshipped_are_the_states_waiting_for_stock_and_shipments_whose_label_was_voided() {
        assertEquals(EnumSet.of(OrderStatus.READY, OrderStatus.BACKORDERED, OrderStatus.PARTIALLY_SHIPPED,
                OrderStatus.SHIPPED), OrderStatus.sourcesOf(OrderStatus.UNSHIPPED));
        assertFalse(OrderStatus.DELIVERED.canBecome(OrderStatus.UNSHIPPED), "a delivered parcel's label is never voided");
    }
}
