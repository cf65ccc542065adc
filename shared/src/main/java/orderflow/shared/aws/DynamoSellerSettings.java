package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.settings.SettingsChange;
import orderflow.shared.domain.settings.StorefrontState;
import orderflow.shared.ports.SellerSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Seller settings over AccountsTable: an UpdateItem of the SELLER# item naming only the changed
 * attributes (never apiKeyHashes), and the storefronts listed on STOREFRONTS#sellerId (written by
 * the admin tool with each storefront) together with CHANNELS#sellerId (the linked ones, which
 * covers storefronts registered before the list existed). Their state is read, never written:
 * the newest orders of the seller (OrdersTable, BySellerCreated) and the stock push outcomes
 * (ChannelSyncsTable, stock#storefrontId).
 */
public final class DynamoSellerSettings implements SellerSettings {

    /** How many of the seller's newest orders are looked at for each storefront's latest order. */
    public static final int ORDERS_LOOKED = 100;
    /** How many stock push outcomes (one per SKU) of a storefront are counted. */
    public static final int STOCK_OUTCOMES_LOOKED = 500;
    /** The most storefronts one settings answer shows (a BatchGetItem reads 100 keys, two per storefront). */
    public static final int MAX_STOREFRONTS = 50;

    private final DynamoDbClient dynamo;
    private final String accountsTable;
    private final String ordersTable;
    private final String syncsTable;

    public DynamoSellerSettings(DynamoDbClient dynamo, String accountsTable, String ordersTable, String syncsTable) {
        this.dynamo = dynamo;
        this.accountsTable = accountsTable;
        this.ordersTable = ordersTable;
        this.syncsTable = syncsTable;
    }

    /** The item listing all of a seller's storefronts (string set {@code storefronts}). */
    static Map<String, AttributeValue> storefrontsKey(String sellerId) {
        return Map.of("pk", Attr.s("STOREFRONTS#" + sellerId));
    }

    @Override
    public Optional<Seller> update(String sellerId, SettingsChange change) {
        Map<String, AttributeValue> set = new HashMap<>();
        List<String> remove = new ArrayList<>();
        if (change.storeName() != null) {
            set.put("storeName", Attr.s(change.storeName()));
        }
        clear(set, remove, "notifyEmail", change.notifyEmail());
        clear(set, remove, "replyTo", change.replyTo());
        clear(set, remove, "supportContact", change.supportContact());
        if (change.handlingDays() != null) {
            set.put("handlingDays", Attr.n(change.handlingDays()));
        }
        if (change.transitDays() != null) {
            set.put("transitDays", Attr.n(change.transitDays()));
        }
        if (change.unpaidCancelDays() != null) {
            set.put("unpaidCancelDays", Attr.n(change.unpaidCancelDays()));
        }
        if (change.timeZone() != null) {
            set.put("timeZone", Attr.s(change.timeZone().getId()));
        }
        CalendarItems.writeChange(change, set, remove);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner setPart = new StringJoiner(", ", "SET ", " ").setEmptyValue("");
        StringJoiner removePart = new StringJoiner(", ", "REMOVE ", "").setEmptyValue("");
        int i = 0;
        for (var e : new TreeMap<>(set).entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            setPart.add("#a" + i + " = :a" + i++);
        }
        for (String name : new TreeSet<>(remove)) {
            names.put("#a" + i, name);
            removePart.add("#a" + i++);
        }
        String update = (setPart.toString() + removePart).strip();
        try {
            dynamo.updateItem(b -> {
                b.tableName(accountsTable).key(sellerKey(sellerId)).updateExpression(update)
                        .conditionExpression("attribute_exists(pk)").expressionAttributeNames(names);
                if (!values.isEmpty()) {
                    b.expressionAttributeValues(values);
                }
            });
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        // Read back rather than ReturnValues ALL_NEW: the role may name only the settings attributes
        // (dynamodb:Attributes), and ALL_NEW would ask for every attribute of the item.
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(accountsTable).consistentRead(true)
                .key(sellerKey(sellerId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoAccounts.sellerOf(sellerId, item));
    }

    private static void clear(Map<String, AttributeValue> set, List<String> remove, String name,
                              SettingsChange.Clear<String> value) {
        if (value == null) {
            return;
        }
        if (value.value() == null) {
            remove.add(name);
        } else {
            set.put(name, Attr.s(value.value()));
        }
    }

    @Override
    public List<StorefrontState> storefronts(String sellerId) {
        TreeSet<String> ids = new TreeSet<>();
        for (var item : batchGet(List.of(storefrontsKey(sellerId), DynamoStockPushes.storefrontsKey(sellerId)),
                "pk, storefronts", Map.of())
                .values()) {
            if (item.containsKey("storefronts")) {
                ids.addAll(item.get("storefronts").ss());
            }
        }
        List<String> shown = ids.stream().limit(MAX_STOREFRONTS).toList();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        shown.forEach(id -> {
            keys.add(Map.of("pk", Attr.s("STOREFRONT#" + id)));
            keys.add(Map.of("pk", Attr.s("CHANNEL#" + id)));
        });
        // Projected: a CHANNEL# item holds the platform's credentials, which this function never needs.
        Map<String, Map<String, AttributeValue>> items = batchGet(keys, "pk, sellerId, #t, platform", Map.of("#t", "type"));
        Map<String, Instant> lastOrders = lastOrders(sellerId);
        List<StorefrontState> out = new ArrayList<>();
        for (String id : shown) {
            Map<String, AttributeValue> storefront = items.get("STOREFRONT#" + id);
            if (storefront == null || !sellerId.equals(Attr.str(storefront, "sellerId"))) {
                continue; // deleted, or listed by mistake under another seller: never shown
            }
            Map<String, AttributeValue> link = items.get("CHANNEL#" + id);
            String platform = link == null ? null : Attr.str(link, "platform");
            int failed = 0;
            Instant lastPush = null;
            if (platform != null) {
                var outcomes = dynamo.query(q -> q.tableName(syncsTable).keyConditionExpression("orderId = :o")
                        .expressionAttributeValues(Map.of(":o", Attr.s("stock#" + id)))
                        .projectionExpression("#s, #at").expressionAttributeNames(Map.of("#s", "status", "#at", "at"))
                        .limit(STOCK_OUTCOMES_LOOKED)).items();
                for (var o : outcomes) {
                    failed += "FAILED".equals(Attr.str(o, "status")) ? 1 : 0;
                    Instant at = Attr.instant(o, "at");
                    lastPush = at != null && (lastPush == null || at.isAfter(lastPush)) ? at : lastPush;
                }
            }
            out.add(new StorefrontState(id, Attr.str(storefront, "type"), platform, lastOrders.get(id),
                    ORDERS_LOOKED, failed, lastPush));
        }
        return out;
    }

    /** The newest receipt per storefront among the seller's latest orders (one page of the index). */
    private Map<String, Instant> lastOrders(String sellerId) {
        Map<String, Instant> last = new HashMap<>();
        var orders = dynamo.query(q -> q.tableName(ordersTable).indexName(DynamoOrders.BY_SELLER_INDEX)
                .keyConditionExpression("sellerId = :s").expressionAttributeValues(Map.of(":s", Attr.s(sellerId)))
                .projectionExpression("storefrontId, createdAt, receivedAt").scanIndexForward(false)
                .limit(ORDERS_LOOKED)).items();
        for (var o : orders) {
            String storefront = Attr.str(o, "storefrontId");
            Instant at = Optional.ofNullable(Attr.instant(o, "receivedAt")).orElse(Attr.instant(o, "createdAt"));
            if (storefront != null && at != null) {
                last.merge(storefront, at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    private Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection,
                                                              Map<String, String> names) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(accountsTable, KeysAndAttributes.builder().keys(keys)
                .projectionExpression(projection).expressionAttributeNames(names.isEmpty() ? null : names).build());
        while (request != null && !request.isEmpty()) {
            Map<String, KeysAndAttributes> asked = request;
            var answer = dynamo.batchGetItem(b -> b.requestItems(asked));
            answer.responses().getOrDefault(accountsTable, List.of()).forEach(i -> found.put(Attr.str(i, "pk"), i));
            request = answer.hasUnprocessedKeys() && !answer.unprocessedKeys().isEmpty() ? answer.unprocessedKeys() : null;
        }
        return found;
    }

    private static Map<String, AttributeValue> sellerKey(String sellerId) {
        return Map.of("pk", Attr.s("SELLER#" + sellerId));
    }
}
