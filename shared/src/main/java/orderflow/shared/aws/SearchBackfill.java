package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.search.SearchTerms;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the search entries of orders stored before SearchTable existed (scripts/admin
 * backfill-search). Puts are idempotent, so it can be stopped and run again; orders changed while it
 * runs are right either way (their own transactions write the same entries). One seller's orders come
 * from the BySellerCreated index; all sellers' need a Scan of OrdersTable, which only this operator
 * command does, once, never a request.
 */
public final class SearchBackfill {

    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final String searchTable;

    public SearchBackfill(DynamoDbClient dynamo, String ordersTable, String searchTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
        this.searchTable = searchTable;
    }

    /** Every order of the seller (all sellers when null); progress hears the orders done so far. Returns that count. */
    public long run(String sellerId, LongConsumer progress) {
        long done = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = sellerId == null
                    ? dynamo.scan(b -> b.tableName(ordersTable).exclusiveStartKey(from))
                    : null;
            var query = sellerId == null ? null : dynamo.query(b -> b.tableName(ordersTable)
                    .indexName(DynamoOrders.BY_SELLER_INDEX).keyConditionExpression("sellerId = :s")
                    .expressionAttributeValues(Map.of(":s", Attr.s(sellerId))).exclusiveStartKey(from));
            List<Map<String, AttributeValue>> items = page != null ? page.items() : query.items();
            List<Order> orders = new ArrayList<>();
            items.forEach(i -> orders.add(OrderItems.fromItem(i)));
            write(orders);
            done += orders.size();
            progress.accept(done);
            Map<String, AttributeValue> last = page != null ? page.lastEvaluatedKey() : query.lastEvaluatedKey();
            start = last == null || last.isEmpty() ? null : last;
        } while (start != null);
        return done;
    }

    /** The entries of these orders, exactly as their create transaction writes them. */
    public void write(List<Order> orders) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Order o : orders) {
            SearchTerms.of(o).forEach(t -> items.add(SearchItems.item(o, t)));
        }
        BatchWrites.put(dynamo, searchTable, items);
    }

    /**
     * Orders and their entries loaded without transactions or history (a benchmark's 100,000 orders, a
     * migration): the items are those the transactional path writes, in BatchWriteItem calls.
     */
    public void load(List<Order> orders) {
        BatchWrites.put(dynamo, ordersTable, orders.stream().map(OrderItems::toItem).toList());
        write(orders);
    }
}
