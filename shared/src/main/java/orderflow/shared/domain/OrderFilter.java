package orderflow.shared.domain;

import java.time.Instant;

/**
 * What a seller asks GET /v1/orders for; null fields do not filter. late = not yet shipped in full
 * and past its ship-by date at {@code now}.
 */
public record OrderFilter(OrderStatus status, Instant createdFrom, Instant createdTo, Instant shipByBefore,
                          Boolean late, Instant now) {

    /**
     * The same filter applied to one order in memory (search results are found by their terms, then
     * filtered): the index query's conditions, written once more for an order at hand.
     */
    public boolean matches(Order o) {
        if (status != null && o.status() != status) {
            return false;
        }
        if (createdFrom != null && o.createdAt().isBefore(createdFrom)
                || createdTo != null && o.createdAt().isAfter(createdTo)) {
            return false;
        }
        if (shipByBefore != null && (o.shipBy() == null || !o.shipBy().isBefore(shipByBefore))) {
            return false;
        }
        if (late != null) {
            boolean isLate = (o.status() == OrderStatus.UNSHIPPED || o.status() == OrderStatus.PARTIALLY_SHIPPED)
                    && o.shipBy() != null && o.shipBy().isBefore(now);
            return isLate == late;
        }
        return true;
    }
}
