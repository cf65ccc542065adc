package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;

public interface Orders {

    /** Stores the order unless one with its id exists; true when this call created it. */
    boolean createIfAbsent(Order order);

    Optional<Order> get(String orderId);

    /** Moves the order to {@code to} only if it is in one of {@code from}; false otherwise. */
    boolean transition(String orderId, Set<OrderStatus> from, OrderStatus to, String reason, Instant at);

    /**
     * A page of the seller's orders, newest first, from the BySellerCreated index (never a scan).
     * {@code after} is the position returned with the previous page, or null for the first.
     */
    Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit);

    record Page(List<Order> orders, Map<String, String> next) {
    }

    /** Remembers that the confirmation email was queued, so a redelivery does not queue it again. */
    void markConfirmationQueued(String orderId, Instant at);
}
