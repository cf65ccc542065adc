package orderflow.shared.domain;

import java.time.Instant;

import orderflow.shared.domain.shipping.ShippingProfile;

/**
 * One SKU's stock for a seller: on hand (physically there), reserved (promised to confirmed orders
 * not yet shipped) and available = onHand - reserved, never negative. lowStockSince is set while
 * available is below the threshold (0 = no alerts); binLocation and barcode serve the warehouse,
 * shipping (one unit's weight and box) prices labels, handlingDays (null: the seller's) is how many
 * shipping days this SKU needs before it ships.
 */
public record StockItem(String sku, long onHand, long reserved, long available, long lowStockThreshold,
                        String binLocation, String barcode, Instant lowStockSince, Instant updatedAt,
                        ShippingProfile shipping, Integer handlingDays) {

    public StockItem {
        shipping = shipping == null ? ShippingProfile.NONE : shipping;
    }

    public StockItem(String sku, long onHand, long reserved, long available, long lowStockThreshold,
                     String binLocation, String barcode, Instant lowStockSince, Instant updatedAt) {
        this(sku, onHand, reserved, available, lowStockThreshold, binLocation, barcode, lowStockSince, updatedAt, null);
    }

    public StockItem(String sku, long onHand, long reserved, long available, long lowStockThreshold,
                     String binLocation, String barcode, Instant lowStockSince, Instant updatedAt,
                     ShippingProfile shipping) {
        this(sku, onHand, reserved, available, lowStockThreshold, binLocation, barcode, lowStockSince, updatedAt,
                shipping, null);
    }

    public boolean lowStock() {
        return lowStockSince != null;
    }

    /** What the scanner reads for this SKU: its barcode, or the SKU itself when none is set. */
    public String scanCode() {
        return barcode == null ? sku : barcode;
    }
}
