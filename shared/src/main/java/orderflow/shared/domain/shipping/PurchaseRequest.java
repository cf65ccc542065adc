package orderflow.shared.domain.shipping;

/**
 * Buy one rate of a quote. idempotencyKey is ours and stable across retries of the same purchase
 * (carriers that take one are given it; the others are asked first whether the quote is bought).
 */
public record PurchaseRequest(String quoteId, String rateId, String idempotencyKey, LabelFormat format) {
}
