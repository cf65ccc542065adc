package orderflow.shared.service;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;

/** What the pick list, the packing slip and the pack check agree on: which orders have something left to pack. */
final class Packing {

    private Packing() {
    }

    static boolean packable(Order order) {
        return order.status() == OrderStatus.UNSHIPPED || order.status() == OrderStatus.PARTIALLY_SHIPPED;
    }

    /** The order, when it has something left to pack; else 409 (illegal transition). */
    static Order requirePackable(Order order) {
        if (!packable(order)) {
            throw new Failure.IllegalTransition("An order that is " + order.status() + " has nothing left to pack.",
                    order.status());
        }
        return order;
    }
}
