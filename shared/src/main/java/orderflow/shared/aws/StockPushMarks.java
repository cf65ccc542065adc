package orderflow.shared.aws;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stock push outbox mark, written in the same update as every change of a SKU's available
 * units: pushShard and pushSince are the keys of the sparse StockPushDue index, set only if absent,
 * so a burst of changes writes the index once and pushSince is the first unpushed change.
 */
final class StockPushMarks {

    static final String INDEX = "StockPushDue";
    /** The one partition of the index: a SKU is in it once per push cycle, however often it changes. */
    static final String DUE = "DUE";
    /** Appended to an update's SET clause; needs {@link #values}. */
    static final String SET = "pushShard = if_not_exists(pushShard, :pushDue),"
            + " pushSince = if_not_exists(pushSince, :pushAt)";

    private StockPushMarks() {
    }

    /** The update's values plus the mark's (a new map: callers often pass an immutable one). */
    static Map<String, AttributeValue> values(Map<String, AttributeValue> values, Instant at) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pushDue", Attr.s(DUE));
        all.put(":pushAt", Attr.s(OrderItems.sortableTime(at)));
        return all;
    }
}
