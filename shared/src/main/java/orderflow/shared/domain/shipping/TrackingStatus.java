package orderflow.shared.domain.shipping;

/**
 * Where a parcel is, in the few words every carrier maps to. Order matters: a later event never
 * moves a parcel back (a scan that arrives late is kept in the history, the status stays).
 * EXCEPTION and RETURNED alert the seller; DELIVERED marks the shipment delivered at the scan's time.
 */
public enum TrackingStatus {
    PRE_TRANSIT, IN_TRANSIT, OUT_FOR_DELIVERY, EXCEPTION, RETURNED, DELIVERED, UNKNOWN;

    /** True once the carrier has the parcel: a label can no longer be voided. */
    public boolean moving() {
        return this != PRE_TRANSIT && this != UNKNOWN;
    }

    public boolean alertsSeller() {
        return this == EXCEPTION || this == RETURNED;
    }
}
