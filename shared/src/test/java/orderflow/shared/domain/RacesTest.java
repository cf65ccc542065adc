package orderflow.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RacesTest {

    @Test
    void returns_the_first_result_and_stops_calling() {
        List<Integer> calls = new ArrayList<>();
        String won = "won";
        String result = Races.retry(5, attempt -> {
            calls.add(attempt);
            return attempt == 2 ? won : null;
        });
        assertSame(won, result);
        assertEquals(List.of(1, 2), calls);
    }

    @Test
    void a_first_attempt_that_wins_is_the_only_call() {
        List<Integer> calls = new ArrayList<>();
        assertEquals("at once", Races.retry(3, attempt -> {
            calls.add(attempt);
            return "at once";
        }));
        assertEquals(List.of(1), calls);
    }

    @Test
    void returns_null_after_exactly_the_given_attempts_numbered_from_one() {
        List<Integer> calls = new ArrayList<>();
        Object result = Races.retry(3, attempt -> {
            calls.add(attempt);
            return null;
        });
        assertNull(result);
        assertEquals(List.of(1, 2, 3), calls);
    }

    @Test
    void a_result_on_the_last_attempt_is_returned() {
        List<Integer> calls = new ArrayList<>();
        assertEquals(Integer.valueOf(4), Races.retry(4, attempt -> {
            calls.add(attempt);
            return attempt == 4 ? attempt : null;
        }));
        assertEquals(List.of(1, 2, 3, 4), calls);
    }

    @Test
    void one_attempt_means_one_call_and_no_pause() {
        List<Integer> calls = new ArrayList<>();
        assertNull(Races.retry(1, attempt -> {
            calls.add(attempt);
            return null;
        }));
        assertEquals(List.of(1), calls);
    }

    @Test
    void an_exception_from_an_attempt_ends_the_retry() {
        List<Integer> calls = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Races.retry(5, attempt -> {
            calls.add(attempt);
            if (attempt == 2) {
                throw new IllegalStateException("gave up on " + attempt);
            }
            return null;
        }));
        assertEquals("gave up on 2", thrown.getMessage());
        assertEquals(List.of(1, 2), calls);
    }
}
