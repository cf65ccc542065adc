package orderflow.shared.domain.channels;

/** What a listing should offer: the units of a SKU available here (never negative). */
public record StockLevel(String sku, long available) {

    public StockLevel {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("a stock level needs a SKU");
        }
        available = Math.max(0, available);
    }
}
