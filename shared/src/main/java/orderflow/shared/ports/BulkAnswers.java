package orderflow.shared.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * The answers of completed bulk requests by the seller's Idempotency-Key, so that a repeated request
 * is answered as the first one was without touching an order again (no second email or channel sync
 * is even queued). Kept a day: long enough for any client retry.
 */
public interface BulkAnswers {

    /** fingerprint: what the request asked (a key reused for another request must not replay this one). */
    record Stored(String fingerprint, String answer) {
    }

    Optional<Stored> find(String sellerId, String key);

    /** First answer wins: a concurrent request with the same key does not overwrite it. */
    void save(String sellerId, String key, Stored stored, Instant at);
}
