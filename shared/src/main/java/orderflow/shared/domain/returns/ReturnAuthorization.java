package orderflow.shared.domain.returns;

import orderflow.shared.domain.Failure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A return merchandise authorization: the units of an order the buyer may send back (each SKU once),
 * AUTHORIZED when issued, then RECEIVED with what arrived and in which condition, or CANCELED.
 * Immutable; made by {@link ReturnRules#authorize}.
 */
public record ReturnAuthorization(String rmaId, String rmaNumber, String orderId, List<ReturnLine> lines,
                                  Instant createdAt, RmaStatus status, List<ReceivedLine> received,
                                  Instant receivedAt, Instant canceledAt) {

    public ReturnAuthorization {
        lines = List.copyOf(lines);
        received = received == null ? List.of() : List.copyOf(received);
        if (lines.isEmpty() || status == null) {
            throw new IllegalArgumentException("an RMA has a status and at least one line");
        }
    }

    /** The sequence-th RMA of the order (from 1), AUTHORIZED now. */
    public static ReturnAuthorization authorized(String orderId, int sequence, List<ReturnLine> lines, Instant now) {
        return new ReturnAuthorization(RmaNumbers.id(orderId, sequence), RmaNumbers.of(orderId, sequence), orderId,
                lines, now, RmaStatus.AUTHORIZED, List.of(), null, null);
    }

    /** The authorized line for the SKU, or null. */
    public ReturnLine line(String sku) {
        for (ReturnLine l : lines) {
            if (l.sku().equals(sku)) {
                return l;
            }
        }
        return null;
    }

    /** RECEIVED with these lines; check them with {@link Receiving#check} first. */
    public ReturnAuthorization receive(List<ReceivedLine> lines, Instant at) {
        if (status != RmaStatus.AUTHORIZED) {
            throw new IllegalStateException(rmaNumber + " is " + status + ", not AUTHORIZED");
        }
        return new ReturnAuthorization(rmaId, rmaNumber, orderId, this.lines, createdAt, RmaStatus.RECEIVED, lines,
                at, null);
    }

    /** CANCELED; a repeat changes nothing. Goods already received cannot be un-returned. */
    public ReturnAuthorization cancel(Instant at) {
        if (status == RmaStatus.CANCELED) {
            return this;
        }
        if (status != RmaStatus.AUTHORIZED) {
            throw new Failure.Refused(ReturnRules.RULE_RMA_STATUS, "status",
                    rmaNumber + " is already " + status + " and can no longer be canceled.");
        }
        return new ReturnAuthorization(rmaId, rmaNumber, orderId, lines, createdAt, RmaStatus.CANCELED, received,
                receivedAt, at);
    }

    /**
     * Units per SKU this RMA takes out of what can still be returned: the authorized units while
     * AUTHORIZED, the units that actually arrived once RECEIVED (the rest may be asked for again),
     * none when CANCELED.
     */
    public Map<String, Integer> unitsHeld() {
        Map<String, Integer> units = new LinkedHashMap<>();
        switch (status) {
            case AUTHORIZED -> lines.forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
            case RECEIVED -> received.forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
            case CANCELED -> { }
        }
        return units;
    }

    /**
     * Units per SKU received on these RMAs (RECEIVED ones only): what {@link RefundCalculator#forReturn}
     * needs as the units returned before. Pass the RMAs already refunded, not the one being refunded.
     */
    public static Map<String, Integer> receivedBySku(List<ReturnAuthorization> rmas) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (ReturnAuthorization rma : rmas) {
            if (rma.status == RmaStatus.RECEIVED) {
                rma.received.forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
            }
        }
        return units;
    }
}
