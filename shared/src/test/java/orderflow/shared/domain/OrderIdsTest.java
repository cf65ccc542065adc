package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void same_storefront_order_always_gets_the_same_id() {
        String id = OrderIds.forExternal("store-1", "1001");
        assertEquals(id, OrderIds.forExternal("store-1", "1001"));
        assertTrue(OrderIds.looksValid(id), id);
    }

    @Test
    void different_storefronts_or_orders_get_different_ids() {
        assertNotEquals(OrderIds.forExternal("store-1", "1001"), OrderIds.forExternal("store-2", "1001"));
        assertNotEquals(OrderIds.forExternal("store-1", "1001"), OrderIds.forExternal("store-1", "1002"));
        // The separator keeps ("a", "b1") and ("ab", "1") apart.
        assertNotEquals(OrderIds.forExternal("a", "b1"), OrderIds.forExternal("ab", "1"));
        assertFalse(OrderIds.looksValid("ord_' OR 1=1"));
    }
}
