package orderflow.shared.domain.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.MessageThread;

/**
 * Which buyer messages the response metrics count: those received in the window whose outcome
 * is known: answered, or unanswered for more than 24 hours (Amazon's "no response", already a
 * miss). One unanswered for 24 hours or less is not counted yet: it may still be answered in time.
 */
final class ResponseCounts {

    static final Duration TARGET = MessageThread.TARGET;

    private ResponseCounts() {
    }

    static List<MessageFacts> judged(List<MessageFacts> messages, Window window, Instant now) {
        return messages.stream()
                .filter(m -> window.contains(m.receivedAt()))
                .filter(m -> m.answeredAt() != null || m.waited(now).compareTo(TARGET) > 0)
                .toList();
    }

    /** Answered within 24 hours (exactly 24 h is in time), weekends and nights included. */
    static Rate within24h(List<MessageFacts> judged, Instant now) {
        long inTime = judged.stream()
                .filter(m -> m.answeredAt() != null && m.waited(now).compareTo(TARGET) <= 0)
                .count();
        return new Rate(inTime, judged.size());
    }

    /**
     * The median wait in hours; an unanswered message counts with its wait so far (more than 24 h,
     * and growing), so ignoring a buyer never improves it. Even count: the mean of the middle two.
     */
    static Double medianHours(List<MessageFacts> judged, Instant now) {
        if (judged.isEmpty()) {
            return null;
        }
        double[] hours = judged.stream().mapToDouble(m -> m.waited(now).toMillis() / 3_600_000.0).sorted().toArray();
        int mid = hours.length / 2;
        return hours.length % 2 == 1 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
    }
}
