package orderflow.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import orderflow.bench.ChannelPlatforms.Platform;
import orderflow.bench.ChannelPlatforms.PlatformCall;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.local.Template;
import orderflow.shared.api.PrimingContext;
import orderflow.shared.aws.Adapters;
import orderflow.shared.aws.DynamoChannelSyncs;
import orderflow.shared.domain.channels.ChannelSync;

/**
 * The channel sync (a change made here sent to Shopify, WooCommerce or Amazon) on the local stack:
 * the real seller API handlers and SyncChannelHandler in this JVM on the emulator, the platforms as
 * the it module's fakes. Platform calls per step of an order's life, the delay from the seller API's
 * answer to the sync being DONE (also when the platform throttles first), and the AWS work and cost
 * per 1,000 orders synced.
 */
final class ChannelSyncSection {

    /** Runner's LOCAL_MAX_CONCURRENCY default: the cap when an SQS event sets no MaximumConcurrency. */
    static final int RUNNER_DEFAULT_CONCURRENCY = 2;

    private final Fixture fx;
    private final ChannelPlatforms platforms;
    private final ChannelSellerApi api;
    private final Metering syncMeter = new Metering();
    private final Metering pollMeter = new Metering();
    private final DynamoChannelSyncs syncs;
    private SyncPoller poller;
    private int envs;

    private ChannelSyncSection(Fixture fx, ChannelPlatforms platforms) {
        this.fx = fx;
        this.platforms = platforms;
        this.api = new ChannelSellerApi(fx);
        this.syncs = new DynamoChannelSyncs(fx.dynamo, fx.ref("ChannelSyncsTable"), null);
    }

    static void run(Report report, Fixture fx, int orders, double rate, int throttled, Integer environments)
            throws Exception {
        Map<String, Object> props = fx.cloud.template().functionProperties("SyncChannelFunction");
        Map<String, Object> event = Template.map(Template.map(Template.map(props.get("Events")).get("Syncs"))
                .get("Properties"));
        int batchSize = Integer.parseInt(String.valueOf(event.getOrDefault("BatchSize", 10)));
        Object limit = Template.map(event.get("ScalingConfig")).get("MaximumConcurrency");
        int envs = environments != null ? environments : limit == null ? RUNNER_DEFAULT_CONCURRENCY
                : Math.min(RUNNER_DEFAULT_CONCURRENCY, Integer.parseInt(String.valueOf(limit)));
        int memoryMb = Integer.parseInt(String.valueOf(props.getOrDefault("MemorySize", 128)));
        try (ChannelPlatforms platforms = new ChannelPlatforms(fx)) {
            ChannelSyncSection section = new ChannelSyncSection(fx, platforms);
            Supplier<SyncChannelHandler> environment = () -> new SyncChannelHandler(Adapters.of(
                    ChannelSellerApi.dynamo(fx, section.syncMeter), ChannelSellerApi.sqs(fx, section.syncMeter), null,
                    platforms.syncEnvironment(), Clock.systemUTC()).withSecrets(null, platforms.ssm()));
            try (SyncPoller p = new SyncPoller(ChannelSellerApi.sqs(fx, section.pollMeter), fx.ref("SyncQueue"),
                    batchSize, envs, environment, new PrimingContext())) {
                section.poller = p;
                section.envs = envs;
                report.line("SyncChannelHandler runs in this JVM on the emulator, " + envs + " execution environments"
                        + " (threads, one handler and one set of SDK clients each) polling SyncQueue as the local runner"
                        + " does: BatchSize " + batchSize + " from the template, ReceiveMessage with a 1 s long poll,"
                        + " DeleteMessageBatch of what the handler did not report failed. The template sets no"
                        + " MaximumConcurrency on the SyncQueue event, so the runner's cap (LOCAL_MAX_CONCURRENCY,"
                        + " default " + RUNNER_DEFAULT_CONCURRENCY + ") applies; on AWS, Lambda would scale the"
                        + " pollers with the backlog.")
                        .line("The seller API routes (acknowledge, ship, cancel, delivery, refund) are the real handlers"
                                + " in this JVM too. The platforms are the it module's fakes (FakeShopifyAdmin,"
                                + " FakeWooCommerce, FakeSpApiOutbound: written from the platforms' documentation, on"
                                + " loopback), each linked to one storefront of the bench seller with"
                                + " DynamoAdmin.putChannelLink; every order exists on its platform and here, each line"
                                + " carrying the platform's line id.")
                        .blank();
                section.lifecycle(report);
                Main.progress("channel sync delay (" + orders + " orders at " + rate + "/s)");
                Phase steady = section.delay(report, orders, rate);
                Main.progress("channel sync delay after a throttled first call (" + throttled + " orders per platform)");
                Phase throttledPhase = section.throttled(report, throttled);
                section.cost(report, steady, throttledPhase, memoryMb);
            }
        }
    }

    // ------------------------------------------------------------------ 1. platform calls per step

    private record StepRow(String platform, String order, String step, List<PlatformCall> calls, String sync) {
    }

    private void lifecycle(Report report) throws InterruptedException {
        Main.progress("channel sync: platform calls per step of an order's life");
        List<StepRow> rows = new ArrayList<>();
        for (Platform p : Platform.values()) {
            String first = platforms.newOrder(p);
            String second = platforms.newOrder(p);
            String third = platforms.newOrder(p);
            rows.add(step(p, "1", "acknowledge", first, () -> api.acknowledge(first)));
            rows.add(step(p, "1", "ship package 1 of 2 (2 x MUG-BLUE)", first,
                    () -> api.ship(first, List.of(Map.of("sku", "MUG-BLUE", "quantity", 2)))));
            rows.add(step(p, "1", "ship package 2 of 2 (1 x TEE-BLACK-L)", first,
                    () -> api.ship(first, List.of(Map.of("sku", "TEE-BLACK-L", "quantity", 1)))));
            rows.add(step(p, "2", "cancel", second, () -> api.cancel(second)));
            rows.add(step(p, "3", "ship in full", third, () -> api.ship(third, null)));
            rows.add(step(p, "3", "confirm delivery", third, () -> api.deliver(third)));
            rows.add(step(p, "3", "goodwill refund 5.00 USD", third, () -> api.goodwill(third)));
        }
        report.heading("1. Platform calls per step of an order's life");
        report.line("Per platform, three orders (2 x MUG-BLUE, 1 x TEE-BLACK-L each): order 1 acknowledged, then"
                + " shipped in two packages; order 2 canceled; order 3 shipped in full, delivered, then refunded 5.00"
                + " USD as goodwill. Each step is one seller API request; the sync it wrote is then sent by"
                + " SyncChannelHandler. Calls are the HTTP requests the platform's fake received from then until the"
                + " sync was no longer PENDING, from its call log. Reads: GraphQL queries, GET; writes: GraphQL"
                + " mutations, POST/PUT (Amazon's feed document upload included); Amazon's Login with Amazon token"
                + " exchanges are counted apart (the token is cached per execution environment for its hour).")
                .blank();
        List<List<String>> table = new ArrayList<>();
        Map<String, int[]> totals = new LinkedHashMap<>();
        for (StepRow r : rows) {
            int reads = (int) r.calls().stream().filter(c -> !c.write() && !c.token()).count();
            int writes = (int) r.calls().stream().filter(PlatformCall::write).count();
            int tokens = (int) r.calls().stream().filter(PlatformCall::token).count();
            int[] t = totals.computeIfAbsent(r.platform(), k -> new int[3]);
            t[0] += reads;
            t[1] += writes;
            t[2] += tokens;
            table.add(List.of(r.platform(), r.order(), r.step(), Integer.toString(reads), Integer.toString(writes),
                    Integer.toString(tokens), r.calls().isEmpty() ? "-" : summary(r.calls()), r.sync()));
        }
        totals.forEach((platform, t) -> table.add(List.of("**" + platform + "**", "1-3", "**all steps**",
                "**" + t[0] + "**", "**" + t[1] + "**", "**" + t[2] + "**", "", "")));
        report.table(List.of("platform", "order", "step", "reads", "writes", "token", "requests", "sync"), table);
        report.raw("channelLifecycle", rows.stream().map(r -> (Object) Map.of("platform", r.platform(), "order",
                r.order(), "step", r.step(), "calls", r.calls().stream().map(PlatformCall::what).toList(),
                "sync", r.sync())).toList());
    }

    /** Runs one seller API step, waits until the syncs it wrote are settled, returns what the platform received. */
    private StepRow step(Platform p, String order, String name, String orderId, Runnable action)
            throws InterruptedException {
        int callsBefore = platforms.calls(p).size();
        Set<String> before = new HashSet<>(syncs.ofOrder(orderId).stream().map(ChannelSync::syncId).toList());
        action.run();
        List<ChannelSync> written = syncs.ofOrder(orderId).stream().filter(s -> !before.contains(s.syncId())).toList();
        List<ChannelSync> settled = awaitSettled(orderId, written.stream().map(ChannelSync::syncId).toList(),
                Duration.ofSeconds(90));
        List<PlatformCall> all = platforms.calls(p);
        String sync = settled.isEmpty() ? "none written" : String.join(", ", settled.stream().map(s -> s.kind() + " "
                + s.status() + (s.attempts() > 1 ? " after " + s.attempts() + " attempts" : "")
                + (s.status() == ChannelSync.Status.FAILED ? ": " + s.lastError() : "")).toList());
        if (settled.stream().anyMatch(s -> s.status() != ChannelSync.Status.DONE)) {
            throw new IllegalStateException(p.label + " " + name + ": " + sync);
        }
        return new StepRow(p.label, order, name, List.copyOf(all.subList(callsBefore, all.size())), sync);
    }

    /** "query order, mutation fulfillmentCreate" with repeats folded ("2 x ..."). */
    private static String summary(List<PlatformCall> calls) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        calls.forEach(c -> counts.merge(c.what(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add((n > 1 ? n + " x " : "") + "`" + what + "`"));
        return String.join(", ", parts);
    }

    /** The named syncs of the order once none is PENDING. */
    private List<ChannelSync> awaitSettled(String orderId, List<String> syncIds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ChannelSync> now = syncs.ofOrder(orderId).stream().filter(s -> syncIds.contains(s.syncId())).toList();
            if (now.stream().noneMatch(s -> s.status() == ChannelSync.Status.PENDING)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("syncs of " + orderId + " still pending after " + timeout + ": " + now);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ 2. delay

    /** One measured run: the orders shipped, their delays, and what AWS saw meanwhile. */
    record Phase(String name, List<Synced> synced, double seconds, List<Metering.Call> shipCalls,
                 List<Metering.Call> syncCalls, List<Metering.Call> pollCalls, List<SyncPoller.Invocation> invocations) {

        int orders() {
            return synced.size();
        }
    }

    /** One order's sync: its delay, the attempts it took, whether the platform holds its shipment exactly once. */
    record Synced(String platform, double delayMs, int attempts, boolean exactlyOnce) {
    }

    private record Shipped(Platform platform, String orderId, Instant answered) {
    }

    private Phase delay(Report report, int orders, double rate) throws InterruptedException {
        List<Platform> order = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Platform p = Platform.values()[i % Platform.values().length];
            order.add(p);
            ids.add(platforms.newOrder(p));
        }
        Phase phase = measure("steady", () -> {
            List<Shipped> shipped = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                api.ship(ids.get(i), null);
                shipped.add(new Shipped(order.get(i), ids.get(i), Instant.now()));
            }
            return shipped;
        });
        report.heading("2. Sync delay: from the seller API's answer to the sync being DONE");
        report.line(orders + " orders, a third on each platform in turn, shipped in full through POST"
                + " /v1/orders/{id}/shipments at " + rate + " requests/s (one seller, open loop: each request at its"
                + " time). The delay of an order runs from the moment ShipOrderHandler answered 201 to the end of the"
                + " SyncChannelHandler invocation that recorded the sync DONE. It includes: the SyncQueue message"
                + " (sent before the answer) waiting to be received by one of the "
                + envs + " polling environments (ReceiveMessage with a 1 s long poll on the emulator, moto, not"
                + " SQS: moto's long poll and queue bookkeeping are Python on loopback), the handler's "
                + dynamoCalls(phase) + ", and the platform's answers from its fake on loopback. It does not include a"
                + " Lambda cold start or invoke overhead (the handlers are warm, in this JVM), Lambda's own SQS"
                + " pollers, nor a real platform's latency over the internet, which a real sync adds once per"
                + " platform request listed in section 1.")
                .blank();
        report.table(List.of("platform", "syncs", "DONE, the platform holding exactly one shipment", "retried",
                "delay p50 (ms)", "p99 (ms)", "max (ms)"), delayRows(phase));
        report.line(String.format("Wall time %.0f s for %d shipments; empty receives of the idle environments are in"
                + " section 3.", phase.seconds(), orders)).blank();
        return phase;
    }

    private Phase throttled(Report report, int perPlatform) throws InterruptedException {
        List<String> shopifyIds = new ArrayList<>();
        List<String> wooIds = new ArrayList<>();
        for (int i = 0; i < perPlatform; i++) {
            shopifyIds.add(platforms.newOrder(Platform.SHOPIFY));
            wooIds.add(platforms.newOrder(Platform.WOOCOMMERCE));
        }
        // One order at a time, so the one refused request is that order's first: the next is armed only
        // once the previous sync is DONE.
        Phase phase = measure("throttled", () -> {
            List<Shipped> shipped = new ArrayList<>();
            for (int i = 0; i < perPlatform; i++) {
                platforms.shopify.throttleNext(1);
                shipped.add(shipAndSettle(Platform.SHOPIFY, shopifyIds.get(i)));
                platforms.woo.failNext(1, 429);
                shipped.add(shipAndSettle(Platform.WOOCOMMERCE, wooIds.get(i)));
            }
            return shipped;
        });
        report.heading("2b. Sync delay when the platform throttles the first call");
        report.line(perPlatform + " Shopify orders whose first Admin API request is answered THROTTLED (HTTP 200,"
                + " errors[].extensions.code THROTTLED: the cost-based limit) and " + perPlatform + " WooCommerce"
                + " orders whose first request is answered 429, one order at a time. SyncChannelHandler counts the"
                + " attempt, records the sync PENDING with the reason and sends it back to SyncQueue with a delay"
                + " (shared/domain/Backoff: full jitter, 1 to 2 s before the first retry, doubling up to 60 s); the"
                + " redelivery is sent and recorded DONE. Same delay definition as above.")
                .blank();
        report.table(List.of("platform", "syncs", "DONE, the platform holding exactly one shipment",
                "retried", "delay p50 (ms)", "p99 (ms)", "max (ms)"), delayRows(phase));
        boolean second = phase.synced().stream().allMatch(x -> x.attempts() == 2);
        report.line(second ? "Every sync was DONE on its second attempt: the throttled request was each order's first."
                : "**Not every sync took exactly two attempts** (attempts: " + phase.synced().stream()
                        .map(Synced::attempts).toList() + ").").blank();
        return phase;
    }

    private Shipped shipAndSettle(Platform p, String orderId) throws InterruptedException {
        api.ship(orderId, null);
        Instant answered = Instant.now();
        awaitSettled(orderId, syncs.ofOrder(orderId).stream().map(ChannelSync::syncId).toList(), Duration.ofSeconds(90));
        return new Shipped(p, orderId, answered);
    }

    private interface Shipping {
        List<Shipped> run() throws InterruptedException;
    }

    /** Runs the shipments, waits for every sync, and computes each order's delay from the invocations. */
    private Phase measure(String name, Shipping shipping) throws InterruptedException {
        api.metering.drain();
        syncMeter.drain();
        pollMeter.drain();
        int invocationsBefore = poller.invocations().size();
        long t0 = System.nanoTime();
        List<Shipped> shipped = shipping.run();
        List<ChannelSync> settled = new ArrayList<>();
        for (Shipped s : shipped) {
            settled.addAll(awaitSettled(s.orderId(), syncs.ofOrder(s.orderId()).stream().map(ChannelSync::syncId)
                    .toList(), Duration.ofMinutes(5)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<SyncPoller.Invocation> invocations = poller.invocations().subList(invocationsBefore,
                poller.invocations().size());
        List<Synced> synced = new ArrayList<>();
        for (Shipped s : shipped) {
            ChannelSync sync = settled.stream().filter(x -> x.orderId().equals(s.orderId())).findFirst().orElseThrow();
            if (sync.status() != ChannelSync.Status.DONE) {
                throw new IllegalStateException(name + ": sync of " + s.orderId() + " ended " + sync);
            }
            String external = fx.orders().get(s.orderId()).orElseThrow().externalOrderId();
            Instant done = invocations.stream().filter(v -> v.syncId().equals(sync.syncId())
                    && !v.end().isBefore(sync.updatedAt())).map(SyncPoller.Invocation::end).min(Instant::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no invocation recorded " + sync));
            synced.add(new Synced(s.platform().label, Duration.between(s.answered(), done).toNanos() / 1e6,
                    sync.attempts(), platforms.shipmentsRecorded(s.platform(), external) == 1));
        }
        return new Phase(name, synced, seconds, api.metering.drain(),
                syncMeter.drain(), pollMeter.drain(), List.copyOf(invocations));
    }

    /** "4 DynamoDB calls on the emulator (mean 2.1 ms each in this run)" from the sync function's metered calls. */
    private static String dynamoCalls(Phase phase) {
        List<Metering.Call> dynamo = phase.syncCalls().stream()
                .filter(c -> c.service().toLowerCase(java.util.Locale.ROOT).startsWith("dynamodb")).toList();
        double perSync = (double) dynamo.size() / phase.orders();
        double meanMs = dynamo.stream().mapToLong(Metering.Call::sdkNanos).average().orElse(0) / 1e6;
        return String.format("%.0f DynamoDB reads and writes per sync on the emulator (mean %.1f ms each in this run)",
                perSync, meanMs);
    }

    private static List<List<String>> delayRows(Phase phase) {
        Map<String, List<Synced>> byPlatform = new LinkedHashMap<>();
        phase.synced().forEach(s -> byPlatform.computeIfAbsent(s.platform(), k -> new ArrayList<>()).add(s));
        List<List<String>> rows = new ArrayList<>();
        byPlatform.forEach((platform, list) -> rows.add(delayRow(platform, list, false)));
        rows.add(delayRow("all", phase.synced(), true));
        return rows;
    }

    private static List<String> delayRow(String name, List<Synced> list, boolean bold) {
        Stats s = new Stats(list.stream().map(Synced::delayMs).toList());
        String b = bold ? "**" : "";
        return List.of(b + name + b, Integer.toString(list.size()),
                list.stream().filter(Synced::exactlyOnce).count() + " of " + list.size(),
                Long.toString(list.stream().filter(x -> x.attempts() > 1).count()), b + Stats.ms(s.median()) + b,
                b + Stats.ms(s.percentile(99)) + b, b + Stats.ms(s.max()) + b);
    }

    // ------------------------------------------------------------------ 3. cost

    private void cost(Report report, Phase steady, Phase throttledPhase, int memoryMb) {
        ChannelSyncCost.write(report, fx, steady, throttledPhase, memoryMb);
    }
}
