package orderflow.shared.domain.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Shipment;

/**
 * One change made here that its platform must hear about (the outbox entry): written in the same
 * transaction as the order change, then sent by the sync function until the platform has it. Its id
 * is derived from what it is about (order, kind, subject), so a repeated change writes the same one.
 * PENDING until sent; DONE with the platform's reference; FAILED with the platform's own words when
 * it refused for good (shown to the seller, retried only when the seller asks).
 */
public record ChannelSync(String syncId, String orderId, String storefrontId, String platform, Kind kind,
                          Status status, ShipmentNotice shipment, int attempts, String lastError, String platformRef,
                          Instant createdAt, Instant updatedAt) {

    public enum Kind { SHIPMENT }

    public enum Status { PENDING, DONE, FAILED }

    /** The shipment's notice for the order's platform; lines named by the platform's line ids. */
    public static ChannelSync shipment(Order order, Shipment shipment, ChannelLink link, boolean fullyShipped,
                                       Instant at) {
        List<ShipmentNotice.Line> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> e : shipment.quantities().entrySet()) {
            String lineId = order.lines().stream().filter(l -> e.getKey().equals(l.sku())).map(OrderLine::lineId)
                    .filter(id -> id != null).findFirst().orElse(null);
            lines.add(new ShipmentNotice.Line(e.getKey(), lineId, e.getValue()));
        }
        ShipmentNotice notice = new ShipmentNotice(shipment.shipmentId(), shipment.carrier(), shipment.trackingNumber(),
                shipment.trackingUrl(), shipment.shipDate(), lines, fullyShipped);
        return new ChannelSync(idOf(order.orderId(), Kind.SHIPMENT, shipment.shipmentId()), order.orderId(),
                link.storefrontId(), link.platform(), Kind.SHIPMENT, Status.PENDING, notice, 0, null, null, at, at);
    }

    /** "sync_" + 26 characters of SHA-256(order, kind, subject). */
    public static String idOf(String orderId, Kind kind, String subject) {
        return OrderIds.derived("sync_", "sync\u0000" + orderId + "\u0000" + kind + "\u0000" + subject);
    }

    public ChannelSync done(String ref, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.DONE, shipment, attempts + 1,
                null, ref, createdAt, at);
    }

    public ChannelSync failed(String platformMessage, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.FAILED, shipment, attempts + 1,
                platformMessage, null, createdAt, at);
    }

    /** Still pending after an attempt that will be retried: counted, with why. */
    public ChannelSync retrying(String reason, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.PENDING, shipment, attempts + 1,
                reason, null, createdAt, at);
    }

    /** The seller asked to try a failed sync again. */
    public ChannelSync again(Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.PENDING, shipment, attempts,
                lastError, null, createdAt, at);
    }
}
