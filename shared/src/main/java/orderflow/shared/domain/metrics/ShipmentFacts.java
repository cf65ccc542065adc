package orderflow.shared.domain.metrics;

import java.time.Instant;

import orderflow.shared.domain.Shipment;

/**
 * One package, as the tracking and delivery metrics need it: when it left, whether its tracking
 * number passed the carrier check (an unknown carrier never does), and when it was delivered and
 * whether that was by the promised date (both null until delivered).
 */
public record ShipmentFacts(String shipmentId, Instant shipDate, boolean trackingValid, Instant deliveredAt,
                            Boolean deliveredOnTime) {

    public static ShipmentFacts from(Shipment s) {
        return new ShipmentFacts(s.shipmentId(), s.shipDate(), s.trackingValid(), s.deliveredAt(), s.deliveredOnTime());
    }
}
