package orderflow.shared.domain.shipping;

import orderflow.shared.domain.Money;

/**
 * A line in the box, as carriers that ask for contents want it (Amazon Shipping: the order item id
 * and value; customs): SKU, title, units, the platform's line id (null when none) and one unit's value.
 */
public record ParcelItem(String sku, String title, int quantity, String orderItemId, Money unitValue) {
}
