package orderflow.shared.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One package: carrier and tracking (checked against the carrier's format), the units it holds
 * per SKU, whether it left after the ship-by date, and when it was delivered (null until then).
 */
public record Shipment(String shipmentId, String carrier, String trackingNumber, boolean trackingValid,
                       String trackingUrl, Instant shipDate, Map<String, Integer> quantities, boolean late,
                       Instant recordedAt, Instant deliveredAt, Boolean deliveredOnTime) {

    public Shipment {
        quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    }

    public Shipment delivered(Instant at, Instant deliverBy) {
        return new Shipment(shipmentId, carrier, trackingNumber, trackingValid, trackingUrl, shipDate, quantities,
                late, recordedAt, at, deliverBy == null || !at.isAfter(deliverBy));
    }
}
