package orderflow.shared.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When an order that lost every race for its stock is tried again: full jitter over a window that
 * doubles each time (2 s, 4 s, ... up to 60 s), so the orders that collided on a hot SKU spread out
 * instead of colliding again together.
 */
public final class Contention {

    static final long MAX_WINDOW_SECONDS = 60;

    private Contention() {
    }

    /** The pause before the {@code times}-th retry (1, 2, ...): 1 s up to the window, uniformly at random. */
    public static Duration delay(int times) {
        long window = Math.min(MAX_WINDOW_SECONDS, 1L << Math.min(30, Math.max(1, times)));
        return Duration.ofSeconds(ThreadLocalRandom.current().nextLong(1, window + 1));
    }
}
