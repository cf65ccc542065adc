package orderflow.shared.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import orderflow.shared.ports.SendLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** SendLogTable, keyed by eventId; entries expire by TTL after 30 days, longer than any redelivery. */
public final class DynamoSendLog implements SendLog {

    static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSendLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Claim claim(String eventId, Instant now, Duration lease) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("eventId", Attr.s(eventId), "state", Attr.s("SENDING"),
                            "leaseUntil", Attr.n(now.plus(lease).toEpochMilli()),
                            "expiresAt", Attr.n(now.plus(RETENTION).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(eventId) OR (#state = :sending AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", Attr.s("SENDING"), ":now", Attr.n(now.toEpochMilli()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("eventId", Attr.s(eventId)))).item();
            String state = item == null ? null : Attr.str(item, "state");
            if ("SENT".equals(state)) {
                return Claim.ALREADY_SENT;
            }
            return "REJECTED".equals(state) ? Claim.REJECTED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void markSent(String eventId, String providerMessageId, Instant at) {
        finish(eventId, "SENT", "providerMessageId", providerMessageId, at);
    }

    @Override
    public void release(String eventId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventId", Attr.s(eventId)))
                    .updateExpression("SET leaseUntil = :zero")
                    .conditionExpression("#state = :sending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":zero", Attr.n(0), ":sending", Attr.s("SENDING"))));
        } catch (ConditionalCheckFailedException e) {
            // already finished by someone else: nothing to give up
        }
    }

    @Override
    public void markRejected(String eventId, String reason, Instant at) {
        finish(eventId, "REJECTED", "reason", reason, at);
    }

    private void finish(String eventId, String state, String detailName, String detail, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventId", Attr.s(eventId)))
                .updateExpression("SET #state = :state, #detail = :detail, finishedAt = :at REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#state", "state", "#detail", detailName))
                .expressionAttributeValues(Map.of(":state", Attr.s(state),
                        ":detail", Attr.s(detail == null ? "" : detail), ":at", Attr.s(at.toString()))));
    }
}
