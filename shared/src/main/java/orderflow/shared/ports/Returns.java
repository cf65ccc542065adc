package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.returns.ReturnAuthorization;

/** ReturnsTable: the RMAs of each order. */
public interface Returns {

    /** The order's RMAs, oldest first (canceled ones included: they keep their numbers). */
    List<ReturnAuthorization> forOrder(String orderId);

    Optional<ReturnAuthorization> get(String rmaId);

    /** Stores a new RMA unless its id (order + sequence) exists: false when a concurrent request took it. */
    boolean create(ReturnAuthorization rma, String sellerId);
}
