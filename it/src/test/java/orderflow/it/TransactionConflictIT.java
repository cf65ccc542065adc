package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * DynamoDB's behaviour under contention, as tools/moto_local.py models it (docs/local-cloud.md):
 * overlapping transactions on one item are canceled with TransactionConflict, single writes to an
 * item of an in-flight transaction fail with TransactionConflictException, and what commits stays
 * atomic. Then the product on top of it: orders racing for one SKU lose transactions to each other,
 * retry, and all end exact. Only moto models conflicts; on another emulator these tests are
 * reported as skipped (aborted), never as passed.
 */
class TransactionConflictIT {

    private static final int ENVIRONMENTS = 8;
    private final TestCloud cloud = TestCloud.get();

    @BeforeEach
    void modelled() {
        Assumptions.assumeFalse(cloud.transactionConflicts().isEmpty(),
                cloud.kind + " does not model DynamoDB transaction conflicts (only tools/moto_local.py does)");
    }

    private long confirmed(List<String> ids) {
        return ids.stream().filter(id -> cloud.orders().get(id).orElseThrow().status().name().equals("UNSHIPPED"))
                .count();
    }

    private DynamoDbClient ownClient() {
        return DynamoDbClient.builder().region(Region.of(TestCloud.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(cloud.endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void overlapping_transactions_on_one_item_are_canceled_with_transaction_conflict_and_commits_stay_atomic() {
        String table = cloud.ref("AccountsTable");
        String counter = "conflict-" + System.nanoTime();
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(counter));
        cloud.dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(counter),
                "n", AttributeValue.fromN("0"))));
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger writesRefused = new AtomicInteger();
        List<String> otherReasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Overlap.Call<Integer>> calls = Overlap.atOnce(ENVIRONMENTS, i -> ownClient(), (dynamo, i) -> {
            for (int round = 0; round < 15; round++) {
                String marker = counter + "-" + i + "-" + round;
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(
                            TransactWriteItem.builder().put(p -> p.tableName(table)
                                    .item(Map.of("pk", AttributeValue.fromS(marker)))).build(),
                            TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
                                    .updateExpression("SET n = n + :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
                    committed.incrementAndGet();
                } catch (TransactionCanceledException e) {
                    List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                    if (codes.equals(List.of("None", "TransactionConflict"))) {
                        conflicts.incrementAndGet();
                    } else {
                        otherReasons.add(codes.toString());
                    }
                }
                try {
                    dynamo.updateItem(u -> u.tableName(table).key(key).updateExpression("SET touched = :i")
                            .expressionAttributeValues(Map.of(":i", AttributeValue.fromN(Integer.toString(i)))));
                } catch (TransactionConflictException e) {
                    writesRefused.incrementAndGet();
                }
            }
            return i;
        });
        Overlap.assertOverlapped("transactions on one counter", calls);
        long n = Long.parseLong(cloud.dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true))
                .item().get("n").n());
        String seen = "committed " + committed + ", conflicts " + conflicts + ", single writes refused "
                + writesRefused + ", other reasons " + otherReasons;
        System.out.println("[conflicts] " + ENVIRONMENTS + " x 15 transactions on one item: " + seen);
        assertTrue(otherReasons.isEmpty(), seen);
        assertTrue(conflicts.get() > 0, "no transaction lost a race: " + seen);
        assertEquals(ENVIRONMENTS * 15, committed.get() + conflicts.get(), seen);
        assertEquals(committed.get(), n, "the counter counts exactly the committed transactions: " + seen);
        // A canceled transaction wrote nothing: a marker exists only for a committed one.
        long markers = cloud.dynamo.scan(s -> s.tableName(table).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(counter + "-")))).count();
        assertEquals(committed.get(), markers, "a canceled transaction left its other write behind: " + seen);
    }

    @Test
    void orders_racing_for_one_sku_lose_transactions_retry_and_all_confirm_exactly() {
        String seller = cloud.newSeller("hot");
        Instant now = Instant.now();
        cloud.admin().putStock(seller, "HOT-SKU", 100, now);
        int orders = ENVIRONMENTS * 3;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Map<String, Object> json = Fixtures.sampleOrder();
            json.put("externalOrderId", "HOT-" + i);
            json.put("lines", List.of(Map.of("sku", "HOT-SKU", "quantity", 1, "unitPrice", "12.50")));
            json.remove("total");
            Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, now);
            cloud.orders().createIfAbsent(order);
            ids.add(order.orderId());
        }
        long canceledBefore = cloud.transactionConflicts().get("transactionsCanceled");
        int[] failedDeliveries = new int[ENVIRONMENTS];
        List<Overlap.Logged> logs = new java.util.ArrayList<>();
        for (int i = 0; i < ENVIRONMENTS; i++) {
            logs.add(new Overlap.Logged());
        }
        List<Overlap.Call<Integer>> calls = Overlap.atOnce(ENVIRONMENTS,
                i -> new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction", Clock.systemUTC())),
                (own, i) -> {
                    // Each environment takes three single-message deliveries, as SQS hands them out.
                    for (int k = 0; k < 3; k++) {
                        String id = ids.get(i * 3 + k);
                        SQSEvent event = LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", id)));
                        Overlap.redeliver("order " + id, 10, Duration.ofMillis(50), () -> {
                            SQSBatchResponse r = own.handleRequest(event, logs.get(i));
                            if (!r.getBatchItemFailures().isEmpty()) {
                                failedDeliveries[i]++;
                            }
                            return r;
                        }, r -> r.getBatchItemFailures().isEmpty());
                    }
                    return i;
                });
        Overlap.assertOverlapped("orders for one SKU", calls);
        long lost = cloud.transactionConflicts().get("transactionsCanceled") - canceledBefore;
        long requeued = logs.stream().flatMap(l -> l.outcomes().stream()).filter(o -> o.contains(": CONTENDED")).count();
        // An order that lost every race came back on OrderQueue, delayed: the event source takes it from there.
        ProcessOrderHandler later = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction", Clock.systemUTC()));
        QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), e -> later.handleRequest(e, new TestContext()),
                () -> confirmed(ids) == orders, "orders that lost every race");
        long confirmed = confirmed(ids);
        String seen = orders + " orders, " + lost + " transactions lost to a conflict, " + requeued
                + " orders re-queued after losing every race, failed deliveries "
                + java.util.Arrays.toString(failedDeliveries) + ", up to " + Overlap.mostAtOnce(calls) + " at once";
        System.out.println("[conflicts] " + seen);
        assertTrue(lost > 0, "no reservation lost a race, so the retry path did not run: " + seen);
        assertEquals(orders, confirmed, seen);
        assertEquals(0, java.util.Arrays.stream(failedDeliveries).sum(),
                "contention failed a delivery instead of re-queueing the order: " + seen);
        assertArrayEquals(new long[] {100, orders, 100 - orders}, cloud.admin().stock(seller, "HOT-SKU"), seen);
    }
}
