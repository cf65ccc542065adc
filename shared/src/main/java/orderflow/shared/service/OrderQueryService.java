package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.search.SearchQuery;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.OrderSearch;
import orderflow.shared.ports.Orders;

/** Seller reads. Another seller's order is indistinguishable from a missing one. */
public final class OrderQueryService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;

    private final Orders orders;

    private final ChannelSyncs syncs;

    private final OrderSearchService search;

    public OrderQueryService(Orders orders) {
        this(orders, null, null);
    }

    /** syncs: the order's channel syncs shown with its detail (null: none shown). */
    public OrderQueryService(Orders orders, ChannelSyncs syncs) {
        this(orders, syncs, null);
    }

    /** search: what answers GET /v1/orders?q= (null: q is ignored like any parameter a route does not know). */
    public OrderQueryService(Orders orders, ChannelSyncs syncs, OrderSearch search) {
        this.orders = orders;
        this.syncs = syncs;
        this.search = search == null ? null : new OrderSearchService(search);
    }

    public record Listing(List<Order> orders, String nextCursor) {
    }

    public Order get(String sellerId, String orderId) {
        if (!OrderIds.looksValid(orderId)) {
            throw new Failure.NotFound("No order has the id " + orderId + ".");
        }
        return orders.get(orderId)
                .filter(o -> o.sellerId().equals(sellerId))
                .orElseThrow(() -> new Failure.NotFound("No order has the id " + orderId + "."));
    }

    /**
     * An order as stored, its delivery as it came when it was held (null when none was kept), and what
     * its platform has been told (the channel syncs, oldest first).
     */
    public record Detail(Order order, String rawPayload, List<ChannelSync> syncs) {
    }

    /**
     * GET /v1/orders/{orderId}[?include=raw]: the order, and with include=raw the delivery it was made
     * from (kept for held orders), so a misreading of ours can be checked against what was sent.
     */
    public Detail detail(String sellerId, String orderId, Map<String, String> query) {
        String include = query == null ? null : query.get("include");
        if (include != null && !include.equals("raw")) {
            throw new Failure.InvalidInput("The query has 1 invalid parameter.",
                    List.of(new FieldError("include", "must be raw (the delivery the order was made from)")));
        }
        Order order = get(sellerId, orderId);
        String raw = include == null ? null : orders.rawPayload(orderId)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
        return new Detail(order, raw, syncs == null ? List.of() : syncs.ofOrder(orderId));
    }

    /** GET /v1/orders: validates every parameter (all errors at once), then reads one page. */
    public Listing list(String sellerId, Map<String, String> query, Instant now) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        OrderStatus status = null;
        if (q.get("status") != null) {
            try {
                status = OrderStatus.valueOf(q.get("status"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + Arrays.toString(OrderStatus.values())));
            }
        }
        Instant from = instant(q, "createdFrom", errors);
        Instant to = instant(q, "createdTo", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("createdFrom", "must not be after createdTo"));
        }
        Instant shipByBefore = instant(q, "shipByBefore", errors);
        Boolean late = null;
        if (q.get("late") != null) {
            if (q.get("late").equals("true") || q.get("late").equals("false")) {
                late = Boolean.valueOf(q.get("late"));
            } else {
                errors.add(new FieldError("late", "must be true or false"));
            }
        }
        int limit = QueryParams.limit(q, DEFAULT_PAGE, MAX_PAGE, errors);
        OrderFilter filter = new OrderFilter(status, from, to, shipByBefore, late, now);
        if ((q.containsKey("q") || q.containsKey("field")) && search != null) {
            SearchQuery searchQuery = SearchQuery.parse(q.get("q"), q.get("field"), errors);
            SearchCursor.Position position = q.get("cursor") == null || searchQuery == null ? null
                    : OrderSearchService.position(q.get("cursor"), sellerId, searchQuery, errors);
            QueryParams.check(errors);
            return search.search(sellerId, searchQuery, filter, position, limit);
        }
        Map<String, String> after = q.get("cursor") == null ? null : ListingCursor.decode(q.get("cursor"), sellerId, errors);
        QueryParams.check(errors);
        Orders.Page page = orders.list(sellerId, filter, after, limit);
        return new Listing(page.orders(), ListingCursor.encode(page.next()));
    }

    public record HistoryPage(Order order, List<HistoryEntry> entries, String nextCursor) {
    }

    /** GET /v1/orders/{orderId}/history: oldest first, 100 per page; the cursor is the last version seen. */
    public HistoryPage history(String sellerId, String orderId, Map<String, String> query) {
        Order order = get(sellerId, orderId);
        Map<String, String> q = query == null ? Map.of() : query;
        long after = 0;
        if (q.get("cursor") != null) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8);
                after = Long.parseLong(text.substring(text.indexOf(':') + 1));
                if (!text.startsWith("v:") || after < 0) {
                    throw new NumberFormatException();
                }
            } catch (IllegalArgumentException e) {
                throw new Failure.InvalidInput("The query has 1 invalid parameter.",
                        List.of(new FieldError("cursor", "is not a cursor returned by this history")));
            }
        }
        List<HistoryEntry> entries = orders.history(orderId, after, MAX_PAGE + 1);
        String next = null;
        if (entries.size() > MAX_PAGE) {
            entries = entries.subList(0, MAX_PAGE);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("v:" + entries.get(MAX_PAGE - 1).version()).getBytes(StandardCharsets.UTF_8));
        }
        return new HistoryPage(order, entries, next);
    }

    private static Instant instant(Map<String, String> q, String name, List<FieldError> errors) {
        String value = q.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-27T00:00:00Z"));
            return null;
        }
    }
}
