package orderflow.shared.domain;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The one retry for optimistic-concurrency races (a version condition or a transaction conflict lost
 * to a concurrent writer): try again after a short jittered pause, so writers that collided do not
 * collide again in step. Other failures are not retried here: they go back to the queue or caller.
 */
public final class Races {

    private Races() {
    }

    /**
     * Calls {@code attempt} with 1, 2, ... up to {@code attempts} until it returns a result (not null),
     * pausing between calls; null from the last attempt is returned as null (the caller decides).
     */
    public static <T> T retry(int attempts, IntFunction<T> attempt) {
        for (int n = 1; ; n++) {
            T result = attempt.apply(n);
            if (result != null || n >= attempts) {
                return result;
            }
            pause(n);
        }
    }

    /** 10 ms up to 40 ms x attempt, uniformly at random (full jitter over a growing window). */
    public static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40L * Math.max(1, attempt)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying after a race", interrupted);
        }
    }
}
