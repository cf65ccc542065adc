package orderflow.shared.domain;

import java.time.Instant;

/**
 * A change of on-hand stock, kept for audit: a count set by the seller (delta from the old count),
 * an adjustment with its reason, or units leaving in a shipment (orderId set).
 */
public record StockMovement(String sku, Instant at, long delta, String kind, String reason, String actor,
                            String orderId) {
}
