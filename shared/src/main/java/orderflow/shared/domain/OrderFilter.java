package orderflow.shared.domain;

import java.time.Instant;

/**
 * What a seller asks GET /v1/orders for; null fields do not filter. late = not yet shipped in full
 * and past its ship-by date at {@code now}.
 */
public record OrderFilter(OrderStatus status, Instant createdFrom, Instant createdTo, Instant shipByBefore,
                          Boolean late, Instant now) {
}
