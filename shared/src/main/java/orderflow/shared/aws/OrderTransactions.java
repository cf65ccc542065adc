package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.HistoryEntry;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.StockChange;
import orderflow.shared.domain.StockMovement;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.search.SearchTerms;
import orderflow.shared.ports.Orders.Applied;
import orderflow.shared.ports.Orders.Done;
import orderflow.shared.ports.Orders.Short;
import orderflow.shared.ports.Orders.Shortfall;
import orderflow.shared.ports.Orders.Stale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The write path of OrdersTable: every change is one TransactWriteItems (the order conditioned on the
 * version it was decided on, the history entry that can never be overwritten, the stock updates and
 * movements, any linked writes). A cancelled transaction is explained by reading what it saw.
 */
final class OrderTransactions {

    /** Attempts within one call when a transaction loses a race that is not about our order. */
    static final int RACE_ATTEMPTS = 3;
    /** DynamoDB's limit of actions in one TransactWriteItems. */
    static final int MAX_ACTIONS = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String historyTable;
    private final String inventoryTable;
    private final String movementsTable;
    private final String syncsTable;
    private final String searchTable;
    private final OrderQueries queries;

    OrderTransactions(DynamoDbClient dynamo, String table, String historyTable, String inventoryTable,
                      String movementsTable, String syncsTable, String searchTable, OrderQueries queries) {
        this.syncsTable = syncsTable;
        this.searchTable = searchTable;
        this.dynamo = dynamo;
        this.table = table;
        this.historyTable = historyTable;
        this.inventoryTable = inventoryTable;
        this.movementsTable = movementsTable;
        this.queries = queries;
    }

    boolean create(Order order, HistoryEntry received, byte[] rawPayload) {
        Map<String, AttributeValue> item = OrderItems.toItem(order);
        if (rawPayload != null) {
            item.put("rawPayload", AttributeValue.fromB(SdkBytes.fromByteArray(RawPayloads.pack(rawPayload))));
        }
        List<TransactWriteItem> actions = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(orderId)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(DynamoOrders.required(historyTable, "history"))
                        .item(HistoryItems.toItem(received))
                        .conditionExpression("attribute_not_exists(orderId)")).build()));
        // Its search entries with it (at most SearchTerms.MAX, so the transaction stays under 100 actions).
        actions.addAll(SearchItems.puts(DynamoOrders.required(searchTable, "search"), order));
        return Races.retry(RACE_ATTEMPTS, attempt -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions));
                return true;
            } catch (TransactionCanceledException e) {
                if (queries.get(order.orderId()).isPresent()) {
                    return false;
                }
                if (attempt == RACE_ATTEMPTS) {
                    throw new IllegalStateException("creating " + order.orderId() + " kept conflicting", e);
                }
                return null; // a race: again
            }
        });
    }

    /**
     * The change plus writes to other tables that must happen with it (an RMA received, a refund
     * recorded; see DynamoRefunds). If one of those fails its condition while the order is still at
     * the version, the transaction is retried like a race and then fails.
     */
    Applied apply(OrderChange change, List<TransactWriteItem> linked) {
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(orderUpdate(change)).build());
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(DynamoOrders.required(historyTable, "history"))
                .item(HistoryItems.toItem(change.entry()))
                .conditionExpression("attribute_not_exists(orderId)")).build());
        Instant at = change.entry().at();
        for (StockChange move : change.stock()) {
            if (move.kind() != StockChange.Kind.WRITE_OFF) {
                actions.add(TransactWriteItem.builder().update(stockUpdate(change.after().sellerId(), move, at))
                        .build());
            }
            StockMovement logged = movement(change, move);
            if (logged != null) {
                String movements = DynamoOrders.required(movementsTable, "stock movements");
                Map<String, AttributeValue> m = DynamoInventory.movementItem(change.after().sellerId(), logged);
                actions.add(TransactWriteItem.builder().put(p -> p.tableName(movements).item(m)).build());
            }
        }
        for (ChannelSync sync : change.syncs()) { // the outbox: the platform hears of exactly what was written
            String syncs = DynamoOrders.required(syncsTable, "channel syncs");
            Map<String, AttributeValue> item = ChannelSyncItems.toItem(sync);
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(syncs).item(item)
                    .conditionExpression("attribute_not_exists(syncId)")).build());
        }
        actions.addAll(linked);
        List<TransactWriteItem> search = SearchTerms.difference(change.before(), change.after()).isEmpty() ? List.of()
                : SearchItems.changes(DynamoOrders.required(searchTable, "search"), change.before(), change.after());
        // A change that moves stock of many SKUs and rewrites many entries could pass the limit: the
        // entries then follow right after the change (idempotent puts and deletes), never block it.
        boolean together = actions.size() + search.size() <= MAX_ACTIONS;
        if (together) {
            actions.addAll(search);
        }
        return Races.retry(RACE_ATTEMPTS, attempt -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions));
                if (!together) {
                    writeApart(search);
                }
                return new Done();
            } catch (TransactionCanceledException e) {
                Applied why = explain(change);
                if (why != null) {
                    return why;
                }
                if (!linked.isEmpty() && attempt == RACE_ATTEMPTS) {
                    // A linked write's condition (an RMA no longer AUTHORIZED, a refund id taken) with the
                    // order unchanged: the caller reads again and answers from what it finds.
                    return new Stale();
                }
                if (attempt == RACE_ATTEMPTS) {
                    // Still contended: the caller fails; SQS redelivers, an API client gets a 409 and retries.
                    throw new Failure.Conflict("Order " + change.after().orderId() + " is being changed by other"
                            + " requests right now (lost " + RACE_ATTEMPTS + " races); nothing was written. Retry.");
                }
                return null; // a race (TransactionConflict): again, after a jittered pause
            }
        });
    }

    private void writeApart(List<TransactWriteItem> writes) {
        List<WriteRequest> all = new ArrayList<>();
        for (TransactWriteItem w : writes) {
            all.add(w.put() != null ? WriteRequest.builder().putRequest(r -> r.item(w.put().item())).build()
                    : WriteRequest.builder().deleteRequest(r -> r.key(w.delete().key())).build());
        }
        for (int i = 0; i < all.size(); i += BatchWrites.BATCH) {
            Map<String, List<WriteRequest>> request = Map.of(searchTable,
                    all.subList(i, Math.min(all.size(), i + BatchWrites.BATCH)));
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> pending = request;
                request = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            }
        }
    }

    /**
     * The audit line for a move that changes what is on hand (or writes units off), null for
     * reservations. Its key is deterministic (order, version, kind): a retried transaction writes
     * the same movement, not a second one, and a SKU both restocked and written off gets two.
     */
    private static StockMovement movement(OrderChange change, StockChange move) {
        String ref = change.after().orderId() + "#v" + change.after().version();
        String actor = change.entry().actor().toString();
        Instant at = change.entry().at();
        return switch (move.kind()) {
            case COMMIT -> new StockMovement(move.sku(), at, -move.quantity(), "shipment", change.entry().action(),
                    actor, ref);
            case RESTOCK -> new StockMovement(move.sku(), at, move.quantity(), "return",
                    move.quantity() + " returned sellable", actor, ref + "#return");
            case WRITE_OFF -> new StockMovement(move.sku(), at, 0, "write-off",
                    move.quantity() + " returned damaged, written off", actor, ref + "#write-off");
            case UNCOMMIT -> new StockMovement(move.sku(), at, move.quantity(), "label voided",
                    change.entry().action(), actor, ref + "#void");
            case RESERVE, RELEASE -> null;
        };
    }

    /** Every attribute the domain owns, set to the new version's values, if the version is unchanged. */
    private Update orderUpdate(OrderChange change) {
        Map<String, AttributeValue> item = OrderItems.toItem(change.after());
        item.remove("orderId");
        item.remove("confirmationQueuedAt"); // written on its own by markConfirmationQueued
        item.remove("receivedAt");
        item.put("updatedAt", Attr.s(change.entry().at().toString()));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            set.add("#a" + i + " = :a" + i);
            i++;
        }
        StringJoiner remove = new StringJoiner(", ", " REMOVE ", "").setEmptyValue("");
        for (String optional : OrderItems.OPTIONAL) {
            if (!item.containsKey(optional)) {
                names.put("#a" + i, optional);
                remove.add("#a" + i++);
            }
        }
        names.put("#v", "version");
        values.put(":expected", Attr.n(change.before().version()));
        String expression = set + remove.toString();
        return Update.builder().tableName(table).key(DynamoOrders.key(change.after().orderId()))
                .updateExpression(expression).conditionExpression("#v = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private Update stockUpdate(String sellerId, StockChange move, Instant at) {
        String update;
        String condition;
        switch (move.kind()) {
            case RESERVE -> {
                update = "SET reserved = reserved + :q, available = available - :q, updatedAt = :now";
                condition = "available >= :q";
            }
            case COMMIT -> {
                update = "SET onHand = onHand - :q, reserved = reserved - :q, updatedAt = :now";
                condition = "reserved >= :q AND onHand >= :q";
            }
            case RELEASE -> {
                update = "SET reserved = reserved - :q, available = available + :q, updatedAt = :now";
                condition = "reserved >= :q";
            }
            case UNCOMMIT -> {
                update = "SET onHand = onHand + :q, reserved = reserved + :q, updatedAt = :now";
                condition = "attribute_exists(onHand)"; // the units shipped from this item
            }
            case RESTOCK -> {
                update = "SET onHand = onHand + :q, available = available + :q, updatedAt = :now";
                condition = "attribute_exists(onHand)"; // the SKU shipped, so its stock item exists
            }
            default -> throw new IllegalArgumentException(move.kind().name());
        }
        Map<String, AttributeValue> values = Map.of(":q", Attr.n(move.quantity()), ":now", Attr.s(at.toString()));
        if (move.kind() != StockChange.Kind.COMMIT && move.kind() != StockChange.Kind.UNCOMMIT) { // available moved: the platforms' listings must hear of it
            update += ", " + StockPushMarks.SET;
            values = StockPushMarks.values(values, at);
        }
        return Update.builder().tableName(DynamoOrders.required(inventoryTable, "inventory"))
                .key(DynamoOrders.stockKey(sellerId, move.sku()))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * Reads what the cancelled transaction saw instead of trusting CancellationReasons, which not
     * every emulator reports: another version of the order is Stale, reservations that stock cannot
     * cover are Short; null means a race (a TransactionConflict), worth another attempt.
     */
    private Applied explain(OrderChange change) {
        Optional<Order> current = queries.get(change.after().orderId());
        if (current.isEmpty() || current.get().version() != change.before().version()) {
            return new Stale();
        }
        List<StockChange> reserves = change.stock().stream().filter(m -> m.kind() == StockChange.Kind.RESERVE).toList();
        if (reserves.isEmpty()) {
            return null;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        reserves.forEach(m -> keys.add(DynamoOrders.stockKey(change.after().sellerId(), m.sku())));
        Map<String, Long> available = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(inventoryTable,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> pending = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(pending));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(inventoryTable, List.of())) {
                available.put(Attr.str(item, "sku"), Attr.num(item, "available"));
            }
            request = response.unprocessedKeys();
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        for (StockChange m : reserves) {
            Long have = available.get(m.sku());
            if (have == null || have < m.quantity()) {
                shortfalls.add(new Shortfall(m.sku(), m.quantity(), have == null ? null : have.intValue()));
            }
        }
        return shortfalls.isEmpty() ? null : new Short(shortfalls);
    }

}
