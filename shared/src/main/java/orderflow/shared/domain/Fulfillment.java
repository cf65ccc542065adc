package orderflow.shared.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to an order after it was placed: acknowledged by the seller, the promised
 * delivery date, its shipments, its cancellation and the last passed pack check. {@link #NONE} for a new order.
 */
public record Fulfillment(Instant acknowledgedAt, Instant deliverBy, List<Shipment> shipments,
                          Cancellation cancellation, Instant packCheckedAt) {

    public static final Fulfillment NONE = new Fulfillment(null, null, List.of(), null, null);

    public Fulfillment {
        shipments = List.copyOf(shipments);
    }

    public Map<String, Integer> shippedBySku() {
        Map<String, Integer> shipped = new LinkedHashMap<>();
        for (Shipment s : shipments) {
            s.quantities().forEach((sku, q) -> shipped.merge(sku, q, Integer::sum));
        }
        return shipped;
    }

    public boolean allDelivered() {
        return !shipments.isEmpty() && shipments.stream().allMatch(s -> s.deliveredAt() != null);
    }

    public boolean anyLate() {
        return shipments.stream().anyMatch(Shipment::late);
    }

    public Fulfillment withAcknowledged(Instant at) {
        return new Fulfillment(at, deliverBy, shipments, cancellation, packCheckedAt);
    }

    public Fulfillment withDeliverBy(Instant at) {
        return new Fulfillment(acknowledgedAt, at, shipments, cancellation, packCheckedAt);
    }

    public Fulfillment withShipments(List<Shipment> all) {
        return new Fulfillment(acknowledgedAt, deliverBy, all, cancellation, packCheckedAt);
    }

    public Fulfillment withCancellation(Cancellation c) {
        return new Fulfillment(acknowledgedAt, deliverBy, shipments, c, packCheckedAt);
    }

    /** A box passed its pack check (the last one that did). */
    public Fulfillment withPackChecked(Instant at) {
        return new Fulfillment(acknowledgedAt, deliverBy, shipments, cancellation, at);
    }
}
