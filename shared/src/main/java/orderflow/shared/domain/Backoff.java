package orderflow.shared.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When work that has to wait is tried again (an order that lost every race for its stock, a platform
 * that throttled): full jitter over a window that doubles each time (2 s, 4 s, ... up to 60 s), so
 * what collided spreads out instead of colliding again together.
 */
public final class Backoff {

    static final long MAX_WINDOW_SECONDS = 60;

    private Backoff() {
    }

    /** The pause before the {@code times}-th retry (1, 2, ...): 1 s up to the window, uniformly at random. */
    public static Duration delay(int times) {
        long window = Math.min(MAX_WINDOW_SECONDS, 1L << Math.min(30, Math.max(1, times)));
        return Duration.ofSeconds(ThreadLocalRandom.current().nextLong(1, window + 1));
    }
}
