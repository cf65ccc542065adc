package orderflow.shared.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import orderflow.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Offline clients for SnapStart priming (see {@link PrimingHttpClient}): static dummy credentials,
 * canned answers, no network. Handlers build these only inside their beforeCheckpoint hook and
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
            Map.entry("AT_RISK_HOURS", "24"),
            Map.entry("REFUND_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-refunds"),
            Map.entry("ORDER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-orders"),
            Map.entry("EMAIL_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/priming-emails"),
            Map.entry("SENDER_EMAIL", "priming@example.com")));

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private Priming() {
    }

    /**
     * DynamoDB answering by operation and key: {@code answers.get("GetItem:orderId,refundId")} for a
     * GetItem with exactly that composite key, else {@code answers.get("GetItem:orderId")} for one
     * whose key has orderId, else {@code answers.get("GetItem")}, else "{}". A query of an index
     * is answered by {@code answers.get("Query:IndexName")} when given.
     */
    public static DynamoDbClient dynamoDb(Map<String, String> answers) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient(byTarget(answers))).build();
    }

    /** SQS whose SendMessage succeeds (with the MD5 the SDK checks). */
    public static SqsClient sqs() {
        return SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient((request, body) -> {
                    Object message = Json.parseObject(body).get("MessageBody");
                    return Json.write(Map.of("MessageId", "priming",
                            "MD5OfMessageBody", md5(message == null ? "" : message.toString())));
                })).build();
    }

    /** SES v2 whose SendEmail succeeds. */
    public static SesV2Client ses() {
        return SesV2Client.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(new PrimingHttpClient((request, body) -> "{\"MessageId\":\"priming\"}")).build();
    }

    private static BiFunction<SdkHttpRequest, String, String> byTarget(Map<String, String> answers) {
        return (request, body) -> {
            String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
            String operation = target.substring(target.indexOf('.') + 1);
            Map<String, Object> json = body.isEmpty() ? Map.of() : Json.parseObject(body);
            if (json.get("IndexName") instanceof String index && answers.containsKey(operation + ":" + index)) {
                return answers.get(operation + ":" + index); // "Query:BySellerCreated"
            }
            Object key = json.get("Key");
            if (key instanceof Map<?, ?> k && k.size() == 1) { // "GetItem:rmaId=rma_..." answers that item only
                Map.Entry<?, ?> only = k.entrySet().iterator().next();
                if (only.getValue() instanceof Map<?, ?> v && v.get("S") != null) {
                    String answer = answers.get(operation + ":" + only.getKey() + "=" + v.get("S"));
                    if (answer != null) {
                        return answer;
                    }
                }
            }
            if (key instanceof Map<?, ?> k && k.size() > 1) { // a composite key: "GetItem:orderId,refundId"
                String names = String.join(",", k.keySet().stream().map(String::valueOf).sorted().toList());
                String answer = answers.get(operation + ":" + names);
                if (answer != null) {
                    return answer;
                }
            }
            if (key instanceof Map<?, ?> k) {
                for (Object attribute : k.keySet()) {
                    String answer = answers.get(operation + ":" + attribute);
                    if (answer != null) {
                        return answer;
                    }
                }
            }
            return answers.getOrDefault(operation, "{}");
        };
    }

    /** {"Items": [item], "Count": 1} in DynamoDB's JSON: a Query answer finding this one item. */
    public static String queryJson(Map<String, AttributeValue> item) {
        return Json.write(Map.of("Items", List.of(attributes(item)), "Count", 1));
    }

    /** {"Item": ...} in DynamoDB's JSON for a GetItem answer. */
    public static String itemJson(Map<String, AttributeValue> item) {
        return Json.write(Map.of("Item", attributes(item)));
    }

    private static Map<String, Object> attributes(Map<String, AttributeValue> item) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
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

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
