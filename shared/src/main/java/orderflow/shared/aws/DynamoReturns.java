package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.returns.ItemCondition;
import orderflow.shared.domain.returns.ReceivedLine;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnLine;
import orderflow.shared.domain.returns.ReturnReason;
import orderflow.shared.domain.returns.RmaNumbers;
import orderflow.shared.domain.returns.RmaStatus;
import orderflow.shared.ports.Returns;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** ReturnsTable keyed by rmaId (derived from order + sequence); BySeller index: sellerId + createdAt. */
public final class DynamoReturns implements Returns {

    static final String BY_SELLER_INDEX = "BySeller";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReturns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Consistent reads of the order's RMA ids, sequence 1, 2, ... until one is missing: the ids are
     * contiguous (a new RMA takes the next sequence only if that id is free), and a refund priced from
     * an index that lags a receipt could pay the same units twice.
     */
    @Override
    public List<ReturnAuthorization> forOrder(String orderId) {
        List<ReturnAuthorization> out = new ArrayList<>();
        for (int sequence = 1; sequence <= MAX_PER_ORDER; sequence++) {
            Optional<ReturnAuthorization> rma = get(RmaNumbers.id(orderId, sequence));
            if (rma.isEmpty()) {
                return out;
            }
            out.add(rma.get());
        }
        throw new IllegalStateException("order " + orderId + " has more than " + MAX_PER_ORDER + " returns");
    }

    /** Far more than an order's units could ever need; a bound on the walk. */
    private static final int MAX_PER_ORDER = 500;

    @Override
    public Optional<ReturnAuthorization> get(String rmaId) {
        if (rmaId.startsWith(REQUEST_PREFIX)) {
            return Optional.empty(); // a request marker is no RMA, whoever asks
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("rmaId", Attr.s(rmaId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page listBySeller(String sellerId, RmaStatus status, Map<String, String> after, int limit) {
        List<ReturnAuthorization> items = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : Cursors.toKey(after);
        // A status filter can leave a query page short: read on, a bounded number of times, to fill it.
        for (int reads = 0; reads < 5 && items.size() < limit; reads++) {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(q -> {
                q.tableName(table).indexName(BY_SELLER_INDEX).keyConditionExpression("sellerId = :s")
                        .scanIndexForward(false).limit(limit - items.size()).exclusiveStartKey(from);
                if (status == null) {
                    q.expressionAttributeValues(Map.of(":s", Attr.s(sellerId)));
                } else {
                    q.filterExpression("#st = :st").expressionAttributeNames(Map.of("#st", "status"))
                            .expressionAttributeValues(Map.of(":s", Attr.s(sellerId), ":st", Attr.s(status.name())));
                }
            });
            response.items().forEach(i -> items.add(fromItem(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return new Page(items, start == null ? null : Cursors.fromKey(start));
    }

    /**
     * The RMA and a marker item keyed by the request ({@code REQUEST#storefront:returnId}, pointing
     * at the RMA; without orderId or sellerId it is in no index), both only if new, in one transaction.
     */
    @Override
    public CreatedFor createFor(ReturnAuthorization rma, String sellerId, String requestKey) {
        Map<String, AttributeValue> item = toItem(rma);
        item.put("sellerId", Attr.s(sellerId));
        item.put("requestKey", Attr.s(requestKey));
        Map<String, AttributeValue> marker = Map.of("rmaId", Attr.s(REQUEST_PREFIX + requestKey),
                "target", Attr.s(rma.rmaId()), "createdAt", Attr.s(rma.createdAt().toString()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p
                            .tableName(table).item(marker).conditionExpression("attribute_not_exists(rmaId)")).build(),
                    TransactWriteItem.builder().put(p -> p
                            .tableName(table).item(item).conditionExpression("attribute_not_exists(rmaId)")).build()));
            return new Created();
        } catch (TransactionCanceledException e) {
            Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("rmaId", Attr.s(REQUEST_PREFIX + requestKey)))).item();
            if (existing != null && !existing.isEmpty()) {
                return new AlreadyRequested(Attr.str(existing, "target"));
            }
            return new SequenceTaken();
        }
    }

    @Override
    public Optional<String> rmaForRequest(String requestKey) {
        Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("rmaId", Attr.s(REQUEST_PREFIX + requestKey)))).item();
        return existing == null || existing.isEmpty() ? Optional.empty() : Optional.of(Attr.str(existing, "target"));
    }

    private static final String REQUEST_PREFIX = "REQUEST#";

    /**
     * The RMA becomes RECEIVED with what arrived, only while AUTHORIZED (a transaction part for
     * DynamoRefunds); its other attributes (requestKey, sellerId) stay.
     */
    Update receivedUpdate(ReturnAuthorization received) {
        Map<String, AttributeValue> item = toItem(received);
        return Update.builder().tableName(table)
                .key(Map.of("rmaId", Attr.s(received.rmaId())))
                .updateExpression("SET #st = :received, received = :lines, receivedAt = :at")
                .conditionExpression("#st = :authorized").expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":received", item.get("status"), ":lines", item.get("received"),
                        ":at", item.get("receivedAt"), ":authorized", Attr.s(RmaStatus.AUTHORIZED.name()))).build();
    }

    @Override
    public boolean create(ReturnAuthorization rma, String sellerId) {
        Map<String, AttributeValue> item = toItem(rma);
        item.put("sellerId", Attr.s(sellerId));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(rmaId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> toItem(ReturnAuthorization r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("rmaId", Attr.s(r.rmaId()));
        item.put("rmaNumber", Attr.s(r.rmaNumber()));
        item.put("orderId", Attr.s(r.orderId()));
        item.put("createdAt", Attr.s(r.createdAt().toString()));
        item.put("status", Attr.s(r.status().name()));
        List<AttributeValue> lines = new ArrayList<>();
        for (ReturnLine l : r.lines()) {
            lines.add(AttributeValue.fromM(Map.of("sku", Attr.s(l.sku()), "quantity", Attr.n(l.quantity()),
                    "reason", Attr.s(l.reason().name()))));
        }
        item.put("lines", AttributeValue.fromL(lines));
        List<AttributeValue> received = new ArrayList<>();
        for (ReceivedLine l : r.received()) {
            received.add(AttributeValue.fromM(Map.of("sku", Attr.s(l.sku()), "quantity", Attr.n(l.quantity()),
                    "condition", Attr.s(l.condition().name()), "reason", Attr.s(l.reason().name()))));
        }
        item.put("received", AttributeValue.fromL(received));
        Attr.putIfPresent(item, "receivedAt", r.receivedAt());
        Attr.putIfPresent(item, "canceledAt", r.canceledAt());
        return item;
    }

    static ReturnAuthorization fromItem(Map<String, AttributeValue> i) {
        List<ReturnLine> lines = new ArrayList<>();
        for (AttributeValue v : i.get("lines").l()) {
            Map<String, AttributeValue> m = v.m();
            lines.add(new ReturnLine(Attr.str(m, "sku"), (int) Attr.num(m, "quantity"),
                    ReturnReason.valueOf(Attr.str(m, "reason"))));
        }
        List<ReceivedLine> received = new ArrayList<>();
        if (i.containsKey("received")) {
            for (AttributeValue v : i.get("received").l()) {
                Map<String, AttributeValue> m = v.m();
                received.add(new ReceivedLine(Attr.str(m, "sku"), (int) Attr.num(m, "quantity"),
                        ItemCondition.valueOf(Attr.str(m, "condition")), ReturnReason.valueOf(Attr.str(m, "reason"))));
            }
        }
        return new ReturnAuthorization(Attr.str(i, "rmaId"), Attr.str(i, "rmaNumber"), Attr.str(i, "orderId"), lines,
                Attr.instant(i, "createdAt"), RmaStatus.valueOf(Attr.str(i, "status")), received,
                Attr.instant(i, "receivedAt"), Attr.instant(i, "canceledAt"));
    }
}
