package orderflow.shared.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, in one place. Mirrors Seller Central: PENDING (payment not verified),
 * UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CANCELED; READY is a paid order waiting for its
 * stock reservation, BACKORDERED one whose stock is short, ON_HOLD one that needs the seller.
 */
public enum OrderStatus {
    PENDING, READY, BACKORDERED, ON_HOLD, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CANCELED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(READY, CANCELED),
            READY, EnumSet.of(UNSHIPPED, BACKORDERED, ON_HOLD, CANCELED),
            BACKORDERED, EnumSet.of(UNSHIPPED, BACKORDERED, ON_HOLD, CANCELED),
            ON_HOLD, EnumSet.of(READY, CANCELED),
            UNSHIPPED, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, CANCELED),
            PARTIALLY_SHIPPED, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED),
            SHIPPED, EnumSet.of(DELIVERED),
            DELIVERED, EnumSet.noneOf(OrderStatus.class),
            CANCELED, EnumSet.noneOf(OrderStatus.class));

    /** Before anything left the warehouse: the seller may still acknowledge the order. */
    private static final Set<OrderStatus> PRE_SHIPMENT = EnumSet.of(PENDING, READY, BACKORDERED, ON_HOLD, UNSHIPPED);

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
