package orderflow.shared.ports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.RmaStatus;

/** ReturnsTable: the RMAs of each order. */
public interface Returns {

    /** The order's RMAs, oldest first (canceled ones included: they keep their numbers). */
    List<ReturnAuthorization> forOrder(String orderId);

    Optional<ReturnAuthorization> get(String rmaId);

    /**
     * A page of the seller's RMAs, newest first, from the BySeller index; {@code status} null for
     * all. {@code after} is the position returned with the previous page, or null.
     */
    Page listBySeller(String sellerId, RmaStatus status,
                      Map<String, String> after, int limit);

    record Page(List<ReturnAuthorization> items, Map<String, String> next) {
    }

    /**
     * Stores the RMA a storefront's return request asked for, unless that request (its storefront
     * and returnId, the request key) already has one: one RMA per request, however its deliveries race.
     */
    CreatedFor createFor(ReturnAuthorization rma, String sellerId, String requestKey);

    /** The id of the RMA a storefront's request created, if it did. */
    Optional<String> rmaForRequest(String requestKey);

    sealed interface CreatedFor {
    }

    /** Stored now. */
    record Created() implements CreatedFor {
    }

    /** The request had its RMA already (a redelivery): nothing was written. */
    record AlreadyRequested(String rmaId) implements CreatedFor {
    }

    /** Another RMA of the order took the sequence at the same moment: read again and retry. */
    record SequenceTaken() implements CreatedFor {
    }

    /** Stores a new RMA unless its id (order + sequence) exists: false when a concurrent request took it. */
    boolean create(ReturnAuthorization rma, String sellerId);
}
