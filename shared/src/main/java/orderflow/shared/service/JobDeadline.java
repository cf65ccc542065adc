package orderflow.shared.service;

/**
 * How long a scheduled job may still work: the function passes its remaining time, tests a fixed
 * answer. A job starts another page only while the time left covers its slowest page so far plus
 * a reserve for what it does at the end; what it did is saved, and the next run carries on.
 */
@FunctionalInterface
public interface JobDeadline {

    long remainingMillis();

    static JobDeadline none() {
        return () -> Long.MAX_VALUE;
    }
}
