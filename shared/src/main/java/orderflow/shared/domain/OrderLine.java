package orderflow.shared.domain;

/**
 * One line of an order. sku is null only on an ON_HOLD order whose storefront sent a line without
 * one (a custom item): the seller maps it before the order is released. ref is the platform's
 * product (or variant) id, by which a mapping is remembered for the storefront's later orders.
 * lineId is the platform's own id of this line (Shopify's and WooCommerce's line item id, Amazon's
 * OrderItemId): what a shipment, cancel or refund sent back to the platform names the line by.
 */
public record OrderLine(String sku, String title, int quantity, Money unitPrice, String ref, String lineId) {

    public OrderLine(String sku, String title, int quantity, Money unitPrice) {
        this(sku, title, quantity, unitPrice, null, null);
    }

    public OrderLine(String sku, String title, int quantity, Money unitPrice, String ref) {
        this(sku, title, quantity, unitPrice, ref, null);
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }

    public OrderLine withSku(String mapped) {
        return new OrderLine(mapped, title, quantity, unitPrice, ref, lineId);
    }
}
