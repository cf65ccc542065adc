package orderflow.shared.domain.shipping;

import java.time.Instant;

import orderflow.shared.domain.Money;

/**
 * The bought label behind a shipment: which label, through which provider and service, what it
 * cost, and the carrier's latest word on the parcel (null until the first scan). Shipments the seller
 * typed in have none.
 */
public record ShipmentLabel(String labelId, String provider, String service, Money cost,
                            TrackingStatus trackingStatus, Instant trackingAt, String trackingDetail) {

    public ShipmentLabel tracked(TrackingStatus status, Instant at, String detail) {
        return new ShipmentLabel(labelId, provider, service, cost, status, at, detail);
    }
}
