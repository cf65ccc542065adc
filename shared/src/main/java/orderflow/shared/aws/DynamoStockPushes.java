package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.ports.StockPushes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The stock push outbox over InventoryTable (the StockPushDue index, see {@link StockPushMarks}),
 * the seller's linked storefronts (AccountsTable, CHANNELS#sellerId, written with each link), the
 * links themselves (read through {@link DynamoChannelSyncs}) and the outcome per storefront and SKU
 * (ChannelSyncsTable, orderId "stock#storefrontId", syncId the SKU: beside the order syncs, never
 * in an order's partition).
 */
public final class DynamoStockPushes implements StockPushes {

    private final DynamoDbClient dynamo;
    private final String inventoryTable;
    private final String accountsTable;
    private final String syncsTable;
    private final DynamoChannelSyncs links;

    public DynamoStockPushes(DynamoDbClient dynamo, String inventoryTable, String accountsTable, String syncsTable) {
        this(dynamo, inventoryTable, accountsTable, syncsTable, null);
    }

    /** box: opens the links' sealed credentials. */
    public DynamoStockPushes(DynamoDbClient dynamo, String inventoryTable, String accountsTable, String syncsTable,
                             orderflow.shared.ports.SecretBox box) {
        this.dynamo = dynamo;
        this.inventoryTable = inventoryTable;
        this.accountsTable = accountsTable;
        this.syncsTable = syncsTable;
        this.links = new DynamoChannelSyncs(dynamo, syncsTable, accountsTable, box);
    }

    /** The item listing a seller's linked storefronts. */
    static Map<String, AttributeValue> storefrontsKey(String sellerId) {
        return Map.of("pk", Attr.s("CHANNELS#" + sellerId));
    }

    @Override
    public List<Due> due(Instant settledBy, int limit) {
        List<Due> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(q -> {
                q.tableName(inventoryTable).indexName(StockPushMarks.INDEX)
                        .keyConditionExpression("pushShard = :due AND pushSince <= :settled")
                        .expressionAttributeValues(Map.of(":due", Attr.s(StockPushMarks.DUE),
                                ":settled", Attr.s(OrderItems.sortableTime(settledBy))))
                        .limit(Math.min(1_000, limit - due.size()));
                if (from != null) {
                    q.exclusiveStartKey(from);
                }
            });
            page.items().forEach(i -> due.add(new Due(Attr.str(i, "sellerId"), Attr.str(i, "sku"))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    @Override
    public Map<String, Long> available(String sellerId, Collection<String> skus) {
        Map<String, Long> found = new HashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(skus));
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            all.subList(from, Math.min(all.size(), from + 100)).forEach(s -> keys.add(DynamoOrders.stockKey(sellerId, s)));
            Map<String, KeysAndAttributes> request = Map.of(inventoryTable, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).projectionExpression("sku, available").build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(inventoryTable, List.of())
                        .forEach(i -> found.put(Attr.str(i, "sku"), Attr.num(i, "available")));
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    @Override
    public boolean clear(String sellerId, String sku, long pushed) {
        try {
            WriteConflicts.run(() -> dynamo.updateItem(u -> u.tableName(inventoryTable)
                    .key(DynamoOrders.stockKey(sellerId, sku))
                    .updateExpression("REMOVE pushShard, pushSince")
                    .conditionExpression("available = :pushed")
                    .expressionAttributeValues(Map.of(":pushed", Attr.n(pushed)))));
            return true;
        } catch (ConditionalCheckFailedException | TransactionConflictException changedMeanwhile) {
            return false; // a newer number: the mark stays and the next run pushes it
        }
    }

    @Override
    public Set<String> linkedStorefronts(String sellerId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(accountsTable)
                .key(storefrontsKey(sellerId))).item();
        AttributeValue set = item == null ? null : item.get("storefronts");
        return set == null || !set.hasSs() ? Set.of() : Set.copyOf(set.ss());
    }

    @Override
    public Optional<ChannelLink> link(String storefrontId) {
        return links.link(storefrontId);
    }

    @Override
    public void record(String sellerId, String storefrontId, String sku, long pushed, PushResult result, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s("stock#" + storefrontId));
        item.put("syncId", Attr.s(sku));
        item.put("kind", Attr.s("STOCK"));
        item.put("sellerId", Attr.s(sellerId));
        item.put("storefrontId", Attr.s(storefrontId));
        item.put("sku", Attr.s(sku));
        item.put("available", Attr.n(pushed));
        item.put("at", Attr.s(at.toString()));
        if (result instanceof PushResult.Done done) {
            item.put("status", Attr.s("DONE"));
            Attr.putIfPresent(item, "platformRef", done.platformRef());
        } else if (result instanceof PushResult.Refused refused) {
            item.put("status", Attr.s("FAILED"));
            Attr.putIfPresent(item, "lastError", refused.platformMessage());
        } else {
            return; // a retry is not an outcome: the mark stays
        }
        dynamo.putItem(p -> p.tableName(syncsTable).item(item));
    }
}
