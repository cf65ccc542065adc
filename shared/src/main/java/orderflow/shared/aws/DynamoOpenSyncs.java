package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.ports.OpenSyncs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ChannelSyncsTable's OpenSyncs index (keys only): PENDING syncs by openSince, the time they last changed. */
public final class DynamoOpenSyncs implements OpenSyncs {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOpenSyncs(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Open> idleSince(Instant before, int limit) {
        List<Open> open = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(q -> {
                q.tableName(table).indexName(ChannelSyncItems.OPEN_SYNCS)
                        .keyConditionExpression("openShard = :open AND openSince < :before")
                        .expressionAttributeValues(Map.of(":open", Attr.s(ChannelSyncItems.OPEN),
                                ":before", Attr.s(OrderItems.sortableTime(before))))
                        .limit(Math.min(1_000, limit - open.size()));
                if (from != null) {
                    q.exclusiveStartKey(from);
                }
            });
            page.items().forEach(i -> open.add(new Open(Attr.str(i, "orderId"), Attr.str(i, "syncId"),
                    Instant.parse(Attr.str(i, "openSince")))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && open.size() < limit);
        return open;
    }
}
