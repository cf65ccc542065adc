package orderflow.shared.aws;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** OrdersTable, keyed by orderId. Every status change is a conditional write on the current status. */
public final class DynamoOrders implements Orders {

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
