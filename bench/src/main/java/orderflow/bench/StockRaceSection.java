package orderflow.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import orderflow.shared.aws.Adapters;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;

/**
 * The never-oversell test at bench size: N single-unit orders for N/4 units processed on 32 threads
 * at once (a lost race is retried, as SQS redelivers). Exactly N/4 must be confirmed.
 */
final class StockRaceSection {

    private StockRaceSection() {
    }

    static void run(Report report, Fixture fx, software.amazon.awssdk.services.sqs.SqsClient sqs, int orders)
            throws Exception {
        String seller = "bench-race-seller";
        DynamoAdmin admin = new DynamoAdmin(fx.dynamo, fx.ref("AccountsTable"), fx.ref("InventoryTable"));
        admin.putSeller(new orderflow.shared.domain.Seller(seller, "Race", "race@bench.example", null, null, 2,
                java.time.ZoneId.of("UTC")));
        int units = orders / 4;
        admin.putStock(seller, "RACE-SKU", units, Instant.now());
        DynamoOrders store = fx.orders();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Map<String, Object> body = new HashMap<>(Json.parseObject(fx.events.orderBody("race-" + i)));
            body.put("lines", List.of(Map.of("sku", "RACE-SKU", "title", "Race item", "quantity", 1, "unitPrice", "1.00")));
            body.remove("total");
            Order order = GenericOrderPayload.parse(body).toOrder(Fixture.STOREFRONT, seller, Instant.now());
            store.createIfAbsent(order);
            ids.add(order.orderId());
        }
        Env env = Env.of(new HashMap<>(fx.cloud.functionEnvironment("ProcessOrderFunction")));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        int[] retries = {0};
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> {
                    ProcessOrderHandler handler = new ProcessOrderHandler(Adapters.of(fx.dynamo,
                            sqs, null, env, Clock.systemUTC()));
                    SQSEvent event = LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", id)));
                    SQSBatchResponse r = handler.handleRequest(event, new PrimingContext());
                    while (!r.getBatchItemFailures().isEmpty()) {
                        synchronized (retries) {
                            retries[0]++;
                        }
                        r = handler.handleRequest(event, new PrimingContext());
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
        // An order that lost every race while units remained went back on OrderQueue, delayed: take it
        // from there as the event source would.
        int requeued = 0;
        ProcessOrderHandler later = new ProcessOrderHandler(Adapters.of(fx.dynamo, sqs, null, env, Clock.systemUTC()));
        String queue = fx.ref("OrderQueue");
        java.util.Set<String> raced = new java.util.HashSet<>(ids);
        // A contended order comes back after a random backoff that doubles up to 8 times (minutes in all),
        // so a fixed deadline misreads a slow race as a stall: fail only when nothing moved for 10 minutes.
        java.time.Duration stall = java.time.Duration.ofMinutes(10);
        long lastProgress = System.nanoTime();
        long waiting = ids.size();
        while (true) {
            long ready = ids.stream().filter(id -> store.get(id).orElseThrow().status().name().equals("READY")).count();
            if (ready == 0) {
                break;
            }
            if (ready < waiting) {
                waiting = ready;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new IllegalStateException(ready + " orders still READY and none moved for " + stall.toMinutes()
                        + " minutes of pumping OrderQueue");
            }
            for (var m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                if (!raced.contains(String.valueOf(Json.parseObject(m.body()).get("orderId")))) {
                    // Left by an earlier section (its orders are done with): not this race's.
                    sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
                    continue;
                }
                requeued++;
                SQSBatchResponse r = later.handleRequest(LambdaStreams.sqsEventOf(m.body()), new PrimingContext());
                if (r.getBatchItemFailures().isEmpty()) {
                    sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long confirmed = ids.stream().filter(id -> store.get(id).orElseThrow().status().name().equals("UNSHIPPED")).count();
        long backordered = ids.stream().filter(id -> store.get(id).orElseThrow().status().name().equals("BACKORDERED")).count();
        long[] stock = admin.stock(seller, "RACE-SKU");
        boolean exact = confirmed == units && backordered == orders - units && stock[0] == units && stock[1] == units
                && stock[2] == 0;
        report.heading("7. Never oversold, at bench size");
        report.line(orders + " single-unit orders for " + units + " units, processed on 32 threads at once against moto"
                + " (a lost race is retried, as SQS redelivers).").blank();
        report.table(List.of("orders", "units", "confirmed", "backordered", "on hand / reserved / available",
                "failed deliveries retried", "re-queued after losing every race", "time"), List.of(List.of(Integer.toString(orders), Integer.toString(units),
                Long.toString(confirmed), Long.toString(backordered), stock[0] + " / " + stock[1] + " / " + stock[2],
                Integer.toString(retries[0]), Integer.toString(requeued), ms + " ms")));
        report.line(exact ? "**Exact**: every unit went to one order, none twice." : "**NOT EXACT**").blank();
        report.raw("stockRace", Map.of("orders", orders, "units", units, "confirmed", confirmed,
                "backordered", backordered, "retries", retries[0], "requeued", requeued, "ms", ms));
        if (!exact) {
            throw new IllegalStateException("oversold or undersold: confirmed " + confirmed + " of " + units);
        }
    }
}
