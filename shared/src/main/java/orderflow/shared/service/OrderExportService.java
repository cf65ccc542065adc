package orderflow.shared.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.json.JsonSize;
import orderflow.shared.ports.Orders;

/**
 * GET /v1/orders/export: the seller's orders created in [from, to], newest first, as CSV rows.
 * A response stops before it could outgrow Lambda's 6 MB payload or the invocation's time, and
 * then names the cursor to continue from, so any range can be fetched in parts without a gap.
 */
public final class OrderExportService {

    /**
     * Below Lambda's 6 MB response limit with room for headers, counted as the body is sent: a JSON
     * string, where each quote of a CSV field full of quotes costs twice its UTF-8 byte.
     */
    public static final int MAX_BYTES = 5_000_000;
    private static final int PAGE = 500;

    private final Orders orders;

    public OrderExportService(Orders orders) {
        this.orders = orders;
    }

    /** from and to as applied (to defaults to now), for the link to the next part. */
    public record Export(String csv, int rows, String nextCursor, Instant from, Instant to) {
    }

    /** {@code timeLeft} says whether another page fits in the invocation. */
    public Export export(String sellerId, Map<String, String> query, Instant now, Function<Order, String> row,
                         String header, BooleanSupplier timeLeft) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant(q, "from", errors);
        Instant to = q.get("to") == null ? now : instant(q, "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        Map<String, String> after = q.get("cursor") == null ? null : ListingCursor.decode(q.get("cursor"), sellerId, errors);
        QueryParams.check(errors);
        StringBuilder csv = new StringBuilder(header);
        long bytes = JsonSize.ofString(header);
        int rows = 0;
        OrderFilter filter = new OrderFilter(null, from, to, null, null, now);
        while (true) {
            Orders.Page page = orders.list(sellerId, filter, after, PAGE);
            StringBuilder part = new StringBuilder();
            for (Order o : page.orders()) {
                part.append(row.apply(o));
            }
            long size = JsonSize.ofString(part) - 2;
            if (bytes + size > MAX_BYTES && rows > 0) {
                // This page would not fit: the next response starts with it.
                return new Export(csv.toString(), rows, ListingCursor.encode(after), from, to);
            }
            csv.append(part);
            bytes += size;
            rows += page.orders().size();
            after = page.next();
            if (after == null) {
                return new Export(csv.toString(), rows, null, from, to);
            }
            if (!timeLeft.getAsBoolean()) {
                return new Export(csv.toString(), rows, ListingCursor.encode(after), from, to);
            }
        }
    }

    private static Instant instant(Map<String, String> q, String name, List<FieldError> errors) {
        String value = q.get(name);
        if (value == null) {
            errors.add(new FieldError(name, "is required (an ISO-8601 instant such as 2026-11-01T00:00:00Z)"));
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
