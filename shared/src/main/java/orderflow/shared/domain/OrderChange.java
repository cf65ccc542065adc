package orderflow.shared.domain;

import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.channels.ChannelSync;

/**
 * What one decision about an order writes, all or nothing: the order as it becomes (its version
 * one above {@code before}'s), the history entry for that version, any stock moves, and what the
 * order's platform must hear about it (the channel syncs: an outbox written with the change).
 */
public record OrderChange(Order before, Order after, HistoryEntry entry, List<StockChange> stock,
                          List<ChannelSync> syncs) {

    public OrderChange {
        stock = List.copyOf(stock);
        syncs = syncs == null ? List.of() : List.copyOf(syncs);
        if (after.version() != before.version() + 1 || entry.version() != after.version()) {
            throw new IllegalArgumentException("a change moves the order exactly one version on");
        }
    }

    public static OrderChange of(Order before, Order after, Instant at, Actor actor, String action,
                                 String reason, List<StockChange> stock) {
        return new OrderChange(before, after, new HistoryEntry(before.orderId(), after.version(), at, actor, action,
                before.status(), after.status(), reason), stock, List.of());
    }

    public OrderChange(Order before, Order after, HistoryEntry entry, List<StockChange> stock) {
        this(before, after, entry, stock, List.of());
    }

    /** The same change, with one more platform to tell. */
    public OrderChange withSync(ChannelSync sync) {
        List<ChannelSync> next = new java.util.ArrayList<>(syncs);
        next.add(sync);
        return new OrderChange(before, after, entry, stock, next);
    }
}
