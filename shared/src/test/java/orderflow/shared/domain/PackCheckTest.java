package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PackCheckTest {

    private static final Map<String, Integer> EXPECTED = Map.of("MUG", 2, "TEE", 1);
    private static final Map<String, String> CODES = Map.of("0001", "MUG", "0002", "TEE", "0009", "CAP");

    @Test
    void the_exact_box_passes() {
        PackCheck c = PackCheck.of(EXPECTED, CODES, List.of("0001", "0002", "0001"));
        assertTrue(c.passed());
        assertEquals(3, c.scanned());
    }

    @Test
    void a_wrong_item_is_caught_and_the_one_it_replaced_is_missing() {
        PackCheck c = PackCheck.of(EXPECTED, CODES, List.of("0001", "0009", "0001"));
        assertFalse(c.passed());
        assertEquals(List.of("0009"), c.wrong());
        assertEquals(List.of(new PackCheck.Count("TEE", 1, 0)), c.missing());
    }

    @Test
    void too_many_of_an_item_is_extra() {
        PackCheck c = PackCheck.of(EXPECTED, CODES, List.of("0001", "0001", "0001", "0002"));
        assertEquals(List.of(new PackCheck.Count("MUG", 2, 3)), c.extra());
        assertFalse(c.passed());
    }

    @Test
    void scans_must_be_a_non_empty_list_of_codes() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class,
                () -> PackCheck.scans(Map.of("scans", List.of("0001", 7))));
        assertEquals("scans[1]", e.errors().get(0).field());
        assertThrows(Failure.InvalidInput.class, () -> PackCheck.scans(Map.of("scans", List.of())));
    }
}
