package orderflow.shared.aws;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.uploads.Upload;
import orderflow.shared.domain.uploads.UploadKind;
import orderflow.shared.ports.Uploads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * UploadsTable: one item per upload (sellerId, uploadId). Upload ids start with their creation time,
 * so a query on the seller newest first lists the recent ones; DynamoDB's TTL drops an item 30 days
 * after it was made, as the bucket's lifecycle drops its files.
 */
public final class DynamoUploads implements Uploads {

    static final Duration KEPT = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoUploads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Upload upload) {
        dynamo.putItem(p -> p.tableName(table).item(item(upload))
                .conditionExpression("attribute_not_exists(uploadId)"));
    }

    @Override
    public Optional<Upload> get(String sellerId, String uploadId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("sellerId", Attr.s(sellerId), "uploadId", Attr.s(uploadId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(upload(item));
    }

    @Override
    public List<Upload> recent(String sellerId, int limit) {
        return dynamo.query(q -> q.tableName(table).keyConditionExpression("sellerId = :s")
                        .expressionAttributeValues(Map.of(":s", Attr.s(sellerId))).scanIndexForward(false).limit(limit))
                .items().stream().map(DynamoUploads::upload).toList();
    }

    @Override
    public boolean update(Upload expected, Upload next) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(next))
                    .conditionExpression("#st = :status AND #pos = :position")
                    .expressionAttributeNames(Map.of("#st", "status", "#pos", "position"))
                    .expressionAttributeValues(Map.of(":status", Attr.s(expected.status().name()),
                            ":position", Attr.n(expected.position()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Upload u) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("sellerId", Attr.s(u.sellerId()));
        item.put("uploadId", Attr.s(u.uploadId()));
        item.put("kind", Attr.s(u.kind().apiName()));
        item.put("fileName", Attr.s(u.fileName()));
        item.put("sizeBytes", Attr.n(u.sizeBytes()));
        item.put("status", Attr.s(u.status().name()));
        Attr.putIfPresent(item, "failure", u.failure());
        item.put("rowsTotal", Attr.n(u.rowsTotal()));
        item.put("rowsDone", Attr.n(u.rowsDone()));
        item.put("accepted", Attr.n(u.accepted()));
        item.put("rejected", Attr.n(u.rejected()));
        item.put("unchanged", Attr.n(u.unchanged()));
        item.put("position", Attr.n(u.position()));
        Attr.putIfPresent(item, "createdAt", u.createdAt());
        Attr.putIfPresent(item, "updatedAt", u.updatedAt());
        item.put("expiresAt", Attr.n(u.createdAt().plus(KEPT).getEpochSecond())); // TTL
        return item;
    }

    private static Upload upload(Map<String, AttributeValue> i) {
        return new Upload(Attr.str(i, "sellerId"), Attr.str(i, "uploadId"), UploadKind.of(Attr.str(i, "kind")).orElseThrow(),
                Attr.str(i, "fileName"), Attr.num(i, "sizeBytes"), Upload.Status.valueOf(Attr.str(i, "status")),
                Attr.str(i, "failure"), (int) Attr.num(i, "rowsTotal"), (int) Attr.num(i, "rowsDone"),
                (int) Attr.num(i, "accepted"), (int) Attr.num(i, "rejected"), (int) Attr.num(i, "unchanged"),
                (int) Attr.num(i, "position"), Attr.instant(i, "createdAt"), Attr.instant(i, "updatedAt"));
    }
}
