package orderflow.shared.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.ports.DeliveryLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DeliveryLogTable: deliveryKey = source#deliveryId, with a TTL past the longest retry window
 * (Shopify retries for 4 hours, SQS keeps a message 4 days by default): 7 days. Expired items
 * are filtered on read because TTL deletes lazily.
 */
public final class DynamoDeliveryLog implements DeliveryLog {

    static final Duration KEEP = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> handled(String source, String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("deliveryKey", Attr.s(source + "#" + deliveryId)))).item();
        if (item == null || item.isEmpty() || Attr.num(item, "expiresAt") < Instant.now().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(Attr.str(item, "orderId") == null ? "" : Attr.str(item, "orderId")));
    }

    @Override
    public void record(String source, String deliveryId, String orderId, Instant at) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                "deliveryKey", Attr.s(source + "#" + deliveryId),
                "orderId", Attr.s(orderId == null ? "" : orderId),
                "at", Attr.s(at.toString()),
                "expiresAt", Attr.n(at.plus(KEEP).getEpochSecond()))));
    }

    @Override
    public void rememberCancel(String storefrontId, String externalOrderId, EarlyCancel cancel, Instant at) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                "deliveryKey", Attr.s(storefrontId + "#cancel#" + externalOrderId),
                "orderId", Attr.s(""),
                "reason", Attr.s(cancel.reason()),
                "buyerRequested", AttributeValue.fromBool(cancel.buyerRequested()),
                "at", Attr.s(at.toString()),
                "expiresAt", Attr.n(at.plus(KEEP).getEpochSecond()))));
    }

    @Override
    public Optional<EarlyCancel> earlyCancel(String storefrontId, String externalOrderId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("deliveryKey", Attr.s(storefrontId + "#cancel#" + externalOrderId)))).item();
        if (item == null || item.isEmpty() || Attr.num(item, "expiresAt") < Instant.now().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new EarlyCancel(Attr.str(item, "reason"), Boolean.TRUE.equals(item.get("buyerRequested").bool())));
    }
}
