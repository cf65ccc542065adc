package orderflow.shared.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * An order's conversation: awaitingSince is the oldest buyer message not yet answered (null when
 * the seller has replied to everything). Amazon expects an answer within 24 hours, weekends included.
 */
public record MessageThread(String orderId, String sellerId, String externalOrderId, String buyerName,
                            Instant awaitingSince, Instant lastMessageAt, String lastBuyerMessage) {

    public static final Duration TARGET = Duration.ofHours(24);

    public Duration waiting(Instant now) {
        return awaitingSince == null || awaitingSince.isAfter(now) ? Duration.ZERO : Duration.between(awaitingSince, now);
    }

    public boolean overdue(Instant now) {
        return awaitingSince != null && waiting(now).compareTo(TARGET) > 0;
    }
}
