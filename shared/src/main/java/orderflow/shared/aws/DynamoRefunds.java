package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Refunds;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * RefundsTable, keyed by orderId + refundId (the id derived from the RMA or request id). A refund
 * is written in the order's own transaction (see {@link DynamoOrders#apply(orderflow.shared.domain.OrderChange,
 * List)}) with a condition that its id is new, so a retried return or request can never pay twice.
 */
public final class DynamoRefunds implements Refunds {

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoOrders orders;
    private final DynamoReturns returns;

    /** orders and returns may be null for functions that only read refunds or record their delivery. */
    public DynamoRefunds(DynamoDbClient dynamo, String table, DynamoOrders orders, DynamoReturns returns) {
        this.dynamo = dynamo;
        this.table = table;
        this.orders = orders;
        this.returns = returns;
    }

    @Override
    public Orders.Applied issue(RefundChange change) {
        List<TransactWriteItem> linked = new ArrayList<>();
        String sellerId = change.order().after().sellerId();
        if (change.received() != null) {
            linked.add(TransactWriteItem.builder().update(returns.receivedUpdate(change.received())).build());
        }
        if (change.refund() != null) {
            Map<String, AttributeValue> item = toItem(change.refund());
            linked.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(refundId)")).build());
        }
        return orders.apply(change.order(), linked);
    }

    @Override
    public Optional<Refund> get(String orderId, String refundId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("orderId", Attr.s(orderId), "refundId", Attr.s(refundId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Refund> getAll(List<Key> keys) {
        List<Refund> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) { // BatchGetItem takes 100 keys
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (Key k : keys.subList(from, Math.min(keys.size(), from + 100))) {
                batch.add(Map.of("orderId", Attr.s(k.orderId()), "refundId", Attr.s(k.refundId())));
            }
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(i -> out.add(fromItem(i)));
                request = response.unprocessedKeys();
            }
        }
        return out;
    }

    @Override
    public List<Refund> forOrder(String orderId) {
        List<Refund> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("orderId = :o").expressionAttributeValues(Map.of(":o", Attr.s(orderId)))
                    .exclusiveStartKey(from));
            response.items().forEach(i -> out.add(fromItem(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort(Comparator.comparing(Refund::createdAt).thenComparing(Refund::refundId));
        return out;
    }

    @Override
    public void recordDelivery(Refund refund) {
        RefundDelivery d = refund.delivery();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Attr.s(d.status().name()));
        values.put(":attempts", Attr.n(d.attempts()));
        values.put(":acked", Attr.s(RefundDelivery.Status.ACKNOWLEDGED.name()));
        StringBuilder set = new StringBuilder("SET deliveryStatus = :status, attempts = :attempts");
        StringBuilder remove = new StringBuilder();
        optional(set, remove, values, "lastAttemptAt", d.lastAttemptAt() == null ? null : d.lastAttemptAt().toString());
        optional(set, remove, values, "lastError", d.lastError());
        optional(set, remove, values, "acknowledgedAt", d.acknowledgedAt() == null ? null : d.acknowledgedAt().toString());
        String expression = set + (remove.isEmpty() ? "" : " REMOVE " + remove);
        try {
            WriteConflicts.run(() -> dynamo.updateItem(u -> u.tableName(table)
                    .key(Map.of("orderId", Attr.s(refund.orderId()), "refundId", Attr.s(refund.refundId())))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(refundId) AND deliveryStatus <> :acked")
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException alreadyAcknowledged) {
            // a concurrent delivery got the acknowledgement first: keep it
        }
    }

    private static void optional(StringBuilder set, StringBuilder remove, Map<String, AttributeValue> values,
                                 String name, String value) {
        if (value == null) {
            remove.append(remove.isEmpty() ? "" : ", ").append(name);
        } else {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, Attr.s(value));
        }
    }

    static Map<String, AttributeValue> toItem(Refund r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", Attr.s(r.orderId()));
        item.put("refundId", Attr.s(r.refundId()));
        item.put("sellerId", Attr.s(r.sellerId()));
        item.put("storefrontId", Attr.s(r.storefrontId()));
        Attr.putIfPresent(item, "rmaId", r.rmaId());
        Attr.putIfPresent(item, "requestId", r.requestId());
        item.put("amountMinor", Attr.n(r.amount().minor()));
        item.put("currency", Attr.s(r.amount().currency()));
        item.put("reason", Attr.s(r.reason()));
        item.put("createdAt", Attr.s(r.createdAt().toString()));
        if (r.breakdown() != null) {
            Refund.Breakdown b = r.breakdown();
            item.put("breakdown", AttributeValue.fromM(Map.of("items", Attr.n(b.items().minor()),
                    "discount", Attr.n(b.discount().minor()), "tax", Attr.n(b.tax().minor()),
                    "restockingFees", Attr.n(b.restockingFees().minor()),
                    "returnShipping", Attr.n(b.returnShipping().minor()), "computed", Attr.n(b.computed().minor()),
                    "capped", AttributeValue.fromBool(b.capped()))));
        }
        RefundDelivery d = r.delivery();
        item.put("deliveryStatus", Attr.s(d.status().name()));
        item.put("attempts", Attr.n(d.attempts()));
        Attr.putIfPresent(item, "lastAttemptAt", d.lastAttemptAt());
        Attr.putIfPresent(item, "lastError", d.lastError());
        Attr.putIfPresent(item, "acknowledgedAt", d.acknowledgedAt());
        return item;
    }

    static Refund fromItem(Map<String, AttributeValue> i) {
        String currency = Attr.str(i, "currency");
        Refund.Breakdown breakdown = null;
        if (i.containsKey("breakdown")) {
            Map<String, AttributeValue> b = i.get("breakdown").m();
            breakdown = new Refund.Breakdown(money(b, "items", currency), money(b, "discount", currency),
                    money(b, "tax", currency), money(b, "restockingFees", currency),
                    money(b, "returnShipping", currency), money(b, "computed", currency),
                    Boolean.TRUE.equals(b.get("capped").bool()));
        }
        RefundDelivery delivery = new RefundDelivery(RefundDelivery.Status.valueOf(Attr.str(i, "deliveryStatus")),
                (int) Attr.num(i, "attempts"), Attr.instant(i, "lastAttemptAt"), Attr.str(i, "lastError"),
                Attr.instant(i, "acknowledgedAt"));
        return new Refund(Attr.str(i, "refundId"), Attr.str(i, "orderId"), Attr.str(i, "sellerId"),
                Attr.str(i, "storefrontId"), Attr.str(i, "rmaId"), Attr.str(i, "requestId"),
                new Money(Attr.num(i, "amountMinor"), currency), Attr.str(i, "reason"), Attr.instant(i, "createdAt"),
                breakdown, delivery);
    }

    private static Money money(Map<String, AttributeValue> m, String name, String currency) {
        return new Money(Attr.num(m, name), currency);
    }
}
