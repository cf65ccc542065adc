package orderflow.shared.domain.metrics;

import static orderflow.shared.domain.metrics.MetricsTestFacts.NOW;
import static orderflow.shared.domain.metrics.MetricsTestFacts.answered;
import static orderflow.shared.domain.metrics.MetricsTestFacts.daysAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.hoursAgo;
import static orderflow.shared.domain.metrics.MetricsTestFacts.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.ResponseTime;
import orderflow.shared.domain.metrics.Metric.Status;

class MetricsResponseTimeTest {

    private static final String MEDIAN = "responseTimeMedianHours90d";
    private static final String WITHIN_24H = "respondedWithin24hRate90d";

    private static Metric metric(List<MessageFacts> messages, String name) {
        return MetricsTestFacts.metric(List.of(), messages, name);
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_middle_two() {
        // 2 4 | 6 10 | 20 30 -> (6 + 10) / 2 = 8 h
        List<MessageFacts> messages = List.of(answered(daysAgo(2), 30), answered(daysAgo(3), 2),
                answered(daysAgo(4), 10), answered(daysAgo(5), 6), answered(daysAgo(6), 20), answered(daysAgo(7), 4));
        Metric m = metric(messages, MEDIAN);
        assertEquals(8.0, m.value(), 1e-12);
        assertEquals(6, m.denominator());
        assertNull(m.numerator());
        assertEquals(Status.OK, m.status());
    }

    @Test
    void an_unanswered_message_older_than_24_hours_counts_as_missed_with_its_wait_so_far() {
        List<MessageFacts> messages = List.of(answered(daysAgo(3), 1), unanswered(hoursAgo(40)),
                unanswered(hoursAgo(50)));
        // judged: 1 h, 40 h (waiting), 50 h (waiting); 1 of 3 in time, median 40 h
        Metric share = metric(messages, WITHIN_24H);
        assertEquals(1, share.numerator());
        assertEquals(3, share.denominator());
        assertEquals(Status.FAILING, share.status());
        Metric median = metric(messages, MEDIAN);
        assertEquals(40.0, median.value(), 1e-12);
        assertEquals(Status.FAILING, median.status());
    }

    @Test
    void an_unanswered_message_24_hours_old_or_younger_is_not_judged_yet() {
        List<MessageFacts> messages = List.of(unanswered(hoursAgo(2)), unanswered(hoursAgo(24)));
        Metric share = metric(messages, WITHIN_24H);
        assertNull(share.value());
        assertEquals(0, share.denominator());
        assertEquals(Status.OK, share.status());
    }

    @Test
    void a_reply_exactly_24_hours_later_is_in_time_and_a_second_later_is_not() {
        Instant received = daysAgo(5);
        List<MessageFacts> messages = List.of(answered(received, 24),
                new MessageFacts("o", received, received.plus(Duration.ofHours(24)).plusSeconds(1)));
        Metric share = metric(messages, WITHIN_24H);
        assertEquals(1, share.numerator());
        assertEquals(2, share.denominator());
    }

    @Test
    void messages_count_by_when_they_were_received_exactly_90_days_ago_included() {
        Instant edge = NOW.minus(Duration.ofDays(90));
        List<MessageFacts> messages = List.of(answered(edge, 1), answered(edge.minusSeconds(1), 1));
        assertEquals(1, metric(messages, WITHIN_24H).denominator());
    }

    @Test
    void the_same_facts_judged_at_a_later_now_count_an_unanswered_message_once_it_is_overdue() {
        List<MessageFacts> messages = List.of(unanswered(hoursAgo(23)));
        assertEquals(0, metric(messages, WITHIN_24H).denominator());
        List<Metric> tomorrow = SellerMetrics.compute(List.of(), messages, NOW.plus(Duration.ofHours(2)));
        Metric later = tomorrow.stream().filter(m -> m.name().equals(WITHIN_24H)).findFirst().orElseThrow();
        assertEquals(0, later.numerator());
        assertEquals(1, later.denominator());
    }

    @Test
    void facts_come_from_stored_response_times_and_waiting_threads() {
        Instant asked = hoursAgo(30);
        MessageFacts replied = MessageFacts.from(new ResponseTime("acme", "ord_1", asked, hoursAgo(27)));
        assertEquals(new MessageFacts("ord_1", asked, hoursAgo(27)), replied);
        MessageThread waiting = new MessageThread("ord_2", "acme", "1002", "Ada", asked, asked, "Where is it?");
        assertEquals(new MessageFacts("ord_2", asked, null), MessageFacts.awaiting(waiting));
        MessageThread answered = new MessageThread("ord_3", "acme", "1003", "Ada", null, asked, "Thanks");
        assertThrows(IllegalArgumentException.class, () -> MessageFacts.awaiting(answered));
    }
}
