package orderflow.shared.domain.metrics;

import java.time.Instant;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.Shipment;

/**
 * One package, as the tracking and delivery metrics need it: when it left, whether its tracking
 * number passed the carrier check (an unknown carrier never does), and when it was delivered and
 * whether that was by the promised date (both null until delivered), and what its label cost when
 * it was bought here (null otherwise).
 */
public record ShipmentFacts(String shipmentId, Instant shipDate, boolean trackingValid, Instant deliveredAt,
                            Boolean deliveredOnTime, Money labelCost) {

    public ShipmentFacts(String shipmentId, Instant shipDate, boolean trackingValid, Instant deliveredAt,
                         Boolean deliveredOnTime) {
        this(shipmentId, shipDate, trackingValid, deliveredAt, deliveredOnTime, null);
    }

    public static ShipmentFacts from(Shipment s) {
        return new ShipmentFacts(s.shipmentId(), s.shipDate(), s.trackingValid(), s.deliveredAt(), s.deliveredOnTime(),
                s.label() == null ? null : s.label().cost());
    }
}
