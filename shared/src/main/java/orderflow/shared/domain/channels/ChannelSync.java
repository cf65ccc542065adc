package orderflow.shared.domain.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.returns.Refund;

/**
 * One change made here that its platform must hear about (the outbox entry): written in the same
 * transaction as the order change, then sent by the sync function until the platform has it. Its id
 * is derived from what it is about (order, kind, subject), so a repeated change writes the same one.
 * PENDING until sent; DONE with the platform's reference; FAILED with the platform's own words when
 * it refused for good (shown to the seller, retried only when the seller asks). sendingSince: an
 * attempt claimed the sync then (the lease; see ChannelSyncService), null between attempts.
 */
public record ChannelSync(String syncId, String orderId, String storefrontId, String platform, Kind kind,
                          Status status, ChannelNotice notice, int attempts, String lastError, String platformRef,
                          Instant createdAt, Instant updatedAt, Instant sendingSince) {

    public enum Kind { SHIPMENT, ACKNOWLEDGE, CANCEL, REFUND }

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
        return pending(order, link, Kind.SHIPMENT, shipment.shipmentId(), notice, at);
    }

    /** The seller acknowledged the order: Amazon hears our order id as the merchant order id. */
    public static ChannelSync acknowledge(Order order, ChannelLink link, Instant at) {
        return pending(order, link, Kind.ACKNOWLEDGE, "acknowledge",
                new AcknowledgeNotice(order.orderId(), allLines(order)), at);
    }

    /** The seller canceled the order (reason: ours; note: the seller's words, may be null). */
    public static ChannelSync cancel(Order order, String reason, String note, boolean buyerRequested,
                                     ChannelLink link, Instant at) {
        return pending(order, link, Kind.CANCEL, "cancel",
                new CancelNotice(order.orderId(), reason, note, buyerRequested, allLines(order)), at);
    }

    /** A refund recorded here; returned: units per SKU that came back (empty for goodwill). */
    public static ChannelSync refund(Order order, Refund refund, Map<String, Integer> returned, ChannelLink link,
                                     Instant at) {
        return pending(order, link, Kind.REFUND, refund.refundId(), RefundNotice.of(order, refund.refundId(),
                refund.amount(), refund.reason(), refund.goodwill(), returned), at);
    }

    private static ChannelSync pending(Order order, ChannelLink link, Kind kind, String subject, ChannelNotice notice,
                                       Instant at) {
        return new ChannelSync(idOf(order.orderId(), kind, subject), order.orderId(), link.storefrontId(),
                link.platform(), kind, Status.PENDING, notice, 0, null, null, at, at, null);
    }

    private static List<ShipmentNotice.Line> allLines(Order order) {
        List<ShipmentNotice.Line> lines = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            lines.add(new ShipmentNotice.Line(l.sku(), l.lineId(), l.quantity()));
        }
        return lines;
    }

    /** "sync_" + 26 characters of SHA-256(order, kind, subject). */
    public static String idOf(String orderId, Kind kind, String subject) {
        return OrderIds.derived("sync_", "sync\u0000" + orderId + "\u0000" + kind + "\u0000" + subject);
    }

    /** The shipment this sync tells of; null for other kinds. */
    public ShipmentNotice shipment() {
        return notice instanceof ShipmentNotice s ? s : null;
    }

    /** An attempt takes the sync: counted now, so a second delivery cannot take it too (see ChannelSyncService). */
    public ChannelSync sending(Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.PENDING, notice, attempts + 1,
                lastError, null, createdAt, at, at);
    }

    /** The attempt's outcomes (the attempt was counted when it took the sync). */
    public ChannelSync done(String ref, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.DONE, notice, attempts,
                null, ref, createdAt, at, null);
    }

    public ChannelSync failed(String platformMessage, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.FAILED, notice, attempts,
                platformMessage, null, createdAt, at, null);
    }

    /** Still pending after an attempt that will be retried, with why. */
    public ChannelSync retrying(String reason, Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.PENDING, notice, attempts,
                reason, null, createdAt, at, null);
    }

    /** The seller asked to try a failed sync again: attempts start over, the last error stays until then. */
    public ChannelSync again(Instant at) {
        return new ChannelSync(syncId, orderId, storefrontId, platform, kind, Status.PENDING, notice, 0,
                lastError, null, createdAt, at, null);
    }

    /**
     * Whether sending it again after an attempt died mid-call is harmless: true wherever the client
     * finds what an earlier call made. Amazon's payment adjustment feed has no such lookup and adds up
     * (a second feed pays the buyer twice), so that one goes to the seller instead.
     */
    public boolean safeToResend() {
        return !(kind == Kind.REFUND && ChannelLink.AMAZON.equals(platform));
    }
}
