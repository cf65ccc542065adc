package orderflow.shared.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * OrdersTable (keyed by orderId) with OrderHistoryTable (orderId + version) and, for changes that
 * move stock, InventoryTable and StockMovementsTable: the write path is {@link OrderTransactions},
 * the reads {@link OrderQueries}. Which tables an instance may touch is chosen by its wiring
 * ({@link Adapters}): a function without the inventory table can never move stock.
 */
public final class DynamoOrders implements Orders {

    /** Part of the table's schema in template.yaml, like its attribute names. */
    static final String BY_SELLER_INDEX = "BySellerCreated";
    static final String BY_STATUS_INDEX = "BySellerStatus";

    private final DynamoDbClient dynamo;
    private final String table;
    private final OrderQueries queries;
    private final OrderTransactions transactions;

    /** Read-only use: get and list. */
    public DynamoOrders(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null, null, null);
    }

    public DynamoOrders(DynamoDbClient dynamo, String table, String historyTable, String inventoryTable) {
        this(dynamo, table, historyTable, inventoryTable, null);
    }

    /**
     * inventoryTable may be null for functions whose changes never move stock, movementsTable for
     * those that never ship (a shipment logs each SKU's units leaving).
     */
    public DynamoOrders(DynamoDbClient dynamo, String table, String historyTable, String inventoryTable,
                        String movementsTable) {
        this(dynamo, table, historyTable, inventoryTable, movementsTable, null);
    }

    /** syncsTable: ChannelSyncsTable, for changes a platform must hear about (null: such a change fails). */
    public DynamoOrders(DynamoDbClient dynamo, String table, String historyTable, String inventoryTable,
                        String movementsTable, String syncsTable) {
        this(dynamo, table, historyTable, inventoryTable, movementsTable, syncsTable, null);
    }

    /**
     * searchTable: SearchTable, whose entries every create and every change that alters an order's
     * search terms writes in the same transaction (null: such writes fail, so no order goes unfindable).
     */
    public DynamoOrders(DynamoDbClient dynamo, String table, String historyTable, String inventoryTable,
                        String movementsTable, String syncsTable, String searchTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.queries = new OrderQueries(dynamo, table, historyTable);
        this.transactions = new OrderTransactions(dynamo, table, historyTable, inventoryTable, movementsTable,
                syncsTable, searchTable, queries);
    }

    @Override
    public boolean create(Order order, HistoryEntry received) {
        return transactions.create(order, received, null);
    }

    @Override
    public boolean create(Order order, HistoryEntry received, byte[] rawPayload) {
        return transactions.create(order, received, rawPayload);
    }

    @Override
    public Applied apply(OrderChange change) {
        return transactions.apply(change, List.of());
    }

    /** The change with writes to other tables that must happen with it (see DynamoRefunds). */
    Applied apply(OrderChange change, List<TransactWriteItem> linked) {
        return transactions.apply(change, linked);
    }

    @Override
    public Optional<Order> get(String orderId) {
        return queries.get(orderId);
    }

    @Override
    public Optional<byte[]> rawPayload(String orderId) {
        return queries.rawPayload(orderId);
    }

    @Override
    public Page list(String sellerId, OrderFilter filter, Map<String, String> after, int limit) {
        return queries.list(sellerId, filter, after, limit);
    }

    @Override
    public Page listByStatus(String sellerId, OrderStatus status, Map<String, String> after, int limit,
                             boolean oldestFirst) {
        return queries.listByStatus(sellerId, status, after, limit, oldestFirst);
    }

    @Override
    public List<HistoryEntry> history(String orderId, long afterVersion, int limit) {
        return queries.history(orderId, afterVersion, limit);
    }

    @Override
    public void markConfirmationQueued(String orderId, Instant at) {
        WriteConflicts.run(() -> dynamo.updateItem(b -> b.tableName(table).key(key(orderId))
                .updateExpression("SET confirmationQueuedAt = :at")
                .conditionExpression("attribute_exists(orderId)")
                .expressionAttributeValues(Map.of(":at", Attr.s(at.toString())))));
    }

    /** The table, or a clear failure when this instance's wiring left it out (see Adapters). */
    static String required(String table, String what) {
        if (table == null) {
            throw new IllegalStateException("this adapter was built without the " + what + " table");
        }
        return table;
    }

    static Map<String, AttributeValue> key(String orderId) {
        return Map.of("orderId", Attr.s(orderId));
    }

    static Map<String, AttributeValue> stockKey(String sellerId, String sku) {
        return Map.of("sellerId", Attr.s(sellerId), "sku", Attr.s(sku));
    }
}
