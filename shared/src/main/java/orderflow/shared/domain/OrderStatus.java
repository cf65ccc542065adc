package orderflow.shared.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, in one place. Mirrors Seller Central: PENDING (payment not verified),
 * UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CANCELED; READY is a paid order waiting for its
 * stock reservation, BACKORDERED one whose stock is short, ON_HOLD one that needs the seller.
 * After delivery, money paid back (a received return or a goodwill refund) makes it
 * PARTIALLY_REFUNDED, and REFUNDED once everything paid has been paid back.
 */
public enum OrderStatus {
    PENDING, READY, BACKORDERED, ON_HOLD, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, PARTIALLY_REFUNDED,
    REFUNDED, CANCELED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.ofEntries(
            Map.entry(PENDING, EnumSet.of(READY, ON_HOLD, CANCELED)),
            Map.entry(READY, EnumSet.of(UNSHIPPED, BACKORDERED, ON_HOLD, CANCELED)),
            Map.entry(BACKORDERED, EnumSet.of(UNSHIPPED, BACKORDERED, ON_HOLD, CANCELED)),
            Map.entry(ON_HOLD, EnumSet.of(READY, PENDING, CANCELED)),
            Map.entry(UNSHIPPED, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, CANCELED)),
            // Back to UNSHIPPED or PARTIALLY_SHIPPED only when a bought label is voided before the parcel moved.
            Map.entry(PARTIALLY_SHIPPED, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, UNSHIPPED)),
            Map.entry(SHIPPED, EnumSet.of(DELIVERED, PARTIALLY_SHIPPED, UNSHIPPED)),
            Map.entry(DELIVERED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED)),
            Map.entry(REFUNDED, EnumSet.noneOf(OrderStatus.class)),
            Map.entry(CANCELED, EnumSet.noneOf(OrderStatus.class)));

    /** Before anything left the warehouse: the seller may still acknowledge the order. */
    private static final Set<OrderStatus> PRE_SHIPMENT = EnumSet.of(PENDING, READY, BACKORDERED, ON_HOLD, UNSHIPPED);

    /** Delivered, whatever has been refunded since: returns may still be authorized and received. */
    private static final Set<OrderStatus> AFTER_DELIVERY = EnumSet.of(DELIVERED, PARTIALLY_REFUNDED, REFUNDED);

    /** What a seller may do to an order in this status (the 409 answer lists these). */
    public Set<SellerAction> sellerActions() {
        Set<SellerAction> actions = EnumSet.noneOf(SellerAction.class);
        if (PRE_SHIPMENT.contains(this)) {
            actions.add(SellerAction.ACKNOWLEDGE);
        }
        if (canBecome(CANCELED)) {
            actions.add(SellerAction.CANCEL);
        }
        if (canBecome(SHIPPED)) {
            actions.add(SellerAction.SHIP);
        }
        if (this == PARTIALLY_SHIPPED || this == SHIPPED) {
            actions.add(SellerAction.CONFIRM_DELIVERY); // per shipment; DELIVERED when all arrived
        }
        if (AFTER_DELIVERY.contains(this)) {
            actions.add(SellerAction.RETURN); // delivered units, within the seller's return window
        }
        if (canBecome(REFUNDED)) {
            actions.add(SellerAction.REFUND);
        }
        return actions;
    }

    public boolean canBecome(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The states from which {@code target} may be entered; used as write conditions. */
    public static Set<OrderStatus> sourcesOf(OrderStatus target) {
        Set<OrderStatus> sources = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus s : values()) {
            if (s.canBecome(target)) {
                sources.add(s);
            }
        }
        return sources;
    }

    public void requireCanBecome(OrderStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("order cannot go from " + this + " to " + next);
        }
    }
}
