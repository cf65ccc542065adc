package orderflow.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.shared.aws.Adapters;
import orderflow.functions.orders.ExportOrdersHandler;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The export of N orders (default 10,000) through ExportOrdersHandler against the emulator, each
 * request with the time budget a Lambda invocation at the template's 15 s timeout has: how long it
 * takes, how big each part is, and whether it stays inside Lambda's 6 MB response and 15 s.
 */
final class ExportSection {

    static final String SELLER = "bench-export-seller";

    private ExportSection() {
    }

    static void run(Report report, Fixture fx, InProcess in, int count) {
        seed(fx, count);
        ExportOrdersHandler handler = new ExportOrdersHandler(Adapters.of(in.dynamo, null, null,
                Env.of(new HashMap<>(fx.cloud.functionEnvironment("ExportOrdersFunction"))), Clock.systemUTC()));
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        int part = 0;
        int totalRows = 0;
        long totalBytes = 0;
        long totalMs = 0;
        int maxBytes = 0;
        long maxMs = 0;
        long totalWireMs = 0;
        in.metering.drain();
        do {
            part++;
            Map<String, String> query = new HashMap<>(Map.of("from", "2026-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            APIGatewayV2HTTPEvent event = Events.object(fx.events.sellerRoute("export-orders.json", SELLER, null, null,
                    query), APIGatewayV2HTTPEvent.class);
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event,
                    InvocationBudget.startingNow("ExportOrdersFunction"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("export failed: " + response.getBody());
            }
            int bytes = response.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            int partRows = Integer.parseInt(response.getHeaders().get("x-row-count"));
            List<Metering.Call> calls = in.metering.drain();
            long queries = calls.stream().filter(c -> c.operation().equals("Query")).count();
            long wireMs = calls.stream().mapToLong(Metering.Call::wireNanos).sum() / 1_000_000;
            rows.add(List.of(Integer.toString(part), Integer.toString(partRows), String.format("%.2f MB", bytes / 1e6),
                    ms + " ms", wireMs + " ms", (ms - wireMs) + " ms", Long.toString(queries)));
            totalWireMs += wireMs;
            totalRows += partRows;
            totalBytes += bytes;
            totalMs += ms;
            maxBytes = Math.max(maxBytes, bytes);
            maxMs = Math.max(maxMs, ms);
            cursor = response.getHeaders().get("x-next-cursor");
        } while (cursor != null);

        report.heading("6. Export of " + count + " orders (GET /v1/orders/export)");
        report.line("ExportOrdersHandler in this JVM against moto, each request given the time a 15 s invocation has")
                .line("(it stops reading 3 s before the end and answers with a cursor). " + count + " orders of the")
                .line("sample shape (2 lines) were written for one seller over 30 days; every part is one response.")
                .blank();
        report.table(List.of("part", "rows", "body", "time", "of which waiting on moto", "ours + SDK", "DynamoDB queries"),
                rows);
        boolean ok = totalRows == count && maxBytes <= 6_000_000 && maxMs < InvocationBudget.TIMEOUT_MS;
        report.line(String.format("Total: %d rows in %d part(s), %.2f MB, %d ms. Largest part %.2f MB of Lambda's 6 MB,"
                        + " slowest %d ms of 15,000 ms: %s.", totalRows, part, totalBytes / 1e6, totalMs,
                maxBytes / 1e6, maxMs, ok ? "**within Lambda's limits**" : "**over a limit**"))
                .line(String.format("Waiting on the emulator is %.0f%% of it: moto answers a 500-item query of the index in"
                        + " seconds (it walks the table in Python); DynamoDB reads 1 MB per page in tens of ms, so on AWS"
                        + " the same %d rows would fit one response (an estimate: not measured here). Our code and the SDK took %d ms for all of them.",
                        100.0 * totalWireMs / Math.max(1, totalMs), totalRows, totalMs - totalWireMs))
                .blank();
        report.raw("export", Map.of("orders", count, "parts", part, "rows", totalRows, "bytes", totalBytes,
                "totalMs", totalMs, "maxPartBytes", maxBytes, "maxPartMs", maxMs));
        if (!ok) {
            throw new IllegalStateException("export of " + count + " orders broke a limit: rows " + totalRows
                    + ", largest part " + maxBytes + " bytes, slowest " + maxMs + " ms");
        }
    }

    /** Writes the orders straight into the table, 25 per BatchWriteItem (the export is what is measured). */
    private static void seed(Fixture fx, int count) {
        DynamoDbClient dynamo = fx.dynamo;
        String table = fx.ref("OrdersTable");
        Instant start = Instant.parse("2026-10-15T00:00:00Z");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new HashMap<>(Json.parseObject(fx.events.orderBody("exp-" + i)));
            body.put("createdAt", start.plusSeconds(i * 259L).toString()); // spread over 30 days
            Order order = GenericOrderPayload.parse(body).toOrder(Fixture.STOREFRONT, SELLER, Instant.now());
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
