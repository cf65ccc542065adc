package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.Orders.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The read side of OrdersTable: one order, its kept delivery, its history, and a seller's pages from the indexes (never a scan). */
final class OrderQueries {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String historyTable;

    OrderQueries(DynamoDbClient dynamo, String table, String historyTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.historyTable = historyTable;
    }

    public Optional<byte[]> rawPayload(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(DynamoOrders.key(orderId)).projectionExpression("rawPayload")).item();
        return item == null || !item.containsKey("rawPayload") ? Optional.empty()
                : Optional.of(RawPayloads.unpack(item.get("rawPayload").b().asByteArray()));
    }

    public Optional<Order> get(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(DynamoOrders.key(orderId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    /** A seller's orders in one status (BySellerStatus), oldest or newest first. */
    public Page listByStatus(String sellerId, OrderStatus status, Map<String, String> after, int limit,
                             boolean oldestFirst) {
        var response = dynamo.query(b -> b.tableName(table).indexName(DynamoOrders.BY_STATUS_INDEX)
                .keyConditionExpression("sellerStatus = :k")
                .expressionAttributeValues(Map.of(":k", Attr.s(OrderItems.sellerStatus(sellerId, status))))
                .scanIndexForward(oldestFirst).limit(limit)
                .exclusiveStartKey(after == null ? null : Cursors.toKey(after)));
        List<Order> orders = response.items().stream().map(OrderItems::fromItem).toList();
        return new Page(orders, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Cursors.fromKey(response.lastEvaluatedKey()) : null);
    }

    public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
        return dynamo.query(b -> b.tableName(DynamoOrders.required(historyTable, "history")).consistentRead(true)
                        .keyConditionExpression("orderId = :id AND version > :after")
                        .expressionAttributeValues(Map.of(":id", Attr.s(orderId), ":after", Attr.n(afterVersion)))
                        .scanIndexForward(true).limit(limit))
                .items().stream().map(HistoryItems::fromItem).toList();
    }

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
        Map<String, AttributeValue> start = after == null ? null : Cursors.toKey(after);
        // A filter can leave a query page short: read on, a bounded number of times, to fill it.
        for (int reads = 0; reads < 5 && orders.size() < limit; reads++) {
            Map<String, AttributeValue> from = start;
            String keyCondition = key;
            var response = dynamo.query(b -> {
                b.tableName(table).indexName(DynamoOrders.BY_SELLER_INDEX).keyConditionExpression(keyCondition)
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
        return new Page(orders, start == null ? null : Cursors.fromKey(start));
    }
}
