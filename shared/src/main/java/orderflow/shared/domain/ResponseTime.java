package orderflow.shared.domain;

import java.time.Duration;
import java.time.Instant;

/** A seller's answer to a waiting buyer: the fact the response-time metric is computed from. */
public record ResponseTime(String sellerId, String orderId, Instant buyerMessageAt, Instant repliedAt) {

    public Duration elapsed() {
        return Duration.between(buyerMessageAt, repliedAt);
    }
}
