package orderflow.shared.ports;

import java.util.Map;
import java.util.Optional;

/**
 * Where a scheduled job stopped when it ran out of time, so the next run resumes there instead of
 * reading again what the last one already went through. Cleared when a pass completes.
 */
public interface JobCheckpoints {

    /** A position: the index bucket and the last key read in it (null: the bucket's start). */
    record Checkpoint(int bucket, Map<String, String> after) {
    }

    Optional<Checkpoint> get(String job);

    void save(String job, Checkpoint checkpoint);

    void clear(String job);
}
