package orderflow.functions.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Stock under concurrent orders against the emulator, five times per run: 200 single-unit orders
 * for 50 units end with exactly 50 confirmed and 150 backordered; multi-line orders never leave a
 * partial reservation behind. (bench/ runs the same with more orders.)
 */
class StockConcurrencyIT {

    private static final int THREADS = 16;
    private final TestCloud cloud = TestCloud.get();

    private String storeReady(String seller, String externalId, List<Map<String, Object>> lines) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId);
        json.put("lines", lines);
        json.remove("total");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        return order.orderId();
    }

    /** Processes every order at once on THREADS threads; a lost race is retried as SQS would redeliver it. */
    private void processConcurrently(List<String> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> {
                    ProcessOrderHandler handler = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
                    var event = LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", id)));
                    SQSBatchResponse r = handler.handleRequest(event, new TestContext());
                    for (int retry = 0; !r.getBatchItemFailures().isEmpty(); retry++) {
                        if (retry == 20) {
                            throw new AssertionError("order " + id + " kept failing");
                        }
                        r = handler.handleRequest(event, new TestContext());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // An order that lost every race while stock remained went back on OrderQueue: take it from there.
        ProcessOrderHandler later = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        orderflow.it.QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), e -> later.handleRequest(e, new TestContext()),
                () -> count(ids, "READY") == 0, "orders that lost every race");
    }

    private long count(List<String> ids, String status) {
        return ids.stream().filter(id -> cloud.orders().get(id).orElseThrow().status().name().equals(status)).count();
    }

    @RepeatedTest(5)
    void two_hundred_orders_for_fifty_units_confirm_exactly_fifty(RepetitionInfo run) throws Exception {
        String seller = cloud.newSeller("race" + run.getCurrentRepetition());
        cloud.admin().putStock(seller, "MUG-BLUE", 50, Instant.now());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(storeReady(seller, "R-" + i, List.of(Map.of("sku", "MUG-BLUE", "title", "Blue mug",
                    "quantity", 1, "unitPrice", "12.50"))));
        }
        processConcurrently(ids);
        String seen = "stock=" + java.util.Arrays.toString(cloud.admin().stock(seller, "MUG-BLUE"));
        assertEquals(50, count(ids, "UNSHIPPED"), seen);
        assertEquals(150, count(ids, "BACKORDERED"), seen);
        assertArrayEquals(new long[] {50, 50, 0}, cloud.admin().stock(seller, "MUG-BLUE"));
    }

    @RepeatedTest(5)
    void multi_line_orders_reserve_all_lines_or_none(RepetitionInfo run) throws Exception {
        String seller = cloud.newSeller("multi" + run.getCurrentRepetition());
        cloud.admin().putStock(seller, "MUG-BLUE", 100, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 15, Instant.now());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(storeReady(seller, "M-" + i, List.of(
                    Map.of("sku", "MUG-BLUE", "title", "Blue mug", "quantity", 2, "unitPrice", "12.50"),
                    Map.of("sku", "TEE-BLACK-L", "title", "Black tee", "quantity", 1, "unitPrice", "19.99"))));
        }
        processConcurrently(ids);
        long confirmed = count(ids, "UNSHIPPED");
        assertEquals(15, confirmed);
        assertEquals(25, count(ids, "BACKORDERED"));
        // Only confirmed orders hold stock: 2 mugs and 1 tee each, nothing from the backordered ones.
        assertArrayEquals(new long[] {100, 2 * confirmed, 100 - 2 * confirmed}, cloud.admin().stock(seller, "MUG-BLUE"));
        assertArrayEquals(new long[] {15, confirmed, 15 - confirmed}, cloud.admin().stock(seller, "TEE-BLACK-L"));
    }
}
