package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;

import orderflow.shared.domain.Order;

/** Atomic stock reservation for a whole order together with its move to UNSHIPPED. */
public interface Reservations {

    Result reserveAndConfirm(Order order, Instant shipBy, Instant now);

    record Shortfall(String sku, int requested, Integer available) {
        /** available is null when the seller has no stock record for the SKU. */
        public boolean unknownSku() {
            return available == null;
        }
    }

    sealed interface Result {
    }

    record Reserved() implements Result {
    }

    /** Nothing was written: these lines cannot be covered. */
    record Short(List<Shortfall> shortfalls) implements Result {
    }

    /** Nothing was written: the order was no longer waiting for stock (a concurrent delivery won). */
    record NotWaiting() implements Result {
    }
}
