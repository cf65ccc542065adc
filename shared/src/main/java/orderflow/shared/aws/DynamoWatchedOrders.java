package orderflow.shared.aws;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import orderflow.shared.domain.Order;
import orderflow.shared.ports.WatchedOrders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** OrdersTable's ByWatch index (see {@link WatchKeys}) and the job flags on the order items. */
public final class DynamoWatchedOrders implements WatchedOrders {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWatchedOrders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public int buckets() {
        return WatchKeys.BUCKETS;
    }

    @Override
    public Page due(Watch watch, int bucket, Instant from, Instant before, Flag unflagged, String runId,
                    Map<String, String> after, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":k", Attr.s(WatchKeys.key(watch, bucket)));
        values.put(":from", Attr.s(WatchKeys.at(from)));
        values.put(":before", Attr.s(WatchKeys.at(before))); // "<time>#<orderId>" < ":before" exactly when time < before
        var response = dynamo.query(q -> {
            q.tableName(table).indexName(WatchKeys.INDEX)
                    .keyConditionExpression("watchKey = :k AND watchAt BETWEEN :from AND :before")
                    .scanIndexForward(true).limit(limit);
            if (unflagged != null) {
                values.put(":run", Attr.s(runId));
                q.filterExpression("attribute_not_exists(#f) OR #f = :run")
                        .expressionAttributeNames(Map.of("#f", attribute(unflagged)));
            }
            q.expressionAttributeValues(values);
            if (after != null) {
                Map<String, AttributeValue> start = new HashMap<>();
                after.forEach((k, v) -> start.put(k, Attr.s(v)));
                q.exclusiveStartKey(start);
            }
        });
        List<Order> orders = response.items().stream().filter(i -> Attr.str(i, "watchAt").compareTo(
                WatchKeys.at(before)) < 0).map(OrderItems::fromItem).toList();
        Map<String, String> next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            next = new TreeMap<>();
            for (var e : response.lastEvaluatedKey().entrySet()) {
                next.put(e.getKey(), e.getValue().s());
            }
        }
        return new Page(orders, next);
    }

    @Override
    public boolean flag(String orderId, Flag flag, String runId, Instant now) {
        String name = attribute(flag);
        // The order stays on the watch (filtered out by its flag) so a retry of this run finds it again.
        String update = "SET #f = :run, #fa = :now";
        // A late flag only while the order still waits to ship past its date (it may have shipped since the read).
        // Every flag only while the order still waits the way it was found (to ship, or for the seller).
        String fresh = flag == Flag.LATE
                ? "(attribute_not_exists(#f) AND begins_with(watchKey, :watch) AND watchAt < :nowKey)"
                : "(attribute_not_exists(#f) AND begins_with(watchKey, :watch))";
        Watch watch = flag == Flag.WAITING ? Watch.WAITING : Watch.SHIP;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":run", Attr.s(runId), ":now", Attr.s(now.toString()),
                ":watch", Attr.s(watch.name() + "#")));
        if (flag == Flag.LATE) {
            values.put(":nowKey", Attr.s(WatchKeys.at(now)));
        }
        try {
            WriteConflicts.run(() -> dynamo.updateItem(u -> u.tableName(table).key(DynamoOrders.key(orderId))
                    .updateExpression(update)
                    .conditionExpression(fresh + " OR #f = :run")
                    .expressionAttributeNames(Map.of("#f", name, "#fa", name + "At"))
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String attribute(Flag flag) {
        return switch (flag) {
            case LATE -> "lateFlag";
            case AT_RISK -> "atRiskFlag";
            case WAITING -> "waitingFlag";
        };
    }
}
