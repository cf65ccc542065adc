package orderflow.shared.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;

/**
 * Orders the scheduled jobs watch, from OrdersTable's sparse ByWatch index (never a scan): those
 * still to ship, by ship-by date, those waiting for payment, by purchase time, and those waiting for
 * the seller (held or backordered), by arrival. The index is
 * spread over {@link #buckets()} partitions; a job reads each. Flags are set once per order: a
 * flag names the run that set it, so a retry of the same run keeps its orders and any other run
 * (a rerun, an overlapping one) skips them.
 */
public interface WatchedOrders {

    /** SHIP: to ship, by ship-by; PENDING: unpaid, by purchase; WAITING: ON_HOLD or BACKORDERED, by arrival. */
    enum Watch { SHIP, PENDING, WAITING }

    /** LATE and AT_RISK flag orders to ship; WAITING flags an order waiting for the seller (once). */
    enum Flag { LATE, AT_RISK, WAITING }

    int buckets();

    /**
     * A page of one bucket's watched orders whose time is in [from, before), oldest first. With a
     * flag, orders carrying it from another run are left out.
     */
    Page due(Watch watch, int bucket, Instant from, Instant before, Flag unflagged, String runId,
             Map<String, String> after, int limit);

    record Page(List<Order> orders, Map<String, String> next) {
    }

    /**
     * Sets the flag for this run unless another run set it; true when the order carries it for this
     * run now. A late flag needs the order still waiting to ship past its date when written.
     */
    boolean flag(String orderId, Flag flag, String runId, Instant now);
}
