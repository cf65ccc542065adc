package orderflow.shared.domain.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.StockItem;
import org.junit.jupiter.api.Test;

class ParcelPlanTest {

    private static StockItem item(String sku, Integer grams, Integer l, Integer w, Integer h) {
        return new StockItem(sku, 10, 0, 10, 0, null, null, null, null, new ShippingProfile(grams, l, w, h));
    }

    private static Map<String, Integer> lines(Object... skuAndQuantity) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            m.put((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]);
        }
        return m;
    }

    @Test
    void weight_is_the_sum_of_unit_weights_and_the_box_the_largest_of_the_skus() {
        Parcel p = ParcelPlan.of(lines("MUG", 2, "TEE", 1), Map.of("MUG", item("MUG", 450, 200, 150, 120),
                "TEE", item("TEE", 200, 300, 250, 50)), null, null);
        assertEquals(new Parcel(1100, 300, 250, 50), p);
    }

    @Test
    void a_given_weight_and_box_win_over_the_skus_settings() {
        Parcel p = ParcelPlan.of(lines("MUG", 2), Map.of("MUG", item("MUG", 450, 200, 150, 120)), 1500,
                new ShippingProfile(null, 400, 300, 200));
        assertEquals(new Parcel(1500, 400, 300, 200), p);
    }

    @Test
    void missing_weights_and_boxes_are_named_with_the_skus_to_set_up() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> ParcelPlan.of(lines("MUG", 1, "NEW", 1),
                Map.of("MUG", item("MUG", 450, null, null, null)), null, null));
        assertEquals(2, e.errors().size());
        assertTrue(e.errors().get(0).message().contains("[NEW]"), e.errors().toString());
        assertEquals("box", e.errors().get(1).field());
    }
}
