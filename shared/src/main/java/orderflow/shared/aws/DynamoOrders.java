package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** OrdersTable, keyed by orderId. Every status change is a conditional write on the current status. */
public final class DynamoOrders implements Orders {

    /** Part of the table's schema in template.yaml, like its attribute names. */
    static final String BY_SELLER_INDEX = "BySellerCreated";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOrders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean createIfAbsent(Order order) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(OrderItems.toItem(order))
                    .conditionExpression("attribute_not_exists(orderId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Order> get(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(orderId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    @Override
    public boolean transition(String orderId, Set<OrderStatus> from, OrderStatus to, String reason, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", Attr.s(to.name()));
        values.put(":at", Attr.s(at.toString()));
        String condition = statusIn(from, values);
        String update = "SET #status = :to, updatedAt = :at";
        if (reason != null) {
            values.put(":reason", Attr.s(reason));
            update += ", statusReason = :reason";
        } else {
            update += " REMOVE statusReason";
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(orderId)).updateExpression(expression)
                    .conditionExpression(condition).expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":seller", Attr.s(sellerId));
        String key = "sellerId = :seller";
        if (filter.createdFrom() != null || filter.createdTo() != null) {
            // listKey is "<time>#<orderId>": '#' < '~' bounds every id of the last instant.
            values.put(":from", Attr.s(filter.createdFrom() == null ? "0" : OrderItems.sortableTime(filter.createdFrom())));
            values.put(":to", Attr.s(filter.createdTo() == null ? "9" : OrderItems.sortableTime(filter.createdTo()) + "~"));
            key += " AND listKey BETWEEN :from AND :to";
        }
        StringJoiner conditions = new StringJoiner(" AND ");
        if (filter.status() != null) {
            names.put("#status", "status");
            values.put(":status", Attr.s(filter.status().name()));
            conditions.add("#status = :status");
        }
        if (filter.shipByBefore() != null) {
            values.put(":shipByBefore", Attr.s(filter.shipByBefore().toString()));
            conditions.add("shipBy < :shipByBefore");
        }
        if (filter.late() != null) {
            names.put("#status", "status");
            values.put(":now", Attr.s(filter.now().toString()));
            values.put(":unshipped", Attr.s(OrderStatus.UNSHIPPED.name()));
            values.put(":partial", Attr.s(OrderStatus.PARTIALLY_SHIPPED.name()));
            String late = "(#status IN (:unshipped, :partial) AND shipBy < :now)";
            conditions.add(filter.late() ? late : "NOT " + late);
        }
        List<Order> orders = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : toKey(after);
        // A filter can leave a query page short: read on, a bounded number of times, to fill it.
        for (int reads = 0; reads < 5 && orders.size() < limit; reads++) {
            Map<String, AttributeValue> from = start;
            String keyCondition = key;
            var response = dynamo.query(b -> {
                b.tableName(table).indexName(BY_SELLER_INDEX).keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values).scanIndexForward(false).limit(limit - orders.size())
                        .exclusiveStartKey(from);
                if (conditions.length() > 0) {
                    b.filterExpression(conditions.toString());
                }
                if (!names.isEmpty()) {
                    b.expressionAttributeNames(names);
                }
            });
            response.items().forEach(i -> orders.add(OrderItems.fromItem(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return new Page(orders, start == null ? null : fromKey(start));
    }

    private static Map<String, AttributeValue> toKey(Map<String, String> position) {
        Map<String, AttributeValue> key = new HashMap<>();
        position.forEach((k, v) -> key.put(k, Attr.s(v)));
        return key;
    }

    private static Map<String, String> fromKey(Map<String, AttributeValue> key) {
        Map<String, String> position = new java.util.TreeMap<>();
        key.forEach((k, v) -> position.put(k, v.s()));
        return position;
    }

    @Override
    public void markConfirmationQueued(String orderId, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key(orderId))
                .updateExpression("SET confirmationQueuedAt = :at")
                .conditionExpression("attribute_exists(orderId)")
                .expressionAttributeValues(Map.of(":at", Attr.s(at.toString()))));
    }

    static Map<String, AttributeValue> key(String orderId) {
        return Map.of("orderId", Attr.s(orderId));
    }

    /** "#status IN (:from0, :from1)"; adds the values it names. */
    static String statusIn(Set<OrderStatus> from, Map<String, AttributeValue> values) {
        StringJoiner in = new StringJoiner(", ", "#status IN (", ")");
        int i = 0;
        for (OrderStatus s : from) {
            values.put(":from" + i, Attr.s(s.name()));
            in.add(":from" + i++);
        }
        return in.toString();
    }
}
