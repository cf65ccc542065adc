package orderflow.shared.service;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.ports.Orders;

/** Seller reads. Another seller's order is indistinguishable from a missing one. */
public final class OrderQueryService {

    private final Orders orders;

    public OrderQueryService(Orders orders) {
        this.orders = orders;
    }

    public Order get(String sellerId, String orderId) {
        if (!OrderIds.looksValid(orderId)) {
            throw new Failure.NotFound("No order has the id " + orderId + ".");
        }
        return orders.get(orderId)
                .filter(o -> o.sellerId().equals(sellerId))
                .orElseThrow(() -> new Failure.NotFound("No order has the id " + orderId + "."));
    }
}
