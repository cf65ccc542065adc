package orderflow.shared.domain;

/**
 * One line of an order. sku is null only on an ON_HOLD order whose storefront sent a line without
 * one (a custom item): the seller maps it before the order is released. ref is the platform's
 * product (or variant) id, by which a mapping is remembered for the storefront's later orders.
 */
public record OrderLine(String sku, String title, int quantity, Money unitPrice, String ref) {

    public OrderLine(String sku, String title, int quantity, Money unitPrice) {
        this(sku, title, quantity, unitPrice, null);
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }

    public OrderLine withSku(String mapped) {
        return new OrderLine(mapped, title, quantity, unitPrice, ref);
    }
}
