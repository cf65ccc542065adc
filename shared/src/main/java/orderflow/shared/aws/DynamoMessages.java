package orderflow.shared.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.ResponseTime;
import orderflow.shared.ports.Messages;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * MessagesTable (pk, sk): per order ORDER#id holds the THREAD item and its messages (MSG#B#id for
 * the buyer's, by the storefront's id so a redelivery is a no-op; MSG#S#id for the seller's);
 * RESPONSES#seller holds response-time facts by reply time. AwaitingReply is a sparse index on
 * the threads that wait for the seller (awaitingSeller, waitingSince).
 */
public final class DynamoMessages implements Messages {

    static final String AWAITING_INDEX = "AwaitingReply";
    /** ByWatch: every waiting thread, by waitingSince, over WatchKeys.BUCKETS partitions, for the overdue check. */
    static final String WATCH_INDEX = "ByWatch";
    private static final String WATCH_PREFIX = "WAIT#";
    private static final int EXCERPT = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoMessages(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", Attr.s(pk), "sk", Attr.s(sk));
    }

    private Map<String, AttributeValue> messageItem(BuyerMessage m) {
        Map<String, AttributeValue> item = new HashMap<>(key("ORDER#" + m.orderId(),
                "MSG#" + (m.author() == BuyerMessage.Author.BUYER ? "B#" : "S#") + m.messageId()));
        item.put("orderId", Attr.s(m.orderId()));
        item.put("messageId", Attr.s(m.messageId()));
        item.put("author", Attr.s(m.author().name()));
        item.put("body", Attr.s(m.body()));
        item.put("at", Attr.s(m.at().toString()));
        Attr.putIfPresent(item, "actor", m.actor());
        return item;
    }

    @Override
    public boolean addBuyerMessage(Order order, String buyerName, BuyerMessage m) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seller", Attr.s(order.sellerId()));
        values.put(":ext", Attr.s(order.externalOrderId()));
        values.put(":buyer", Attr.s(buyerName));
        values.put(":at", Attr.s(OrderItems.sortableTime(m.at())));
        values.put(":excerpt", Attr.s(m.body().length() > EXCERPT ? m.body().substring(0, EXCERPT) + "..." : m.body()));
        values.put(":order", Attr.s(order.orderId()));
        values.put(":watch", Attr.s(WATCH_PREFIX + WatchKeys.bucket(order.orderId())));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(messageItem(m))
                            .conditionExpression("attribute_not_exists(sk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("ORDER#" + m.orderId(), "THREAD"))
                            .updateExpression("SET sellerId = :seller, orderId = :order, externalOrderId = :ext,"
                                    + " buyerName = :buyer, lastMessageAt = :at, lastBuyerMessage = :excerpt,"
                                    + " awaitingSeller = :seller, waitingSince = if_not_exists(waitingSince, :at),"
                                    + " watchKey = :watch")
                            .expressionAttributeValues(values)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            var existing = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(key("ORDER#" + m.orderId(), "MSG#B#" + m.messageId()))).item();
            if (existing != null && !existing.isEmpty()) {
                return false;
            }
            throw new IllegalStateException("buyer message " + m.messageId() + " conflicted; retry", e);
        }
    }

    @Override
    public boolean addSellerReply(Order order, BuyerMessage reply, Instant seen) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seller", Attr.s(order.sellerId()));
        values.put(":ext", Attr.s(order.externalOrderId()));
        values.put(":order", Attr.s(order.orderId()));
        values.put(":at", Attr.s(OrderItems.sortableTime(reply.at())));
        String condition;
        if (seen == null) {
            condition = "attribute_not_exists(waitingSince)";
        } else {
            values.put(":seen", Attr.s(OrderItems.sortableTime(seen)));
            condition = "waitingSince = :seen";
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(messageItem(reply))
                .conditionExpression("attribute_not_exists(sk)")).build());
        actions.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key("ORDER#" + reply.orderId(), "THREAD"))
                .updateExpression("SET sellerId = :seller, orderId = :order, externalOrderId = :ext, lastMessageAt = :at,"
                        + " lastReplyAt = :at REMOVE awaitingSeller, waitingSince, watchKey, overdueFlag, overdueFlagAt")
                .conditionExpression(condition).expressionAttributeValues(values)).build());
        if (seen != null) {
            Map<String, AttributeValue> fact = new HashMap<>(key("RESPONSES#" + order.sellerId(),
                    OrderItems.sortableTime(reply.at()) + "#" + order.orderId()));
            fact.put("orderId", Attr.s(order.orderId()));
            fact.put("buyerMessageAt", Attr.s(seen.toString()));
            fact.put("repliedAt", Attr.s(reply.at().toString()));
            fact.put("seconds", Attr.n(Duration.between(seen, reply.at()).getSeconds()));
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(fact)).build());
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(actions));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<MessageThread> thread(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key("ORDER#" + orderId, "THREAD"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(thread(item));
    }

    private static MessageThread thread(Map<String, AttributeValue> i) {
        return new MessageThread(Attr.str(i, "orderId"), Attr.str(i, "sellerId"), Attr.str(i, "externalOrderId"),
                Attr.str(i, "buyerName"), sortable(Attr.str(i, "waitingSince")), sortable(Attr.str(i, "lastMessageAt")),
                Attr.str(i, "lastBuyerMessage"));
    }

    private static Instant sortable(String text) {
        return text == null ? null : Instant.parse(text);
    }

    @Override
    public List<BuyerMessage> messages(String orderId, int limit) {
        // Keys order buyer messages before replies, so read them all (threads are short) and sort by time.
        List<BuyerMessage> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :msg)")
                    .expressionAttributeValues(Map.of(":pk", Attr.s("ORDER#" + orderId), ":msg", Attr.s("MSG#")))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> i : response.items()) {
                out.add(new BuyerMessage(Attr.str(i, "orderId"), Attr.str(i, "messageId"),
                        BuyerMessage.Author.valueOf(Attr.str(i, "author")), Attr.str(i, "body"), Attr.instant(i, "at"),
                        Attr.str(i, "actor")));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort(Comparator.comparing(BuyerMessage::at));
        return out.size() > limit ? List.copyOf(out.subList(out.size() - limit, out.size())) : out; // the newest
    }

    @Override
    public Page awaiting(String sellerId, String after, int limit) {
        var response = dynamo.query(q -> {
            q.tableName(table).indexName(AWAITING_INDEX).keyConditionExpression("awaitingSeller = :s")
                    .expressionAttributeValues(Map.of(":s", Attr.s(sellerId))).scanIndexForward(true).limit(limit);
            if (after != null) {
                q.exclusiveStartKey(threadPosition("awaitingSeller", sellerId, after));
            }
        });
        return threadPage(response);
    }

    /** An index position of a THREAD item from a cursor "<waitingSince>#<orderId>". */
    private static Map<String, AttributeValue> threadPosition(String indexKey, String indexValue, String after) {
        int hash = after.indexOf('#');
        Map<String, AttributeValue> start = new HashMap<>(key("ORDER#" + after.substring(hash + 1), "THREAD"));
        start.put(indexKey, Attr.s(indexValue));
        start.put("waitingSince", Attr.s(after.substring(0, hash)));
        return start;
    }

    /** The threads of an index query page and the cursor after it. */
    private static Page threadPage(QueryResponse response) {
        List<MessageThread> threads = response.items().stream().map(DynamoMessages::thread).toList();
        String next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            var last = response.lastEvaluatedKey();
            next = Attr.str(last, "waitingSince") + "#" + Attr.str(last, "pk").substring("ORDER#".length());
        }
        return new Page(threads, next);
    }

    @Override
    public List<ResponseTime> responseTimes(String sellerId, Instant from, Instant to) {
        List<ResponseTime> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> page = start;
            var response = dynamo.query(q -> q.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", Attr.s("RESPONSES#" + sellerId),
                            ":from", Attr.s(OrderItems.sortableTime(from)), ":to", Attr.s(OrderItems.sortableTime(to))))
                    .exclusiveStartKey(page));
            response.items().forEach(i -> out.add(new ResponseTime(sellerId, Attr.str(i, "orderId"),
                    Attr.instant(i, "buyerMessageAt"), Attr.instant(i, "repliedAt"))));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public int watchBuckets() {
        return WatchKeys.BUCKETS;
    }

    @Override
    public Page overdue(int bucket, Instant waitingBefore, String runId, String after, int limit) {
        var response = dynamo.query(q -> {
            q.tableName(table).indexName(WATCH_INDEX).keyConditionExpression("watchKey = :k AND waitingSince < :before")
                    .filterExpression("attribute_not_exists(overdueFlag) OR overdueFlag = :run")
                    .expressionAttributeValues(Map.of(":k", Attr.s(WATCH_PREFIX + bucket),
                            ":before", Attr.s(OrderItems.sortableTime(waitingBefore)), ":run", Attr.s(runId)))
                    .scanIndexForward(true).limit(limit);
            if (after != null) {
                q.exclusiveStartKey(threadPosition("watchKey", WATCH_PREFIX + bucket, after));
            }
        });
        return threadPage(response);
    }

    @Override
    public boolean flagOverdue(MessageThread thread, String runId, Instant now) {
        if (thread.awaitingSince() == null) {
            return false; // answered since the index was read
        }
        try {
            WriteConflicts.run(() -> dynamo.updateItem(u -> u.tableName(table).key(key("ORDER#" + thread.orderId(), "THREAD"))
                    .updateExpression("SET overdueFlag = :run, overdueFlagAt = :now")
                    // the same wait still open (a reply since would have removed waitingSince)
                    .conditionExpression("(attribute_not_exists(overdueFlag) AND waitingSince = :since)"
                            + " OR overdueFlag = :run")
                    .expressionAttributeValues(Map.of(":run", Attr.s(runId), ":now", Attr.s(now.toString()),
                            ":since", Attr.s(OrderItems.sortableTime(thread.awaitingSince()))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
