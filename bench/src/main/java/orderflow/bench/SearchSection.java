package orderflow.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.orders.ListOrdersHandler;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.Env;
import orderflow.shared.aws.SearchBackfill;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Fulfillment;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.search.SearchTerm;
import orderflow.shared.domain.search.SearchTerms;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * GET /v1/orders?q= over N orders of one seller (default 100,000): the orders and their search entries
 * are loaded with BatchWriteItem (SearchBackfill.load: the very items the create transaction writes,
 * without its transaction and history, which would take hours on moto), then ListOrdersHandler in this
 * JVM answers searches of each kind; latency p50/p99, entries and orders read, and the read units each
 * search would cost on DynamoDB, computed from item sizes (moto reports no capacity).
 */
final class SearchSection {

    static final String SELLER = "bench-search-seller";
    private static final String[] FIRST = {"Ada", "Ben", "Chloé", "David", "Emma", "François", "Grace", "Hugo",
            "Inès", "Jack", "Kai", "Léa", "Mia", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sam", "Zoë", "Ana",
            "Björn", "Carmen", "Dmitri", "Elena", "Felix", "Greta", "Hana", "Ivan", "Jürgen"};
    private static final String[] LAST_A = {"Ander", "Berg", "Carl", "Dahl", "Eck", "Fisch", "Gold", "Hart",
            "Iver", "John", "Kauf", "Lind", "Mül", "Nord", "Ols", "Peter", "Quist", "Ros", "Schmid", "Thom",
            "Ull", "Vogel", "Wald", "Young", "Zimmer", "García", "López", "Martín", "Núñez", "Smith"};
    private static final String[] LAST_B = {"son", "sen", "mann", "er", "berg", "ström", "ez", "ley", "ton", "hoff",
            "", "feld", "ford", "wood", "s", "ini", "ová", "sky", "dóttir", "quist"};
    private static final int CATALOGUE = 2_000;

    private SearchSection() {
    }

    /** One search to measure: its label, query and the kind of entries it reads. */
    private record Probe(String kind, Map<String, String> query) {
    }

    private record Sample(double ms, double wireMs, int results, int queries, int batchGets, double rcu) {
        double oursMs() {
            return ms - wireMs;
        }
    }

    /**
     * Assumed DynamoDB latencies in the same region (not measured here): a Query of one page of small
     * entries and a BatchGetItem of up to 50 orders, at the median and at the tail.
     */
    static final double QUERY_P50_MS = 4;
    static final double QUERY_P99_MS = 12;
    static final double BATCH_GET_P50_MS = 7;
    static final double BATCH_GET_P99_MS = 20;

    static void run(Report report, Fixture fx, InProcess in, int count, int samples) throws Exception {
        Random random = new Random(20261207);
        List<Order> orders = new ArrayList<>(count);
        Instant start = Instant.parse("2025-12-01T00:00:00Z");
        long spread = 365L * 86_400 / Math.max(1, count);
        Map<String, Object> body = new HashMap<>(Json.parseObject(fx.events.orderBody("search-0")));
        long entries = 0;
        long entryBytes = 0;
        for (int i = 0; i < count; i++) {
            Order o = order(body, i, count, start.plusSeconds(i * spread), random);
            orders.add(o);
            for (SearchTerm t : SearchTerms.of(o)) {
                entries++;
                entryBytes += entrySize(o, t);
            }
        }
        double entrySize = (double) entryBytes / Math.max(1, entries);
        Main.progress("search: loading " + count + " orders and " + entries + " entries");
        long loadStart = System.nanoTime();
        load(fx, orders);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        ListOrdersHandler handler = new ListOrdersHandler(Adapters.of(in.dynamo, null, null,
                Env.of(new HashMap<>(fx.cloud.functionEnvironment("ListOrdersFunction"))), Clock.systemUTC()));
        Map<String, List<Probe>> probes = probes(orders, random, samples);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, List<Probe>> set : probes.entrySet()) {
            for (int w = 0; w < Math.min(10, set.getValue().size()); w++) { // warm the handler's code paths
                measure(handler, fx, in, set.getValue().get(w), entrySize);
            }
            List<Sample> taken = new ArrayList<>();
            for (Probe p : set.getValue().subList(Math.min(10, set.getValue().size()), set.getValue().size())) {
                taken.add(measure(handler, fx, in, p, entrySize));
            }
            Stats ms = new Stats(taken.stream().map(Sample::ms).toList());
            Stats ours = new Stats(taken.stream().map(Sample::oursMs).toList());
            double rcu = taken.stream().mapToDouble(Sample::rcu).average().orElse(0);
            double queries = taken.stream().mapToInt(Sample::queries).average().orElse(0);
            double gets = taken.stream().mapToInt(Sample::batchGets).average().orElse(0);
            int maxQueries = taken.stream().mapToInt(Sample::queries).max().orElse(0);
            int maxGets = taken.stream().mapToInt(Sample::batchGets).max().orElse(0);
            double awsP50 = ours.median() + queries * QUERY_P50_MS + gets * BATCH_GET_P50_MS;
            double awsP99 = ours.percentile(99) + maxQueries * QUERY_P99_MS + maxGets * BATCH_GET_P99_MS;
            rows.add(List.of(set.getKey(), Integer.toString(taken.size()), Stats.ms(ms.median()) + " ms",
                    Stats.ms(ms.percentile(99)) + " ms", Stats.ms(ours.median()) + " ms",
                    String.format("%.1f", taken.stream().mapToInt(Sample::results).average().orElse(0)),
                    String.format("%.1f / %.1f", queries, gets),
                    String.format("%.1f", rcu), String.format("$%.5f", 1000 * rcu * Main.DDB_PER_RCU),
                    "~" + Stats.ms(awsP50) + " / ~" + Stats.ms(awsP99) + " ms"));
            raw.put(set.getKey(), Map.of("ms", taken.stream().map(Sample::ms).toList(), "rcu", rcu));
        }
        write(report, count, entries, entrySize, loadSeconds, samples, rows);
        report.raw("search", Map.of("orders", count, "entries", entries, "loadSeconds", loadSeconds, "probes", raw));
    }

    private static void write(Report report, int count, long entries, double entrySize, double loadSeconds,
                              int samples, List<List<String>> rows) {
        report.heading("Search over " + String.format("%,d", count) + " orders of one seller (GET /v1/orders?q=)");
        report.line(String.format("%,d orders (a third each Amazon-, Shopify- and WooCommerce-numbered; 1-3 lines from a"
                        + " catalogue of %,d SKUs, a few SKUs in most orders; 70%% shipped with a tracking number) and their"
                        + " %,d search entries (%.1f per order, %.0f bytes each) were loaded in %.0f s with BatchWriteItem"
                        + " (SearchBackfill.load: the items the create transaction writes, without the transaction).",
                        count, CATALOGUE, entries, (double) entries / count, entrySize, loadSeconds))
                .line("Each row: " + samples + " different searches through ListOrdersHandler in this JVM against the"
                        + " emulator (10 more first, not counted); limit 50. Queries / BatchGets: calls per search.")
                .line("Read units: the entries each Query read (rounded up to 4 KB, eventually consistent) plus each order"
                        + " BatchGetItem read (each rounded up to 4 KB, eventually consistent), from item sizes.")
                .blank();
        report.table(List.of("search", "n", "p50 (local)", "p99 (local)", "ours + SDK p50", "results",
                "Queries / BatchGets", "RCU per search", "$ per 1,000 searches", "AWS estimate p50 / p99"), rows);
        report.line("**AWS estimate.** Latency on AWS = our code and the SDK as measured here (the time not spent waiting on"
                        + " the emulator) + the DynamoDB calls each search made at assumed in-region latencies: Query "
                        + Stats.ms(QUERY_P50_MS) + " ms median / " + Stats.ms(QUERY_P99_MS) + " ms tail, BatchGetItem of up to 50"
                        + " orders " + Stats.ms(BATCH_GET_P50_MS) + " ms / " + Stats.ms(BATCH_GET_P99_MS) + " ms (the p99 column adds"
                        + " the tail latency for the most calls any search of the row made). Not measured on AWS; API Gateway"
                        + " and the authorizer (cached 60 s) come on top.")
                .line("Read cost is independent of the table's size: a search reads the entries of its one value (or"
                        + " prefix) and the orders on the page, never the seller's other orders. The emulator's p50/p99 grow"
                        + " with the partition because moto walks a partition's items in Python on every Query; DynamoDB"
                        + " seeks the sort key. Prices: $0.125 per million read units (shared/reference.md).")
                .blank();
    }

    private static Sample measure(ListOrdersHandler handler, Fixture fx, InProcess in, Probe p, double entrySize) {
        APIGatewayV2HTTPEvent event = Events.object(fx.events.sellerRoute("list-orders.json", SELLER, null, null,
                p.query()), APIGatewayV2HTTPEvent.class);
        in.metering.drain();
        long t0 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, in.context);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("search " + p + " failed: " + response.getBody());
        }
        int results = ((List<?>) Json.parseObject(response.getBody()).get("orders")).size();
        int queries = 0;
        int gets = 0;
        double rcu = 0;
        long wire = 0;
        for (Metering.Call c : in.metering.drain()) {
            wire += c.wireNanos();
            if (c.response() instanceof QueryResponse q) {
                queries++;
                rcu += ItemSize.readUnits((long) Math.ceil(q.count() * entrySize), false);
            } else if (c.response() instanceof BatchGetItemResponse b) {
                gets++;
                for (var items : b.responses().values()) {
                    for (var item : items) {
                        rcu += ItemSize.readUnits(ItemSize.of(item), false);
                    }
                }
            }
        }
        return new Sample(ms, wire / 1e6, results, queries, gets, rcu);
    }

    /** Searches people make: numbers as each platform shows them, names, emails, SKUs, tracking numbers. */
    private static Map<String, List<Probe>> probes(List<Order> orders, Random random, int samples) {
        Map<String, List<Probe>> sets = new LinkedHashMap<>();
        for (int i = 0; i < samples + 10; i++) {
            Order o = orders.get(random.nextInt(orders.size()));
            Order shop = orders.get(3 * random.nextInt(orders.size() / 3) + 1);
            Order shipped = orders.get(random.nextInt((int) (orders.size() * 0.7)));
            String[] name = o.buyer().name().split(" ");
            add(sets, "number #1001 (field=num)", Map.of("q", shop.intake().displayNumber(), "field", "num"));
            add(sets, "number #1001 (search box: all kinds)", Map.of("q", shop.intake().displayNumber()));
            add(sets, "Amazon order id (field=num)", Map.of("q", orders.get(3 * random.nextInt(orders.size() / 3))
                    .externalOrderId(), "field", "num"));
            add(sets, "last name (field=name)", Map.of("q", name[1], "field", "name"));
            add(sets, "first and last name (search box)", Map.of("q", o.buyer().name()));
            add(sets, "name prefix, 3 letters (field=name)", Map.of("q", name[1].substring(0, 3), "field", "name"));
            add(sets, "email (search box)", Map.of("q", o.buyer().email()));
            add(sets, "SKU (field=sku)", Map.of("q", o.lines().get(0).sku().toLowerCase(Locale.ROOT), "field", "sku"));
            add(sets, "SKU + status=UNSHIPPED", Map.of("q", o.lines().get(0).sku(), "field", "sku",
                    "status", "UNSHIPPED"));
            add(sets, "tracking number (field=track)", Map.of("q", shipped.fulfillment().shipments().get(0)
                    .trackingNumber(), "field", "track"));
        }
        return sets;
    }

    private static void add(Map<String, List<Probe>> sets, String kind, Map<String, String> query) {
        Map<String, String> q = new HashMap<>(query);
        q.put("limit", "50");
        sets.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Probe(kind, q));
    }

    private static Order order(Map<String, Object> sample, int i, int total, Instant created, Random r) {
        Map<String, Object> body = new HashMap<>(sample);
        int platform = i % 3;
        String external = switch (platform) {
            case 0 -> String.format("%03d-%07d-%07d", 100 + r.nextInt(900), r.nextInt(10_000_000), r.nextInt(10_000_000));
            case 1 -> Long.toString(5_000_000_000_000L + i);
            default -> Integer.toString(20_000 + i);
        };
        body.put("externalOrderId", external);
        body.put("createdAt", created.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int l = 0; l < n; l++) {
            int sku = (int) (CATALOGUE * Math.pow(r.nextDouble(), 3)); // a few best sellers, a long tail
            lines.add(Map.of("sku", String.format("SKU-%04d", sku + l), "title", "Item " + sku, "quantity", 1,
                    "unitPrice", "9.99"));
        }
        body.put("lines", lines);
        body.remove("total");
        Order o = GenericOrderPayload.parse(body).toOrder(Fixture.STOREFRONT, SELLER, created);
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST_A[r.nextInt(LAST_A.length)] + LAST_B[r.nextInt(LAST_B.length)];
        String name = first + " " + last;
        Buyer buyer = new Buyer(name, (first + "." + last + "." + i + "@example.com").toLowerCase(Locale.ROOT));
        String display = platform == 1 ? "#" + (1001 + i) : platform == 2 ? external : null;
        boolean shipped = i < (int) (total * 0.7); // the oldest 70%: orders are generated oldest first
        Fulfillment f = Fulfillment.NONE;
        if (shipped) {
            StringBuilder t = new StringBuilder("1Z");
            for (int c = 0; c < 16; c++) {
                t.append("0123456789ABCDEFGHJKLMNPRSTUVWXYZ".charAt(r.nextInt(33)));
            }
            Map<String, Integer> q = new LinkedHashMap<>();
            o.lines().forEach(l -> q.merge(l.sku(), l.quantity(), Integer::sum));
            f = new Fulfillment(created, null, List.of(new Shipment("shp_" + i, "UPS", t.toString(), true, null,
                    created.plusSeconds(86_400), q, false, created.plusSeconds(86_400), null, null)), null, null);
        }
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(),
                shipped ? OrderStatus.SHIPPED : OrderStatus.UNSHIPPED, null, o.createdAt(), o.receivedAt(),
                o.currency(), buyer, new Address(name, "1 Way", null, "Springfield", "IL", "62701", "US"), o.lines(),
                o.totals(), created.plusSeconds(2 * 86_400), null, 3, f, o.refunded(),
                new Intake(display, false, false, List.of(), null, null, List.of()));
    }

    private static long entrySize(Order o, SearchTerm t) {
        String pk = o.sellerId() + "#" + t.kind().code();
        String sk = t.value() + "|" + "2026-01-01T00:00:00.000Z" + "|" + o.orderId();
        return 2 + pk.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2
                + sk.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 7 + o.orderId().length();
    }

    /** BatchWriteItem from 4 threads, 500 orders (and their entries) per task. */
    private static void load(Fixture fx, List<Order> orders) throws Exception {
        SearchBackfill loader = new SearchBackfill(fx.dynamo, fx.ref("OrdersTable"), fx.ref("SearchTable"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < orders.size(); i += 500) {
                List<Order> chunk = orders.subList(i, Math.min(orders.size(), i + 500));
                int done = i + chunk.size();
                tasks.add(pool.submit(() -> {
                    loader.load(chunk);
                    if (done % 10_000 == 0) {
                        Main.progress("search: " + done + " orders loaded");
                    }
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
