package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.search.SearchTerm;

/** A seller's search entries (one Query per page, never a scan) and the orders they point to. */
public interface OrderSearch {

    /**
     * Entries of the seller's term, exact (newest first, optionally within a purchase window) or, for a
     * kind that matches by prefix, every value starting with it (in value order). {@code after} is the
     * position returned with the previous page, or null.
     */
    Matches find(String sellerId, SearchTerm term, Instant createdFrom, Instant createdTo, Map<String, String> after,
                 int limit);

    /** Order ids in the entries' order; next is null after the last entry. */
    record Matches(List<String> orderIds, Map<String, String> next) {
    }

    /** The orders with these ids, in the order asked; an id whose order is gone is left out. */
    List<Order> orders(List<String> orderIds);
}
