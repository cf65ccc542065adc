package orderflow.shared.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.shipping.ShipmentLabel;

/**
 * One package: carrier and tracking (checked against the carrier's format), the units it holds
 * per SKU, whether it left after the ship-by date, when it was delivered (null until then), and the
 * label bought for it here (null when the seller typed the tracking number in).
 */
public record Shipment(String shipmentId, String carrier, String trackingNumber, boolean trackingValid,
                       String trackingUrl, Instant shipDate, Map<String, Integer> quantities, boolean late,
                       Instant recordedAt, Instant deliveredAt, Boolean deliveredOnTime, ShipmentLabel label) {

    public Shipment {
        quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    }

    public Shipment(String shipmentId, String carrier, String trackingNumber, boolean trackingValid, String trackingUrl,
                    Instant shipDate, Map<String, Integer> quantities, boolean late, Instant recordedAt,
                    Instant deliveredAt, Boolean deliveredOnTime) {
        this(shipmentId, carrier, trackingNumber, trackingValid, trackingUrl, shipDate, quantities, late, recordedAt,
                deliveredAt, deliveredOnTime, null);
    }

    public Shipment delivered(Instant at, Instant deliverBy) {
        return new Shipment(shipmentId, carrier, trackingNumber, trackingValid, trackingUrl, shipDate, quantities,
                late, recordedAt, at, deliverBy == null || !at.isAfter(deliverBy), label);
    }

    /** The carrier's latest scan recorded on the label (the shipment must have one). */
    public Shipment tracked(ShipmentLabel next) {
        return new Shipment(shipmentId, carrier, trackingNumber, trackingValid, trackingUrl, shipDate, quantities,
                late, recordedAt, deliveredAt, deliveredOnTime, next);
    }
}
