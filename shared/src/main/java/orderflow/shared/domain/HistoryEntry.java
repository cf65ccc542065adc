package orderflow.shared.domain;

import java.time.Instant;

/**
 * One change of an order, append-only: the order's version it produced, when, who, what (action),
 * the status before and after (equal when only details changed) and why.
 */
public record HistoryEntry(String orderId, long version, Instant at, Actor actor, String action,
                           OrderStatus from, OrderStatus to, String reason) {
}
