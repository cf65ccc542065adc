package orderflow.shared.domain.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The span a metric counts, both ends included: a fact counts when its counting date (ship-by,
 * order date, promised delivery, message received) lies in it. {@code to} is never after now, so
 * a date still in the future is never counted.
 */
record Window(Instant from, Instant to) {

    /** The last {@code days} days up to now: a date exactly {@code days} x 24 h ago is in. */
    static Window lastDays(Instant now, int days) {
        return new Window(now.minus(Duration.ofDays(days)), now);
    }

    /** One calendar day in the seller's zone, cut at now (today is partial). */
    static Window day(LocalDate day, ZoneId zone, Instant now) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        return new Window(day.atStartOfDay(zone).toInstant(), end.isAfter(now) ? now : end);
    }

    boolean contains(Instant at) {
        return at != null && !at.isBefore(from) && !at.isAfter(to);
    }
}
