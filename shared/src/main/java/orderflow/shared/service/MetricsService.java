package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.metrics.DailyMetrics;
import orderflow.shared.domain.metrics.MessageFacts;
import orderflow.shared.domain.metrics.Metric;
import orderflow.shared.domain.metrics.OrderFacts;
import orderflow.shared.domain.metrics.ShippingSpend;
import orderflow.shared.domain.metrics.SellerMetrics;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Messages;
import orderflow.shared.ports.Orders;

/**
 * GET /v1/metrics?window=: the seller's performance metrics (docs/metrics.md) from stored facts,
 * each against Amazon's target, and a daily chart of the last {@code window} days (30 unless given,
 * 1 to 90). Orders are read from the BySellerCreated index: those placed since the chart's first
 * day less 30 days, enough for every metric's window (an order ships and arrives within weeks of
 * its purchase); messages from the response-time facts and the threads still waiting.
 */
public final class MetricsService {

    static final int DEFAULT_WINDOW = 30;
    static final int MAX_WINDOW = 90;
    /** Before the earliest counting date an order can matter: handling, backorder and transit time. */
    static final Duration LEAD = Duration.ofDays(30);

    private final Orders orders;
    private final Messages messages;
    private final Accounts accounts;
    private final Clock clock;

    public MetricsService(Orders orders, Messages messages, Accounts accounts, Clock clock) {
        this.orders = orders;
        this.messages = messages;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** shippingSpend: the labels bought here over the last 30 days, per currency (docs/metrics.md). */
    public record Result(int window, Instant asOf, List<Metric> metrics, List<DailyMetrics> daily, int ordersRead,
                         List<ShippingSpend> shippingSpend) {
    }

    public Result metrics(String sellerId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        int window = DEFAULT_WINDOW;
        if (q.get("window") != null) {
            try {
                window = Integer.parseInt(q.get("window"));
            } catch (NumberFormatException e) {
                window = -1;
            }
            if (window < 1 || window > MAX_WINDOW) {
                errors.add(new FieldError("window", "must be a whole number of days from 1 to " + MAX_WINDOW));
            }
        }
        QueryParams.check(errors);
        Instant now = clock.instant();
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller"));
        int longest = Math.max(window, 30); // the longest order metric window is 30 days
        Instant from = now.minus(Duration.ofDays(longest)).minus(LEAD);
        List<OrderFacts> facts = new ArrayList<>();
        Map<String, String> after = null;
        do {
            Orders.Page page = orders.list(sellerId, new OrderFilter(null, from, now, null, null, now), after, 200);
            for (Order o : page.orders()) {
                facts.add(OrderFacts.from(o));
            }
            after = page.next();
        } while (after != null);
        List<MessageFacts> msgs = new ArrayList<>();
        Instant messagesFrom = now.minus(Duration.ofDays(SellerMetrics.RESPONSE_WINDOW_DAYS));
        messages.responseTimes(sellerId, messagesFrom, now).forEach(r -> msgs.add(MessageFacts.from(r)));
        String next = null;
        do {
            Messages.Page page = messages.awaiting(sellerId, next, 200);
            page.threads().forEach(t -> msgs.add(MessageFacts.awaiting(t)));
            next = page.next();
        } while (next != null);
        return new Result(window, now, SellerMetrics.compute(facts, msgs, now),
                SellerMetrics.daily(facts, now, window, seller.timeZone()), facts.size(), ShippingSpend.of(facts, now));
    }
}
