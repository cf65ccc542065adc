package orderflow.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.aws.Adapters;
import orderflow.functions.jobs.FlagOverdueHandler;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The overdue check over N late orders (default 100,000) of one seller, through FlagOverdueHandler
 * against the emulator, each invocation given the time a Lambda invocation at the template's 15 s
 * timeout has. It stops between pages before the timeout and the next run carries on: how many
 * invocations it takes, whether any order is flagged twice or missed, and whether a rerun after
 * the last one finds nothing.
 */
final class OverdueJobSection {

    static final String SELLER = "bench-late-seller";

    private OverdueJobSection() {
    }

    static void run(Report report, Fixture fx, SqsClient sqs, int count, String emulator) {
        Instant now = Instant.now();
        long seedStart = System.nanoTime();
        seed(fx, count, now);
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
        FlagOverdueHandler handler = new FlagOverdueHandler(Adapters.of(fx.dynamo, sqs, null,
                Env.of(new HashMap<>(fx.cloud.functionEnvironment("FlagOverdueFunction"))), Clock.systemUTC()));
        List<List<String>> rows = new ArrayList<>();
        int invocations = 0;
        long flagged = 0;
        long maxMs = 0;
        long totalMs = 0;
        boolean complete = false;
        while (!complete && invocations < 200) {
            invocations++;
            long start = System.nanoTime();
            Map<String, Object> r = handler.handleRequest(Map.of("id", "bench-run-" + invocations),
                    InvocationBudget.startingNow("FlagOverdueFunction"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            complete = Boolean.TRUE.equals(r.get("complete"));
            int late = ((Number) r.get("late")).intValue();
            flagged += late;
            maxMs = Math.max(maxMs, ms);
            totalMs += ms;
            rows.add(List.of(Integer.toString(invocations), Integer.toString(late), ms + " ms",
                    complete ? "complete" : "stopped for time", r.get("digests").toString()));
        }
        long rerunStart = System.nanoTime();
        Map<String, Object> rerun = handler.handleRequest(Map.of("id", "bench-rerun"),
                InvocationBudget.startingNow("FlagOverdueFunction"));
        long rerunMs = (System.nanoTime() - rerunStart) / 1_000_000;
        sqs.purgeQueue(p -> p.queueUrl(fx.ref("EmailQueue"))); // the digests: nobody sends them here

        report.heading("8. Overdue check over " + count + " late orders (FlagOverdueFunction)");
        report.line("FlagOverdueHandler in this JVM against " + emulator + ", each invocation given the time a 15 s"
                + " invocation has")
                .line("(it starts no page in the last 4 s). " + count + " UNSHIPPED orders of one seller, all past their")
                .line(String.format("ship-by date, were written straight into OrdersTable (%d s), so they sit in the ByWatch"
                        + " index.", seedMs / 1000))
                .blank();
        report.table(List.of("invocation", "orders flagged late", "time", "ended", "digests"), rows);
        boolean exact = flagged == count && complete && ((Number) rerun.get("late")).intValue() == 0;
        report.line(String.format("%d invocations flagged %d orders (%d expected), each invocation at most %d ms of"
                        + " 15,000 ms; a rerun afterwards flagged %s and sent %s digests in %d ms: %s.", invocations,
                flagged, count, maxMs, rerun.get("late"), rerun.get("digests"), rerunMs,
                exact ? "**every order flagged exactly once, resumed across invocations**"
                        : "**not exact**"))
                .line("How many orders an invocation gets through depends on the emulator (moto walks the whole table"
                        + " in Python for every index query: a few hundred orders per invocation at this size); on"
                        + " AWS a 500-item page and its writes take tens of ms (an estimate: not measured here).")
                .blank();
        report.raw("overdueJob", Map.of("orders", count, "invocations", invocations, "flagged", flagged,
                "maxInvocationMs", maxMs, "totalMs", totalMs, "rerunFlagged", rerun.get("late")));
        if (!exact) {
            throw new IllegalStateException("overdue check over " + count + " orders was not exact: flagged " + flagged
                    + " in " + invocations + " invocations, rerun " + rerun);
        }
    }

    /** Late orders straight into the table, 25 per BatchWriteItem, with their watch keys (what the job reads). */
    private static void seed(Fixture fx, int count, Instant now) {
        DynamoDbClient dynamo = fx.dynamo;
        String table = fx.ref("OrdersTable");
        new orderflow.shared.aws.DynamoAdmin(dynamo, fx.ref("AccountsTable"), fx.ref("InventoryTable")).putSeller(
                new orderflow.shared.domain.Seller(SELLER, "Bench late", "late@bench.example",
                "help@bench.example", "help@bench.example", 2, java.time.ZoneOffset.UTC));
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new HashMap<>(Json.parseObject(fx.events.orderBody("late-" + i)));
            Instant placed = now.minus(Duration.ofDays(5)).plusSeconds(i % 86_400);
            body.put("createdAt", placed.toString());
            Order order = GenericOrderPayload.parse(body).toOrder(Fixture.STOREFRONT, SELLER, placed)
                    .confirmed(placed.plus(Duration.ofDays(2)), placed.plus(Duration.ofDays(7)));
            Map<String, AttributeValue> item = PrimingSamples.orderItem(order);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }
}
