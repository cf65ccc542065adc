package orderflow.shared.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.SecretBox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * ChannelSyncsTable (the outbox: written by OrderTransactions with the order change, updated here
 * after each attempt) and the storefronts' platform links (AccountsTable, CHANNEL#storefrontId).
 */
public final class DynamoChannelSyncs implements ChannelSyncs {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String accountsTable;
    private final SecretBox box;

    /** accountsTable: null when this function never reads links (the order view). */
    public DynamoChannelSyncs(DynamoDbClient dynamo, String table, String accountsTable) {
        this(dynamo, table, accountsTable, null);
    }

    /** box: opens the links' sealed credentials (SyncChannel); null leaves them out of the links read. */
    public DynamoChannelSyncs(DynamoDbClient dynamo, String table, String accountsTable, SecretBox box) {
        this.dynamo = dynamo;
        this.table = table;
        this.accountsTable = accountsTable;
        this.box = box;
    }

    @Override
    public Optional<ChannelSync> get(String orderId, String syncId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("orderId", Attr.s(orderId), "syncId", Attr.s(syncId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ChannelSyncItems.fromItem(item));
    }

    @Override
    public List<ChannelSync> ofOrder(String orderId) {
        return dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("orderId = :o")
                        .expressionAttributeValues(Map.of(":o", Attr.s(orderId))))
                .items().stream().map(ChannelSyncItems::fromItem)
                .sorted(java.util.Comparator.comparing(ChannelSync::createdAt)).toList();
    }

    @Override
    public boolean record(ChannelSync before, ChannelSync after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Attr.s(before.status().name()));
        values.put(":attempts", Attr.n(before.attempts()));
        try {
            WriteConflicts.run(() -> dynamo.putItem(p -> p.tableName(table).item(ChannelSyncItems.toItem(after))
                    .conditionExpression("#s = :status AND attempts = :attempts")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    @Override
    public Optional<ChannelLink> link(String storefrontId) {
        Map<String, AttributeValue> i = dynamo.getItem(g -> g.tableName(DynamoOrders.required(accountsTable, "accounts"))
                .key(Map.of("pk", Attr.s("CHANNEL#" + storefrontId)))).item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        // Credentials are sealed to the link's seller and item; without a box they are left out.
        return Optional.of(new ChannelLink(storefrontId, Attr.str(i, "platform"), Attr.str(i, "baseUrl"),
                Attr.strings(i.get("settings")), SealedValues.open(box, Attr.strings(i.get("secrets")),
                SecretBox.context(Attr.str(i, "sellerId"), "CHANNEL#" + storefrontId))));
    }
}
