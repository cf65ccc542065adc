package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.search.SearchTerm;
import orderflow.shared.domain.search.SearchText;
import orderflow.shared.ports.OrderSearch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** SearchTable reads (see {@link SearchItems} for the keys) and BatchGetItem of the orders found. */
public final class DynamoOrderSearch implements OrderSearch {

    /** BatchGetItem's limit of keys per call. */
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String searchTable;
    private final String ordersTable;

    public DynamoOrderSearch(DynamoDbClient dynamo, String searchTable, String ordersTable) {
        this.dynamo = dynamo;
        this.searchTable = searchTable;
        this.ordersTable = ordersTable;
    }

    @Override
    public Matches find(String sellerId, SearchTerm term, Instant createdFrom, Instant createdTo,
                        Map<String, String> after, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s(SearchItems.pk(sellerId, term.kind())));
        String condition;
        boolean prefix = term.kind().matchesByPrefix();
        String exact = term.value() + SearchText.SEPARATOR;
        if (!prefix && (createdFrom != null || createdTo != null)) {
            // "value|time|id": '|' after the last instant's time sorts after every id of that instant.
            values.put(":from", Attr.s(exact + (createdFrom == null ? "0" : OrderItems.sortableTime(createdFrom))));
            values.put(":to", Attr.s(exact + (createdTo == null ? "9" : OrderItems.sortableTime(createdTo))
                    + SearchText.SEPARATOR + "~"));
            condition = "pk = :pk AND sk BETWEEN :from AND :to";
        } else {
            values.put(":v", Attr.s(prefix ? term.value() : exact));
            condition = "pk = :pk AND begins_with(sk, :v)";
        }
        Map<String, AttributeValue> start = after == null ? null : Cursors.toKey(after);
        var response = dynamo.query(b -> b.tableName(searchTable).keyConditionExpression(condition)
                .expressionAttributeValues(values).projectionExpression("orderId")
                .scanIndexForward(prefix).limit(limit).exclusiveStartKey(start));
        List<String> ids = response.items().stream().map(i -> Attr.str(i, "orderId")).toList();
        Map<String, String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Cursors.fromKey(response.lastEvaluatedKey()) : null;
        return new Matches(ids, next);
    }

    @Override
    public List<Order> orders(List<String> orderIds) {
        Map<String, Order> found = new HashMap<>();
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(orderIds));
        for (int i = 0; i < unique.size(); i += BATCH) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            unique.subList(i, Math.min(unique.size(), i + BATCH)).forEach(id -> keys.add(DynamoOrders.key(id)));
            Map<String, KeysAndAttributes> request = Map.of(ordersTable, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(ordersTable, List.of())) {
                    Order o = OrderItems.fromItem(item);
                    found.put(o.orderId(), o);
                }
                request = response.unprocessedKeys();
            }
        }
        List<Order> inOrder = new ArrayList<>();
        for (String id : unique) {
            if (found.containsKey(id)) {
                inOrder.add(found.get(id));
            }
        }
        return inOrder;
    }
}
