package orderflow.shared.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Offline clients for SnapStart priming (see {@link PrimingHttpClient}): static dummy credentials,
 * typed canned answers ({@link Answers}), no network. Handlers build these only inside their beforeCheckpoint hook and
 * drop them after, so the real clients they serve traffic with stay untouched.
 */
public final class Priming {

    /** Names for the priming environment: never a real table or queue. */
    public static final Env ENV = Env.of(Map.ofEntries(
            Map.entry("ACCOUNTS_TABLE", "priming-accounts"),
            Map.entry("ORDERS_TABLE", "priming-orders"),
            Map.entry("INVENTORY_TABLE", "priming-inventory"),
            Map.entry("SEND_LOG_TABLE", "priming-send-log"),
            Map.entry("ORDER_HISTORY_TABLE", "priming-order-history"),
            Map.entry("STOCK_MOVEMENTS_TABLE", "priming-stock-movements"),
            Map.entry("MESSAGES_TABLE", "priming-messages"),
            Map.entry("DELIVERY_LOG_TABLE", "priming-delivery-log"),
            Map.entry("RETURNS_TABLE", "priming-returns"),
            Map.entry("REFUNDS_TABLE", "priming-refunds"),
            Map.entry("CHANNEL_SYNCS_TABLE", "priming-channel-syncs"),
            Map.entry("LABELS_TABLE", "priming-labels"),
            Map.entry("LABELS_BUCKET", "priming-labels"),
            Map.entry("SEARCH_TABLE", "priming-search"),
            Map.entry("UPLOADS_TABLE", "priming-uploads"),
            Map.entry("UPLOADS_BUCKET", "priming-uploads"),
            Map.entry("UPLOAD_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-uploads"),
            Map.entry("SYNC_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-syncs"),
            Map.entry("AT_RISK_HOURS", "24"),
            Map.entry("REFUND_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-refunds"),
            Map.entry("ORDER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-orders"),
            Map.entry("EMAIL_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-emails"),
            Map.entry("SENDER_EMAIL", "priming@example.com")));

    private Priming() {
    }

    /** DynamoDB answering reads from these canned answers; every write succeeds. */
    public static DynamoDbClient dynamoDb(Answers answers) {
        return PrimingClients.dynamoDb(answers);
    }

    /** Adapters over offline clients answering from {@code answers}, with the priming environment. */
    public static Adapters adapters(Answers answers) {
        return Adapters.priming(answers, ENV); // DynamoDB built only when a handler asks for a table
    }

    /** SQS whose SendMessage succeeds (with the MD5 the SDK checks). */
    public static SqsClient sqs() {
        return PrimingClients.sqs();
    }

    /** SES v2 whose SendEmail succeeds. */
    public static SesV2Client ses() {
        return PrimingClients.ses();
    }

    public static Answers answers() {
        return new Answers();
    }

    /**
     * Typed canned DynamoDB answers for priming. Writes always succeed; a read that no answer covers
     * throws, so priming that drifts from the code fails loudly instead of running a shorter path.
     */
    public static final class Answers {
        private final Map<String, String> items = new LinkedHashMap<>();
        private final Map<String, String> queries = new LinkedHashMap<>();
        private String batchGet;

        private Answers() {
        }

        /** A GetItem whose key has these attributes (all of them) finds {@code item}. */
        public Answers item(Map<String, AttributeValue> item, String... keyNames) {
            items.put(String.join(",", sorted(List.of(keyNames))), itemJson(item));
            return this;
        }

        /** A GetItem whose key has these attributes finds nothing. */
        public Answers noItem(String... keyNames) {
            items.put(String.join(",", sorted(List.of(keyNames))), "{}");
            return this;
        }

        /** A GetItem for exactly this key value finds {@code item} (or nothing, when item is null). */
        public Answers itemWhere(String keyName, String value, Map<String, AttributeValue> item) {
            items.put(keyName + "=" + value, item == null ? "{}" : itemJson(item));
            return this;
        }

        /** The sample order, by its orderId. */
        public Answers order(Order order) {
            return item(PrimingSamples.orderItem(order), "orderId");
        }

        /** The sample seller's settings, by the accounts table's pk. */
        public Answers seller() {
            return item(PrimingSamples.sellerItem(), "pk");
        }

        /** A Query of this index (null: of the table itself) finds these items. */
        @SafeVarargs
        public final Answers query(String index, Map<String, AttributeValue>... found) {
            queries.put(index == null ? "" : index, queryJson(List.of(found)));
            return this;
        }

        /** Every Query not answered by {@link #query} finds these items. */
        @SafeVarargs
        public final Answers anyQuery(Map<String, AttributeValue>... found) {
            queries.put("*", queryJson(List.of(found)));
            return this;
        }

        /** A BatchGetItem finds nothing (unknown SKUs). */
        public Answers batchGetFindsNothing() {
            batchGet = "{\"Responses\":{},\"UnprocessedKeys\":{}}";
            return this;
        }

        String answer(SdkHttpRequest request, String body) {
            String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
            String operation = target.substring(target.indexOf('.') + 1);
            Map<String, Object> json = body.isEmpty() ? Map.of() : Json.parseObject(body);
            String answer = switch (operation) {
                case "GetItem" -> getItem(json.get("Key"));
                case "Query" -> queries.getOrDefault(json.get("IndexName") instanceof String i ? i : "",
                        queries.get("*"));
                case "BatchGetItem" -> batchGet;
                case "PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem" -> "{}";
                default -> null;
            };
            if (answer == null) {
                throw new IllegalStateException("priming: no canned answer for " + operation + " " + body
                        + " (add one to the handler's priming)");
            }
            return answer;
        }

        private String getItem(Object key) {
            if (!(key instanceof Map<?, ?> k)) {
                return null;
            }
            for (Map.Entry<?, ?> e : k.entrySet()) { // an exact key value first
                if (e.getValue() instanceof Map<?, ?> v && v.get("S") != null
                        && items.containsKey(e.getKey() + "=" + v.get("S"))) {
                    return items.get(e.getKey() + "=" + v.get("S"));
                }
            }
            List<String> names = sorted(k.keySet().stream().map(String::valueOf).toList());
            String exact = items.get(String.join(",", names));
            if (exact != null) {
                return exact;
            }
            for (String name : names) { // else an answer for one of its attributes
                if (items.containsKey(name)) {
                    return items.get(name);
                }
            }
            return null;
        }

        private static List<String> sorted(List<String> names) {
            return names.stream().sorted().toList();
        }
    }

    private static String queryJson(List<Map<String, AttributeValue>> found) {
        return Json.write(Map.of("Items", found.stream().map(Priming::attributes).toList(), "Count", found.size()));
    }

    /** {"Item": ...} in DynamoDB's JSON for a GetItem answer. */
    private static String itemJson(Map<String, AttributeValue> item) {
        return Json.write(Map.of("Item", attributes(item)));
    }

    private static Map<String, Object> attributes(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, attribute(value)));
        return out;
    }

    private static Map<String, Object> attribute(AttributeValue v) {
        return switch (v.type()) {
            case S -> Map.of("S", v.s());
            case N -> Map.of("N", v.n());
            case SS -> Map.of("SS", v.ss());
            case BOOL -> Map.of("BOOL", v.bool());
            case M -> Map.of("M", attributes(v.m()));
            case L -> Map.of("L", v.l().stream().map(Priming::attribute).toList());
            default -> Map.of("NULL", true);
        };
    }
}
