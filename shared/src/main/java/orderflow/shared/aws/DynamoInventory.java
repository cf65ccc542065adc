package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.StockItem;
import orderflow.shared.domain.shipping.ShippingProfile;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.StockMovement;
import orderflow.shared.ports.HandlingTimes;
import orderflow.shared.ports.Inventory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * InventoryTable (sellerId + sku) with StockMovementsTable (stockKey = sellerId#sku + movementKey).
 * available is kept as its own attribute (conditions cannot do arithmetic); every write maintains
 * available = onHand - reserved. Low stock is a sparse index: lowStockSeller exists only while an
 * item is below its threshold.
 */
public final class DynamoInventory implements Inventory, HandlingTimes {

    static final String LOW_STOCK_INDEX = "LowStock";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String movementsTable;

    public DynamoInventory(DynamoDbClient dynamo, String table, String movementsTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.movementsTable = movementsTable;
    }

    @Override
    public Optional<StockItem> get(String sellerId, String sku) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(DynamoOrders.stockKey(sellerId, sku))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, StockItem> getAll(String sellerId, Collection<String> skus) {
        Map<String, StockItem> found = new HashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(skus));
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            all.subList(from, Math.min(all.size(), from + 100)).forEach(s -> keys.add(DynamoOrders.stockKey(sellerId, s)));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(i -> {
                    StockItem s = fromItem(i);
                    found.put(s.sku(), s);
                });
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    @Override
    public boolean put(String sellerId, String sku, InventoryRequests.Put put, long previousOnHand, String actor,
                       Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":on", Attr.n(put.onHand()));
        values.put(":zero", Attr.n(0));
        values.put(":now", Attr.s(at.toString()));
        values.put(":prev", Attr.n(previousOnHand));
        StringBuilder update = new StringBuilder("SET onHand = :on, reserved = if_not_exists(reserved, :zero),"
                + " available = :on - if_not_exists(reserved, :zero), updatedAt = :now,"
                + " lowStockThreshold = if_not_exists(lowStockThreshold, :zero), " + StockPushMarks.SET);
        if (put.lowStockThreshold() != null) {
            values.put(":threshold", Attr.n(put.lowStockThreshold()));
            update = new StringBuilder(update.toString().replace(
                    "lowStockThreshold = if_not_exists(lowStockThreshold, :zero)", "lowStockThreshold = :threshold"));
        }
        if (put.binLocation() != null) {
            values.put(":bin", Attr.s(put.binLocation()));
            update.append(", binLocation = :bin");
        }
        if (put.barcode() != null) {
            values.put(":barcode", Attr.s(put.barcode()));
            update.append(", barcode = :barcode");
        }
        if (put.shipping() != null) {
            ShippingProfile p = put.shipping();
            if (p.weightGrams() != null) {
                values.put(":weight", Attr.n(p.weightGrams()));
                update.append(", weightGrams = :weight");
            }
            if (p.hasBox()) {
                values.put(":bl", Attr.n(p.lengthMm()));
                values.put(":bw", Attr.n(p.widthMm()));
                values.put(":bh", Attr.n(p.heightMm()));
                update.append(", boxLengthMm = :bl, boxWidthMm = :bw, boxHeightMm = :bh");
            }
        }
        if (put.handlingDays() != null) {
            values.put(":handling", Attr.n(put.handlingDays()));
            update.append(", handlingDays = :handling");
        }
        if (put.clearHandlingDays()) {
            update.append(" REMOVE handlingDays");
        }
        String expression = update.toString();
        TransactWriteItem change = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(DynamoOrders.stockKey(sellerId, sku)).updateExpression(expression)
                // Exactly the count the caller read, so the movement's delta is exact; never below reserved.
                .conditionExpression((previousOnHand == 0 ? "(attribute_not_exists(onHand) OR onHand = :prev)"
                        : "onHand = :prev") + " AND (attribute_not_exists(reserved) OR reserved <= :on)")
                .expressionAttributeValues(StockPushMarks.values(values, at))).build();
        return write(sku, change, movement(sellerId, new StockMovement(sku, at, put.onHand() - previousOnHand, "count",
                "counted: " + put.onHand() + " on hand", actor, null)));
    }

    @Override
    public boolean adjust(String sellerId, String sku, long delta, String reason, String actor, Instant at) {
        TransactWriteItem change = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(DynamoOrders.stockKey(sellerId, sku))
                .updateExpression("SET onHand = onHand + :d, available = available + :d, updatedAt = :now, "
                        + StockPushMarks.SET)
                // never below what is reserved (available + delta >= 0), never above the count limit
                .conditionExpression("attribute_exists(onHand) AND available >= :minus AND onHand <= :room")
                .expressionAttributeValues(StockPushMarks.values(Map.of(":d", Attr.n(delta), ":minus", Attr.n(-delta),
                        ":room", Attr.n(InventoryRequests.MAX_UNITS - delta), ":now", Attr.s(at.toString())), at))).build();
        return write(sku, change, movement(sellerId, new StockMovement(sku, at, delta, "adjustment", reason, actor, null)));
    }

    /**
     * The change with its audit line. False when its condition failed; a transaction conflict (orders
     * reserving the SKU at this moment) is a race, tried again after a jittered pause, and if it keeps
     * losing the caller gets a 409 to retry, with nothing written.
     */
    private boolean write(String sku, TransactWriteItem change, TransactWriteItem movement) {
        Boolean written = Races.retry(WriteConflicts.ATTEMPTS, attempt -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(change, movement));
                return true;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .anyMatch(r -> "TransactionConflict".equals(r.code()));
                return conflict ? null : false;
            }
        });
        if (written == null) {
            throw new Failure.Conflict("The stock of " + sku + " is being reserved by orders right now; nothing was"
                    + " written. Retry.");
        }
        return written;
    }

    TransactWriteItem movement(String sellerId, StockMovement m) {
        return TransactWriteItem.builder().put(p -> p.tableName(movementsTable).item(movementItem(sellerId, m))
                .conditionExpression("attribute_not_exists(movementKey)")).build();
    }

    static Map<String, AttributeValue> movementItem(String sellerId, StockMovement m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("stockKey", Attr.s(sellerId + "#" + m.sku()));
        item.put("movementKey", Attr.s(OrderItems.sortableTime(m.at()) + "#"
                + (m.orderId() != null ? m.orderId() : UUID.randomUUID().toString())));
        item.put("sku", Attr.s(m.sku()));
        item.put("at", Attr.s(m.at().toString()));
        item.put("delta", Attr.n(m.delta()));
        item.put("kind", Attr.s(m.kind()));
        Attr.putIfPresent(item, "reason", m.reason());
        Attr.putIfPresent(item, "actor", m.actor());
        Attr.putIfPresent(item, "orderId", m.orderId());
        return item;
    }

    @Override
    public List<StockMovement> movements(String sellerId, String sku, int limit) {
        return dynamo.query(b -> b.tableName(movementsTable).keyConditionExpression("stockKey = :k")
                        .expressionAttributeValues(Map.of(":k", Attr.s(sellerId + "#" + sku)))
                        .scanIndexForward(false).limit(limit)).items().stream()
                .map(i -> new StockMovement(Attr.str(i, "sku"), Attr.instant(i, "at"), Attr.num(i, "delta"),
                        Attr.str(i, "kind"), Attr.str(i, "reason"), Attr.str(i, "actor"), Attr.str(i, "orderId")))
                .toList();
    }

    @Override
    public Page list(String sellerId, boolean lowStockOnly, String afterSku, int limit) {
        var response = dynamo.query(b -> {
            b.tableName(table).limit(limit).scanIndexForward(true);
            if (lowStockOnly) {
                b.indexName(LOW_STOCK_INDEX).keyConditionExpression("lowStockSeller = :s");
            } else {
                b.keyConditionExpression("sellerId = :s").consistentRead(true);
            }
            b.expressionAttributeValues(Map.of(":s", Attr.s(sellerId)));
            if (afterSku != null) {
                Map<String, AttributeValue> start = new HashMap<>(DynamoOrders.stockKey(sellerId, afterSku));
                if (lowStockOnly) {
                    start.put("lowStockSeller", Attr.s(sellerId));
                }
                b.exclusiveStartKey(start);
            }
        });
        List<StockItem> items = response.items().stream().map(DynamoInventory::fromItem).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Attr.str(response.lastEvaluatedKey(), "sku") : null;
        return new Page(items, next);
    }

    @Override
    public List<Crossing> refreshLowStock(String sellerId, Collection<String> skus, Instant at) {
        List<Crossing> pending = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            Map<String, AttributeValue> seen;
            try {
                Map<String, AttributeValue> after = WriteConflicts.retry(() -> dynamo.updateItem(b -> b.tableName(table)
                        .key(DynamoOrders.stockKey(sellerId, sku))
                        .updateExpression("SET lowStockSince = :now, lowStockSeller = :seller,"
                                + " lowStockCrossing = if_not_exists(lowStockCrossing, :zero) + :one,"
                                + " lowStockAlerted = :no")
                        .conditionExpression("available < lowStockThreshold AND attribute_not_exists(lowStockSince)")
                        .expressionAttributeValues(Map.of(":now", Attr.s(at.toString()), ":seller", Attr.s(sellerId),
                                ":zero", Attr.n(0), ":one", Attr.n(1), ":no", AttributeValue.fromBool(false)))
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))).attributes();
                if (after != null && after.containsKey("sku")) {
                    pending.add(new Crossing(fromItem(after), Attr.num(after, "lowStockCrossing")));
                }
                continue;
            } catch (ConditionalCheckFailedException notNewlyLow) {
                // Already marked, or not low: the item as it is comes with the refusal (one call, not three).
                seen = notNewlyLow.hasItem() ? notNewlyLow.item() : null;
            } catch (TransactionConflictException busy) {
                // Every attempt met a transaction on the item (a hot SKU). Each writer that changes what is
                // available checks after its own write, so the last one in flight checks this item later.
                continue;
            }
            if (seen == null) { // an emulator that does not return it: read it
                seen = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                        .key(DynamoOrders.stockKey(sellerId, sku))).item();
            }
            if (seen == null || seen.isEmpty() || !seen.containsKey("lowStockSince")) {
                continue; // not low, never marked: nothing to do (the common case)
            }
            if (Attr.num(seen, "available") >= Attr.num(seen, "lowStockThreshold")) {
                try {
                    WriteConflicts.run(() -> dynamo.updateItem(b -> b.tableName(table)
                            .key(DynamoOrders.stockKey(sellerId, sku))
                            .updateExpression("REMOVE lowStockSince, lowStockSeller")
                            .conditionExpression("available >= lowStockThreshold AND attribute_exists(lowStockSince)")));
                } catch (ConditionalCheckFailedException | TransactionConflictException changedMeanwhile) {
                    // low again already, or being changed: the next change (or its writer's check) refreshes it
                }
            } else if (seen.containsKey("lowStockAlerted") && !seen.get("lowStockAlerted").bool()) {
                // An alert of an earlier crossing may not have been queued (a crash): report it again.
                pending.add(new Crossing(fromItem(seen), Attr.num(seen, "lowStockCrossing")));
            }
        }
        return pending;
    }

    @Override
    public void markAlertQueued(String sellerId, String sku, long crossing) {
        try {
            WriteConflicts.run(() -> dynamo.updateItem(b -> b.tableName(table).key(DynamoOrders.stockKey(sellerId, sku))
                    .updateExpression("SET lowStockAlerted = :yes")
                    .conditionExpression("lowStockCrossing = :n")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":n", Attr.n(crossing)))));
        } catch (ConditionalCheckFailedException newerCrossing) {
            // a later crossing owns the flag now
        } catch (TransactionConflictException busy) {
            // left unmarked: the next check reports this crossing again, under the same event id (one email)
        }
    }

    static StockItem fromItem(Map<String, AttributeValue> i) {
        return new StockItem(Attr.str(i, "sku"), Attr.num(i, "onHand"), Attr.num(i, "reserved"),
                Attr.num(i, "available"), Attr.num(i, "lowStockThreshold"), Attr.str(i, "binLocation"),
                Attr.str(i, "barcode"), Attr.instant(i, "lowStockSince"), Attr.instant(i, "updatedAt"),
                new ShippingProfile(integer(i, "weightGrams"), integer(i, "boxLengthMm"), integer(i, "boxWidthMm"),
                        integer(i, "boxHeightMm")), integer(i, "handlingDays"));
    }

    /** One batch read of just the SKU and its handling time per 100 SKUs (an order's lines, at reservation). */
    @Override
    public Map<String, Integer> handlingDays(String sellerId, Collection<String> skus) {
        Map<String, Integer> found = new HashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(skus));
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            all.subList(from, Math.min(all.size(), from + 100)).forEach(s -> keys.add(DynamoOrders.stockKey(sellerId, s)));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("#sku, #handling")
                    .expressionAttributeNames(Map.of("#sku", "sku", "#handling", "handlingDays")).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).stream().filter(i -> i.containsKey("handlingDays"))
                        .forEach(i -> found.put(Attr.str(i, "sku"), integer(i, "handlingDays")));
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    private static Integer integer(Map<String, AttributeValue> i, String name) {
        return i.containsKey(name) ? (int) Attr.num(i, name) : null;
    }
}
