package orderflow.shared.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.ports.BulkAnswers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * DeliveryLogTable items {@code bulk#sellerId#key}: like a platform's delivery id, a request id already
 * handled, with its answer, expiring after a day. The seller is part of the key, so one seller's key
 * never answers another's request. Expired items are filtered on read because TTL deletes lazily.
 */
public final class DynamoBulkAnswers implements BulkAnswers {

    static final Duration KEEP = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBulkAnswers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Stored> find(String sellerId, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(sellerId, key))).item();
        if (item == null || item.isEmpty() || Attr.num(item, "expiresAt") < Instant.now().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(Attr.str(item, "fingerprint"), Attr.str(item, "answer")));
    }

    @Override
    public void save(String sellerId, String key, Stored stored, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(sellerId, key));
        item.put("fingerprint", Attr.s(stored.fingerprint()));
        item.put("answer", Attr.s(stored.answer()));
        item.put("at", Attr.s(at.toString()));
        item.put("expiresAt", Attr.n(at.plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(deliveryKey) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", Attr.n(at.getEpochSecond()))));
        } catch (ConditionalCheckFailedException firstAnswerKept) {
            // A concurrent request with the same key finished first: its answer is the one replayed.
        }
    }

    private static Map<String, AttributeValue> key(String sellerId, String key) {
        return Map.of("deliveryKey", Attr.s("bulk#" + sellerId + "#" + key));
    }
}
