package orderflow.shared.domain.shipping;

/**
 * Buy one rate of a quote. idempotencyKey is ours and stable across retries of the same purchase
 * (carriers that take one are given it; the others are asked first whether the quote is bought).
 * rate is the offer as quoted (null when unknown): Amazon Shipping's purchase answer names neither
 * the carrier (which tracking needs) nor the price, so the label takes them from here.
 */
public record PurchaseRequest(String quoteId, String rateId, String idempotencyKey, LabelFormat format, Rate rate) {

    public PurchaseRequest(String quoteId, String rateId, String idempotencyKey, LabelFormat format) {
        this(quoteId, rateId, idempotencyKey, format, null);
    }

    /** The purchase of this rate of the quote. */
    public static PurchaseRequest of(RateQuote quote, Rate rate, String idempotencyKey, LabelFormat format) {
        return new PurchaseRequest(quote.quoteId(), rate.rateId(), idempotencyKey, format, rate);
    }
}
