package orderflow.shared.domain.shipping;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.shared.domain.Money;

/**
 * A label bought (or being bought) for one parcel of an order. PURCHASING is written before the
 * carrier is called, so an attempt that dies after paying is finished by the next one, never bought
 * again; PURCHASED once the label is stored and the shipment recorded; VOIDED after its money came back.
 * The purchased part (tracking number onward) is null until the carrier answered.
 */
public record Label(String labelId, String sellerId, String orderId, String provider, String quoteId, String rateId,
                    String carrier, String service, Money cost, Map<String, Integer> lines, LabelFormat format,
                    Status status, PurchasedLabel purchase, String fileKey, String shipmentId, Instant createdAt,
                    Instant updatedAt) {

    public enum Status { PURCHASING, PURCHASED, VOIDED }

    public Label {
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    public String trackingNumber() {
        return purchase == null ? null : purchase.trackingNumber();
    }

    public Label bought(PurchasedLabel bought, Instant at) {
        return new Label(labelId, sellerId, orderId, provider, quoteId, rateId, bought.carrier(), bought.service(),
                bought.cost() == null ? cost : bought.cost(), lines, format, status, strip(bought), fileKey, shipmentId,
                createdAt, at);
    }

    public Label stored(String key, Instant at) {
        return new Label(labelId, sellerId, orderId, provider, quoteId, rateId, carrier, service, cost, lines, format,
                status, purchase, key, shipmentId, createdAt, at);
    }

    public Label purchased(String shipment, Instant at) {
        return new Label(labelId, sellerId, orderId, provider, quoteId, rateId, carrier, service, cost, lines, format,
                Status.PURCHASED, purchase, fileKey, shipment, createdAt, at);
    }

    public Label voided(Instant at) {
        return new Label(labelId, sellerId, orderId, provider, quoteId, rateId, carrier, service, cost, lines, format,
                Status.VOIDED, purchase, fileKey, shipmentId, createdAt, at);
    }

    /** The label's bytes live in the labels bucket, not in the table. */
    private static PurchasedLabel strip(PurchasedLabel p) {
        return new PurchasedLabel(p.quoteId(), p.carrierShipmentId(), p.trackingNumber(), p.carrier(), p.service(),
                p.cost(), p.format(), null, p.labelUrl(), p.trackerId());
    }
}
