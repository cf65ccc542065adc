package orderflow.shared.domain.metrics;

import java.time.Duration;
import java.time.Instant;

import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.ResponseTime;

/**
 * One wait for the seller: a buyer message received and the reply that answered it (answeredAt
 * null while unanswered). What is stored is per wait, timed from its oldest unanswered message, so
 * later messages of the same wait are not counted apart (one reply answers them all).
 */
public record MessageFacts(String orderId, Instant receivedAt, Instant answeredAt) {

    /** A reply that closed a wait (the RESPONSES# fact). */
    public static MessageFacts from(ResponseTime r) {
        return new MessageFacts(r.orderId(), r.buyerMessageAt(), r.repliedAt());
    }

    /** A thread still waiting for the seller (from the AwaitingReply index). */
    public static MessageFacts awaiting(MessageThread t) {
        if (t.awaitingSince() == null) {
            throw new IllegalArgumentException("thread " + t.orderId() + " is not waiting for a reply");
        }
        return new MessageFacts(t.orderId(), t.awaitingSince(), null);
    }

    /** How long the buyer waited: until the reply, or until now while unanswered. */
    Duration waited(Instant now) {
        Instant end = answeredAt != null ? answeredAt : now;
        return end.isBefore(receivedAt) ? Duration.ZERO : Duration.between(receivedAt, end);
    }
}
