package orderflow.shared.service;

/**
 * Decides whether a job may start another page: only while the time left covers twice the
 * slowest page so far plus a reserve for the work after the loop (digests, the checkpoint).
 */
final class Pacer {

    static final long RESERVE_MILLIS = 2_000;

    private final JobDeadline deadline;
    private long slowest;
    private long started;

    Pacer(JobDeadline deadline) {
        this.deadline = deadline;
    }

    /** True when a page may start now; call {@link #done()} when it ends. */
    boolean startPage() {
        if (deadline.remainingMillis() <= RESERVE_MILLIS + 2 * slowest) {
            return false;
        }
        started = System.nanoTime();
        return true;
    }

    void done() {
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
    }
}
