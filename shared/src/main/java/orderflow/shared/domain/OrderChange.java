package orderflow.shared.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one decision about an order writes, all or nothing: the order as it becomes (its version
 * one above {@code before}'s), the history entry for that version and any stock moves.
 */
public record OrderChange(Order before, Order after, HistoryEntry entry, List<StockChange> stock) {

    public OrderChange {
        stock = List.copyOf(stock);
        if (after.version() != before.version() + 1 || entry.version() != after.version()) {
            throw new IllegalArgumentException("a change moves the order exactly one version on");
        }
    }

    public static OrderChange of(Order before, Order after, Instant at, Actor actor, String action,
                                 String reason, List<StockChange> stock) {
        return new OrderChange(before, after, new HistoryEntry(before.orderId(), after.version(), at, actor, action,
                before.status(), after.status(), reason), stock);
    }
}
