package orderflow.shared.domain.returns;

/**
 * Units of one SKU that arrived back, in what condition, and the reason they were returned for
 * (copied from the RMA by {@link Receiving#check}; the refund's restocking fee depends on it).
 */
public record ReceivedLine(String sku, int quantity, ItemCondition condition, ReturnReason reason) {

    public ReceivedLine {
        if (sku == null || condition == null || reason == null || quantity < 1) {
            throw new IllegalArgumentException("a received line has a SKU, a condition, a reason and at least one unit");
        }
    }
}
