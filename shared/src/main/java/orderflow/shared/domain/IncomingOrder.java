package orderflow.shared.domain;

import java.time.Instant;
import java.util.List;

/**
 * A storefront order as read from the platform's format, before it becomes an {@link Order}. Never
 * refused for its content: what we could not read or act on is in intake's holds, and the order is
 * stored ON_HOLD for the seller to fix. paid: the storefront says the money is secured.
 */
public record IncomingOrder(String externalOrderId, Instant createdAt, boolean paid, String currency,
                            Buyer buyer, Address shipTo, List<OrderLine> lines, Totals totals, Intake intake) {

    public IncomingOrder {
        lines = List.copyOf(lines);
        if (intake == null) {
            intake = Intake.NONE;
        }
    }

    public IncomingOrder(String externalOrderId, Instant createdAt, boolean paid, String currency, Buyer buyer,
                         Address shipTo, List<OrderLine> lines, Totals totals) {
        this(externalOrderId, createdAt, paid, currency, buyer, shipTo, lines, totals, null);
    }

    /** Ready to reserve stock now: paid, or paid on delivery (cash on delivery, a manual gateway). */
    public boolean shippable() {
        return paid || intake.payOnDelivery();
    }

    public Order toOrder(String storefrontId, String sellerId, Instant receivedAt) {
        Intake kept = shippable() ? intake : new Intake(intake.displayNumber(), intake.payOnDelivery(), true,
                intake.holds(), intake.marketplaceShipBy(), intake.marketplaceDeliverBy(), intake.notes(),
                intake.presentment());
        OrderStatus status = kept.held() ? OrderStatus.ON_HOLD : shippable() ? OrderStatus.READY : OrderStatus.PENDING;
        return new Order(OrderIds.forExternal(storefrontId, externalOrderId), sellerId, storefrontId,
                externalOrderId, status, kept.held() ? kept.holdReason() : null,
                createdAt == null ? receivedAt : createdAt, receivedAt, currency, buyer, shipTo, lines,
                totals, null, null, 1, Fulfillment.NONE, null, kept);
    }
}
