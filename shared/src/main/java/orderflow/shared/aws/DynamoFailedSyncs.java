package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.FailedSyncs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * ChannelSyncsTable's FailedSyncs index (keys only: failures are rare, so each is read whole from the
 * table instead of copying the platform's words into the index on every write).
 */
public final class DynamoFailedSyncs implements FailedSyncs {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFailedSyncs(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ChannelSync> unreported(int limit) {
        List<ChannelSync> failed = new ArrayList<>();
        var keys = dynamo.query(q -> q.tableName(table).indexName(ChannelSyncItems.FAILED_SYNCS)
                .keyConditionExpression("failedShard = :failed")
                .expressionAttributeValues(Map.of(":failed", Attr.s(ChannelSyncItems.FAILED)))
                .limit(limit)).items(); // keys only: a page of `limit` is far inside 1 MB
        for (Map<String, AttributeValue> k : keys) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("orderId", k.get("orderId"), "syncId", k.get("syncId")))).item();
            // The index lags the table: a sync retried or reported meanwhile no longer carries the mark.
            if (item != null && item.containsKey("failedShard")) {
                failed.add(ChannelSyncItems.fromItem(item));
            }
        }
        return failed;
    }

    @Override
    public void reported(ChannelSync sync) {
        try {
            WriteConflicts.run(() -> dynamo.updateItem(u -> u.tableName(table)
                    .key(Map.of("orderId", Attr.s(sync.orderId()), "syncId", Attr.s(sync.syncId())))
                    .updateExpression("REMOVE failedShard, failedAt")
                    .conditionExpression("failedAt = :at") // the same failure; one since is reported on its own
                    .expressionAttributeValues(Map.of(":at", Attr.s(OrderItems.sortableTime(sync.updatedAt()))))));
        } catch (ConditionalCheckFailedException changed) {
            // retried (and perhaps failed again) after it was read: the next digest tells of it
        }
    }
}
