package orderflow.shared.domain;

import java.time.Instant;
import java.util.List;

/** A storefront order after validation, before it becomes an {@link Order}. */
public record IncomingOrder(String externalOrderId, Instant createdAt, boolean paid, String currency,
                            Buyer buyer, Address shipTo, List<OrderLine> lines, Totals totals) {

    public Order toOrder(String storefrontId, String sellerId, Instant receivedAt) {
        return new Order(OrderIds.forExternal(storefrontId, externalOrderId), sellerId, storefrontId,
                externalOrderId, paid ? OrderStatus.READY : OrderStatus.PENDING, null,
                createdAt == null ? receivedAt : createdAt, receivedAt, currency, buyer, shipTo, lines,
                totals, null, null, 1, Fulfillment.NONE, null);
    }
}
