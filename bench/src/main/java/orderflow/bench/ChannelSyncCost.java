package orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Section 3 of the channel sync results: the AWS work the sync path adds, per 1,000 orders synced,
 * from the metered calls of a measured phase, priced with Main's figures (shared/reference.md 5).
 */
final class ChannelSyncCost {

    /** One line of the bill: requests, units and GB-s over the phase. */
    private static final class Line {
        final String what;
        long requests;
        double rcu;
        double wcu;
        double gbSeconds;
        long lambdaRequests;
        long sqsRequests;
        long dynamoRequests;

        Line(String what) {
            this.what = what;
        }

        double dollars() {
            return rcu * Main.DDB_PER_RCU + wcu * Main.DDB_PER_WCU + sqsRequests * Main.SQS_PER_REQUEST
                    + lambdaRequests * Main.LAMBDA_PER_REQUEST + gbSeconds * Main.LAMBDA_PER_GB_S_ARM;
        }
    }

    private ChannelSyncCost() {
    }

    static void write(Report report, Fixture fx, ChannelSyncSection.Phase steady, ChannelSyncSection.Phase throttled,
                      int memoryMb) {
        report.heading("3. AWS work and cost per 1,000 orders synced");
        report.line("What the sync path adds to a shipment, counted by Metering (every AWS request the handlers and"
                + " the event source made, with its request and response) during section 2's runs, scaled to 1,000"
                + " orders. Capacity units are computed from item sizes (the emulator reports fixed ones): 1 read"
                + " unit per 4 KB consistent, half that eventually consistent; 1 write unit per KB, twice inside a"
                + " transaction; a refused conditional write is charged too. Lambda GB-s: each invocation's time in"
                + " this JVM rounded up to the ms, at SyncChannelFunction's " + memoryMb + " MB (arm64). Prices:"
                + " shared/reference.md section 5 (us-east-1, on demand). ShipOrder reads the link on every"
                + " shipment, of a linked storefront or not; the rest is paid only where a link exists.")
                .blank();
        List<Line> steadyLines = lines(fx, steady, memoryMb);
        List<Line> throttledLines = lines(fx, throttled, memoryMb);
        report.line("**" + steady.orders() + " shipments, no throttling** (section 2):").blank();
        table(report, steadyLines, steady.orders());
        report.line("**" + throttled.orders() + " shipments whose first platform request was throttled** (section"
                + " 2b):").blank();
        table(report, throttledLines, throttled.orders());

        long empty = steady.pollCalls().stream().filter(c -> c.operation().equals("ReceiveMessage")
                && c.response() instanceof ReceiveMessageResponse r && r.messages().isEmpty()).count();
        double perHundredMs = 0.1 * memoryMb / 1024.0 * Main.LAMBDA_PER_GB_S_ARM * 1000;
        report.line(String.format("Not per order, so not above: the event source's empty receives (%d in the %.0f s"
                        + " of section 2 across the polling environments here; on AWS, Lambda's pollers long-poll"
                        + " SyncQueue whether or not orders come: a cost per queue, not per order). Not measured: a"
                        + " real platform's latency, which the sync function waits out on the clock. Each 100 ms of"
                        + " platform time per sync adds 0.1 s x %d MB to the invocation: $%.4f per 1,000 syncs.",
                        empty, steady.seconds(), memoryMb, perHundredMs))
                .blank();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("steadyPer1000", toRaw(steadyLines, steady.orders()));
        raw.put("throttledPer1000", toRaw(throttledLines, throttled.orders()));
        raw.put("emptyReceivesSteady", empty);
        report.raw("channelSyncCost", raw);
    }

    private static List<Line> lines(Fixture fx, ChannelSyncSection.Phase phase, int memoryMb) {
        String accounts = fx.ref("AccountsTable");
        String syncsTable = fx.ref("ChannelSyncsTable");
        String syncQueue = fx.ref("SyncQueue");
        Map<String, Line> out = new LinkedHashMap<>();
        Line link = out.computeIfAbsent("ShipOrder: GetItem of the platform link (AccountsTable CHANNEL#)", Line::new);
        Line put = out.computeIfAbsent("ShipOrder: the sync item, one more Put action in the shipment's"
                + " transaction (ChannelSyncsTable; not a request of its own)", Line::new);
        Line send = out.computeIfAbsent("ShipOrder: SendMessage to SyncQueue", Line::new);
        Line shipTime = out.computeIfAbsent("ShipOrder: its time in those two calls (SDK time on the emulator)",
                Line::new);
        for (Metering.Call c : phase.shipCalls()) {
            if (c.request() instanceof GetItemRequest r && r.tableName().equals(accounts) && isLink(r.key())) {
                link.requests++;
                link.dynamoRequests++;
                link.rcu += Capacity.units(fx.dynamo, c)[0];
                shipTime.gbSeconds += c.sdkNanos() / 1e9 * memoryMb / 1024.0;
            } else if (c.request() instanceof TransactWriteItemsRequest r) {
                for (TransactWriteItem item : r.transactItems()) {
                    if (item.put() != null && item.put().tableName().equals(syncsTable)) {
                        put.requests++;
                        put.wcu += Capacity.units(fx.dynamo, item);
                    }
                }
            } else if (c.request() instanceof SendMessageRequest r && r.queueUrl().equals(syncQueue)) {
                send.requests++;
                send.sqsRequests++;
                shipTime.gbSeconds += c.sdkNanos() / 1e9 * memoryMb / 1024.0;
            }
        }
        for (Metering.Call c : phase.syncCalls()) {
            Line line = out.computeIfAbsent("SyncChannelFunction: " + c.operation() + " " + target(fx, c), Line::new);
            line.requests++;
            if (c.service().toLowerCase(java.util.Locale.ROOT).startsWith("dynamodb")) {
                line.dynamoRequests++;
                double[] u = Capacity.units(fx.dynamo, c);
                line.rcu += u[0];
                line.wcu += u[1];
            } else {
                line.sqsRequests++;
            }
        }
        for (Metering.Call c : phase.pollCalls()) {
            boolean receive = c.operation().equals("ReceiveMessage");
            if (receive && !(c.response() instanceof ReceiveMessageResponse r && !r.messages().isEmpty())) {
                continue; // idle polling: per queue, not per order (reported apart)
            }
            Line line = out.computeIfAbsent("Event source: " + c.operation()
                    + (receive ? " that returned the message" : ""), Line::new);
            line.requests++;
            line.sqsRequests++;
        }
        Line lambda = out.computeIfAbsent("SyncChannelFunction: invocations and GB-s", Line::new);
        for (SyncPoller.Invocation v : phase.invocations()) {
            lambda.requests++;
            lambda.lambdaRequests++;
            lambda.gbSeconds += Math.ceil(v.nanos() / 1e6) / 1000.0 * memoryMb / 1024.0;
        }
        return new ArrayList<>(out.values());
    }

    private static boolean isLink(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get("pk");
        return pk != null && pk.s() != null && pk.s().startsWith("CHANNEL#");
    }

    /** The table or queue a call went to, by its logical name: "(OrdersTable, consistent)". */
    private static String target(Fixture fx, Metering.Call c) {
        String physical;
        String detail = "";
        if (c.request() instanceof GetItemRequest r) {
            if (r.tableName().equals(fx.ref("AccountsTable")) && isLink(r.key())) {
                return "(AccountsTable CHANNEL#: the link)";
            }
            physical = r.tableName();
            detail = Boolean.TRUE.equals(r.consistentRead()) ? ", consistent" : "";
        } else if (c.request() instanceof PutItemRequest r) {
            physical = r.tableName();
        } else if (c.request() instanceof SendMessageRequest r) {
            physical = r.queueUrl();
        } else {
            return "";
        }
        for (String id : List.of("AccountsTable", "OrdersTable", "ChannelSyncsTable", "SyncQueue")) {
            if (physical.equals(fx.ref(id))) {
                return "(" + id + detail + ")";
            }
        }
        return "(" + physical + detail + ")";
    }

    private static void table(Report report, List<Line> lines, int orders) {
        double k = 1000.0 / orders;
        List<List<String>> rows = new ArrayList<>();
        double total = 0;
        double rcu = 0;
        double wcu = 0;
        long sqs = 0;
        long lambda = 0;
        long dynamo = 0;
        double gbs = 0;
        for (Line l : lines) {
            if (l.requests == 0 && l.gbSeconds == 0) {
                continue;
            }
            total += l.dollars();
            rcu += l.rcu;
            wcu += l.wcu;
            sqs += l.sqsRequests;
            lambda += l.lambdaRequests;
            dynamo += l.dynamoRequests;
            gbs += l.gbSeconds;
            rows.add(List.of(l.what, l.requests == 0 ? "-" : String.format("%.0f", l.requests * k), units(l.rcu * k),
                    units(l.wcu * k), l.gbSeconds == 0 ? "-" : String.format("%.2f", l.gbSeconds * k),
                    String.format("%.5f", l.dollars() * k)));
        }
        rows.add(List.of("**total**", String.format("**%.0f DynamoDB, %.0f SQS, %.0f Lambda**", dynamo * k, sqs * k,
                lambda * k),
                "**" + units(rcu * k) + "**", "**" + units(wcu * k) + "**", String.format("**%.2f**", gbs * k),
                String.format("**%.4f**", total * k)));
        report.table(List.of("per 1,000 orders", "requests", "read units", "write units", "GB-s", "USD"), rows);
    }

    private static String units(double v) {
        return v == 0 ? "-" : String.format("%.0f", v);
    }

    private static Map<String, Object> toRaw(List<Line> lines, int orders) {
        double k = 1000.0 / orders;
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Line l : lines) {
            raw.put(l.what, Map.of("requests", l.requests * k, "rcu", l.rcu * k, "wcu", l.wcu * k,
                    "gbSeconds", l.gbSeconds * k, "usd", l.dollars() * k));
        }
        return raw;
    }
}
