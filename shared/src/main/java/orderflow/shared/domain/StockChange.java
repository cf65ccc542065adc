package orderflow.shared.domain;

/**
 * A change to one SKU's stock that must happen atomically with an order change. Reserving needs
 * available >= quantity; committing (shipment) and releasing (cancel) need reserved >= quantity;
 * a received return restocks sellable units and writes damaged ones off.
 */
public record StockChange(String sku, int quantity, Kind kind) {

    public enum Kind {
        /** reserved += q, available -= q. */
        RESERVE,
        /** onHand -= q, reserved -= q: the units left in a box. */
        COMMIT,
        /** reserved -= q, available += q: the units are for sale again. */
        RELEASE,
        /** onHand += q, available += q: returned units in sellable condition back on the shelf. */
        RESTOCK,
        /** onHand += q, reserved += q: a voided label's units are back on the shelf, still held for the order. */
        UNCOMMIT,
        /** No count changes (the units left stock when they shipped); the loss is logged as a movement. */
        WRITE_OFF
    }

    public StockChange {
        if (quantity <= 0) {
            throw new IllegalArgumentException("stock moves are positive quantities");
        }
    }
}
