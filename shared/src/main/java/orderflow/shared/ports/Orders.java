package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;

/**
 * OrdersTable and its history. Every write after creation is an {@link OrderChange}: the order at
 * the next version (only if nobody changed it since it was read), its history entry and its
 * stock moves, all or nothing.
 */
public interface Orders {

    /** Stores a new order (version 1) with its first history entry unless the id exists; true when created. */
    boolean create(Order order, HistoryEntry received);

    /**
     * As {@link #create(Order, HistoryEntry)}, keeping the storefront's delivery as it came (an ON_HOLD
     * order's, so nothing is lost when our reading of it was wrong).
     */
    default boolean create(Order order, HistoryEntry received, byte[] rawPayload) {
        return create(order, received);
    }

    /** The delivery an order was made from, when it was kept. */
    default Optional<byte[]> rawPayload(String orderId) {
        return Optional.empty();
    }

    default boolean createIfAbsent(Order order) {
        return createIfAbsent(order, null);
    }

    default boolean createIfAbsent(Order order, byte[] rawPayload) {
        return create(order, new HistoryEntry(order.orderId(), order.version(), order.receivedAt(),
                Actor.storefront(order.storefrontId()), "receive", null, order.status(), order.status() == OrderStatus.ON_HOLD ? order.statusReason() : "received from the storefront"),
                rawPayload);
    }

    Optional<Order> get(String orderId);

    Applied apply(OrderChange change);

    sealed interface Applied {
    }

    record Done() implements Applied {
    }

    /** Nothing was written: the order is no longer at the version the change was decided on. */
    record Stale() implements Applied {
    }

    /** Nothing was written: stock cannot cover these reservations. */
    record Short(List<Shortfall> shortfalls) implements Applied {
    }

    record Shortfall(String sku, int requested, Integer available) {
        /** available is null when the seller has no stock record for the SKU. */
        public boolean unknownSku() {
            return available == null;
        }
    }

    /**
     * A page of the seller's orders, newest first, from the BySellerCreated index (never a scan).
     * {@code after} is the position returned with the previous page, or null for the first.
     */
    Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit);

    record Page(List<Order> orders, Map<String, String> next) {
    }

    /** A page of the seller's orders in one status from the BySellerStatus index (never a scan). */
    Page listByStatus(String sellerId, OrderStatus status, Map<String, String> after, int limit, boolean oldestFirst);

    /** History entries oldest first, after version {@code afterVersion} (0 for the start). */
    List<HistoryEntry> history(String orderId, long afterVersion, int limit);

    /** Remembers that the confirmation email was queued, so a redelivery does not queue it again. */
    void markConfirmationQueued(String orderId, Instant at);
}
