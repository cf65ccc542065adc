package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.ports.Reservations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One TransactWriteItems per order: for each SKU "available >= qty" then move qty from available
 * to reserved, and the order READY/BACKORDERED -> UNSHIPPED. All or nothing; stock never negative.
 * InventoryTable keeps available = onHand - reserved as its own attribute because condition
 * expressions cannot do arithmetic; every write maintains it.
 */
public final class DynamoReservations implements Reservations {

    /** 100 actions per transaction, one for the order: lines are capped far below that. */
    private static final int MAX_SKUS = 99;
    /** Attempts within one invocation before a contended reservation goes back to the queue. */
    private static final int RACE_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final String inventoryTable;

    public DynamoReservations(DynamoDbClient dynamo, String ordersTable, String inventoryTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
        this.inventoryTable = inventoryTable;
    }

    @Override
    public Result reserveAndConfirm(Order order, Instant shipBy, Instant now) {
        Map<String, Integer> quantities = order.quantitiesBySku();
        if (quantities.size() > MAX_SKUS) {
            throw new IllegalArgumentException("an order may reserve at most " + MAX_SKUS + " SKUs");
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        quantities.forEach((sku, qty) -> actions.add(TransactWriteItem.builder().update(u -> u
                .tableName(inventoryTable)
                .key(stockKey(order.sellerId(), sku))
                .updateExpression("SET reserved = reserved + :q, available = available - :q, updatedAt = :now")
                .conditionExpression("available >= :q")
                .expressionAttributeValues(Map.of(":q", Attr.n(qty), ":now", Attr.s(now.toString())))).build()));

        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":unshipped", Attr.s(OrderStatus.UNSHIPPED.name()));
        values.put(":shipBy", Attr.s(shipBy.toString()));
        values.put(":now", Attr.s(now.toString()));
        String condition = DynamoOrders.statusIn(OrderStatus.sourcesOf(OrderStatus.UNSHIPPED), values);
        actions.add(TransactWriteItem.builder().update(u -> u
                .tableName(ordersTable)
                .key(DynamoOrders.key(order.orderId()))
                .updateExpression("SET #status = :unshipped, shipBy = :shipBy, reservedAt = :now, updatedAt = :now"
                        + " REMOVE statusReason")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)).build());
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions));
                return new Reserved();
            } catch (TransactionCanceledException e) {
                Result result = explain(order, quantities);
                if (result != null) {
                    return result;
                }
                if (attempt == RACE_ATTEMPTS) {
                    // Still contended: fail this message; SQS redelivers it after the visibility timeout.
                    throw new IllegalStateException("reservation for " + order.orderId() + " lost "
                            + RACE_ATTEMPTS + " races; retrying later", e);
                }
                pause(attempt);
            }
        }
    }

    /** Jittered back-off between attempts that lost a race for the same stock items. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10, 40L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a reservation", interrupted);
        }
    }

    /**
     * Reads what the cancelled transaction saw instead of trusting CancellationReasons, which not
     * every emulator reports: a finished order or missing stock is final; null means a race
     * (another order took the stock in between, or a TransactionConflict), worth another attempt.
     */
    private Result explain(Order order, Map<String, Integer> quantities) {
        Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(ordersTable).consistentRead(true)
                .key(DynamoOrders.key(order.orderId()))).item();
        String status = current == null ? null : Attr.str(current, "status");
        if (status == null || !OrderStatus.sourcesOf(OrderStatus.UNSHIPPED).contains(OrderStatus.valueOf(status))) {
            return new NotWaiting();
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        quantities.keySet().forEach(sku -> keys.add(stockKey(order.sellerId(), sku)));
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
        quantities.forEach((sku, qty) -> {
            Long have = available.get(sku);
            if (have == null || have < qty) {
                shortfalls.add(new Shortfall(sku, qty, have == null ? null : have.intValue()));
            }
        });
        return shortfalls.isEmpty() ? null : new Short(shortfalls); // null: lost a race, try again
    }

    static Map<String, AttributeValue> stockKey(String sellerId, String sku) {
        return Map.of("sellerId", Attr.s(sellerId), "sku", Attr.s(sku));
    }
}
