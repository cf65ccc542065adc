package orderflow.shared.aws;

import java.time.Instant;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.WatchedOrders;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ByWatch index of OrdersTable: sparse, holding only orders a scheduled job must look at,
 * keyed by what they wait for. {@code watchKey} is the kind and a bucket (orders are spread over
 * {@link #BUCKETS} partitions so no single index partition takes every write), {@code watchAt} the
 * time that matters, then the order id:
 * <ul>
 *   <li>{@code SHIP#n}: UNSHIPPED or PARTIALLY_SHIPPED, by ship-by date (late and at-risk checks);</li>
 *   <li>{@code PENDING#n}: payment not verified, by purchase time (unpaid orders are canceled);</li>
 *   <li>{@code WAITING#n}: ON_HOLD or BACKORDERED, by arrival (the seller's digest lists them once).</li>
 * </ul>
 * Written with every version of the order; a versioned update removes them when the order no
 * longer waits. Flagged orders stay until then and are filtered out by their flag.
 */
public final class WatchKeys {

    public static final String INDEX = "ByWatch";
    public static final int BUCKETS = 8;

    private WatchKeys() {
    }

    static void put(Map<String, AttributeValue> item, Order o) {
        WatchedOrders.Watch kind = null;
        Instant at = null;
        if ((o.status() == OrderStatus.UNSHIPPED || o.status() == OrderStatus.PARTIALLY_SHIPPED) && o.shipBy() != null) {
            kind = WatchedOrders.Watch.SHIP;
            at = o.shipBy();
        } else if (o.status() == OrderStatus.PENDING) {
            kind = WatchedOrders.Watch.PENDING;
            at = o.createdAt();
        } else if (o.status() == OrderStatus.ON_HOLD || o.status() == OrderStatus.BACKORDERED) {
            kind = WatchedOrders.Watch.WAITING;
            at = o.receivedAt();
        }
        if (kind != null) {
            item.put("watchKey", Attr.s(key(kind, bucket(o.orderId()))));
            item.put("watchAt", Attr.s(at(at) + "#" + o.orderId()));
        }
    }

    static String key(WatchedOrders.Watch kind, int bucket) {
        return kind.name() + "#" + bucket;
    }

    /** The index sort key's time part: fixed width, so keys order as the instants do. */
    static String at(Instant at) {
        return OrderItems.sortableTime(at);
    }

    public static int bucket(String orderId) {
        return Math.floorMod(orderId.hashCode(), BUCKETS);
    }
}
