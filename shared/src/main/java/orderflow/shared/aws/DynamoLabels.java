package orderflow.shared.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.Quote;
import orderflow.shared.ports.Labels;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link Labels} on LabelsTable (see {@link LabelItems} for the keys and indexes). */
public final class DynamoLabels implements Labels {

    static final String BY_TRACKING = "ByTracking";
    static final String IN_TRANSIT = "InTransit";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLabels(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void saveQuote(Quote quote) {
        dynamo.putItem(p -> p.tableName(table).item(LabelItems.toItem(quote)));
    }

    @Override
    public Optional<Quote> quote(String sellerId, String orderId, String quoteId) {
        Map<String, AttributeValue> i = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(LabelItems.key(sellerId, orderId, "QUOTE#" + quoteId))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(LabelItems.quote(i));
    }

    @Override
    public boolean start(Label label) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(LabelItems.toItem(label))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void save(Label label) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(LabelItems.toItem(label));
        if (label.status() == Label.Status.PURCHASED && LabelItems.POLLED.contains(label.provider())) {
            item.put("pollProvider", Attr.s(label.provider()));
            item.put("pollSince", Attr.s(label.updatedAt().toString()));
        }
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public void abandon(Label label) {
        try {
            dynamo.deleteItem(d -> d.tableName(table)
                    .key(LabelItems.key(label.sellerId(), label.orderId(), "LABEL#" + label.labelId()))
                    .conditionExpression("#s = :purchasing").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":purchasing", Attr.s(Label.Status.PURCHASING.name()))));
        } catch (ConditionalCheckFailedException movedOn) {
            // another attempt got further: its label stays
        }
    }

    @Override
    public Optional<Label> get(String sellerId, String orderId, String labelId) {
        Map<String, AttributeValue> i = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(LabelItems.key(sellerId, orderId, "LABEL#" + labelId))).item();
        return i == null || i.isEmpty() ? Optional.empty() : Optional.of(LabelItems.label(i));
    }

    @Override
    public List<Label> forOrder(String sellerId, String orderId) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :label)")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(sellerId + "#" + orderId),
                                ":label", Attr.s("LABEL#"))))
                .items().stream().map(LabelItems::label).toList();
    }

    @Override
    public Optional<Label> byTracking(String provider, String trackingNumber) {
        return dynamo.query(q -> q.tableName(table).indexName(BY_TRACKING).keyConditionExpression("trackingKey = :k")
                        .expressionAttributeValues(Map.of(":k", Attr.s(LabelItems.trackingKey(provider, trackingNumber))))
                        .limit(5))
                .items().stream().map(LabelItems::label)
                .filter(l -> l.status() != Label.Status.VOIDED).findFirst();
    }

    @Override
    public List<Label> inTransit(String provider, int limit) {
        return dynamo.query(q -> q.tableName(table).indexName(IN_TRANSIT).keyConditionExpression("pollProvider = :p")
                        .expressionAttributeValues(Map.of(":p", Attr.s(provider))).limit(limit))
                .items().stream().map(LabelItems::label).toList();
    }

    @Override
    public void settled(Label label) {
        dynamo.updateItem(u -> u.tableName(table)
                .key(LabelItems.key(label.sellerId(), label.orderId(), "LABEL#" + label.labelId()))
                .updateExpression("REMOVE pollProvider, pollSince"));
    }
}
