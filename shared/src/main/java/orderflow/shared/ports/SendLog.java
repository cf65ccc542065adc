package orderflow.shared.ports;

import java.time.Duration;
import java.time.Instant;

/**
 * Records which email events were sent, keyed on the event id, so a redelivered queue message
 * never sends twice.
 */
public interface SendLog {

    enum Claim { CLAIMED, ALREADY_SENT, IN_PROGRESS, REJECTED }

    /** Takes the event for sending for {@code lease}, unless it is sent or another sender holds it. */
    Claim claim(String eventId, Instant now, Duration lease);

    void markSent(String eventId, String providerMessageId, Instant at);

    /** Gives the claim up after a failed send, so the next delivery may try at once. */
    void release(String eventId);

    void markRejected(String eventId, String reason, Instant at);
}
