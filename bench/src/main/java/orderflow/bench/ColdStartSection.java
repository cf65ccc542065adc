package orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import orderflow.local.Template;

/** Section 1: cold start per function beside the floor, in three JVM set-ups, measured in one run. */
final class ColdStartSection {

    record Variant(String name, List<String> flags) {
    }

    record Spec(String id, String handler, Path jar, List<String> clients, Supplier<String> event) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("JVM defaults", List.of("-XX:+UseSerialGC")),
            new Variant("C1 only (template)", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
            new Variant("C1 + AOT cache", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));

    /** function id -> set-up -> ratio to the floor (medians), for the verdict. */
    final Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
    /** function id -> the largest extra class groups, for the verdict. */
    final Map<String, String> extraClasses = new LinkedHashMap<>();
    private final Fixture fx;
    private final ColdStart cold;
    private final Path out;
    private final int runs;

    ColdStartSection(Fixture fx, Path bootstrapJar, Path floorJar, Path out, int runs) {
        this.fx = fx;
        this.cold = new ColdStart(bootstrapJar, floorJar);
        this.out = out;
        this.runs = runs;
    }

    List<Spec> specs() throws IOException {
        Template t = fx.cloud.template();
        List<Spec> specs = new ArrayList<>();
        for (String id : t.idsOfType("AWS::Serverless::Function")) {
            specs.add(spec(id));
        }
        return specs;
    }

    /** One function's jar, handler, clients and bench event. */
    Spec spec(String id) throws IOException {
        Map<String, Object> p = fx.cloud.template().properties(id);
        Path jar = Template.functionJar(fx.root, (String) p.get("CodeUri"));
        return new Spec(id, (String) p.get("Handler"), jar, clientsIn(jar), eventFor(id));
    }

    /** The SDK service clients a jar bundles: the floor builds exactly these. */
    static List<String> clientsIn(Path jar) throws IOException {
        List<String> clients = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (String c : List.of("dynamodb", "sqs", "sesv2")) {
                if (f.stream().anyMatch(e -> e.getName().startsWith("software/amazon/awssdk/services/" + c + "/"))) {
                    clients.add(c);
                }
            }
        }
        return clients;
    }

    private Supplier<String> eventFor(String id) {
        Events ev = fx.events;
        return switch (id) {
            case "ReceiveWebhookFunction" -> () -> ev.webhook(Fixture.STOREFRONT, Fixture.SECRET, "cold-" + UUID.randomUUID());
            case "ProcessOrderFunction" -> () -> ev.processOrder(fx.newReadyOrder());
            case "SendEmailFunction" -> () -> ev.sendEmail(ev.emailMessage("cold-" + UUID.randomUUID()));
            case "GetOrderFunction" -> () -> ev.getOrder(Fixture.SELLER, fx.existingOrderId);
            case "ListOrdersFunction" -> () -> ev.listOrders(Fixture.SELLER);
            case "ApiKeyAuthorizerFunction" -> () -> ev.authorizer(fx.apiKey);
            case "AcknowledgeOrderFunction" -> () -> ev.sellerRoute("acknowledge-order.json", Fixture.SELLER,
                    fx.newUnshippedOrder(), null, null);
            // The fixture makes no held order: the release is refused (409) after the whole request path ran.
            case "ReleaseOrderFunction" -> () -> ev.sellerRoute("release-order.json", Fixture.SELLER,
                    fx.newUnshippedOrder(), null, null);
            case "CancelOrderFunction" -> () -> ev.sellerRoute("cancel-order.json", Fixture.SELLER,
                    fx.newUnshippedOrder(), null, null);
            case "BulkOrderActionsFunction" -> () -> ev.sellerRoute("bulk-order-actions.json", Fixture.SELLER, null,
                    Map.of("action", "cancel", "reason", "OUT_OF_STOCK", "orderIds",
                            java.util.List.of(fx.newUnshippedOrder(), fx.newUnshippedOrder())), null);
            case "ShipOrderFunction" -> () -> ev.sellerRoute("ship-order.json", Fixture.SELLER, fx.newUnshippedOrder(),
                    Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                            "shipDate", java.time.Instant.now().toString()), null);
            case "ConfirmDeliveryFunction" -> () -> ev.sellerRoute("confirm-delivery.json", Fixture.SELLER,
                    fx.newShippedOrder(), Map.of("deliveredAt", java.time.Instant.now().toString()), null);
            case "GetOrderHistoryFunction" -> () -> ev.sellerRoute("get-order-history.json", Fixture.SELLER,
                    fx.existingOrderId, null, null);
            case "UpdateStockFunction" -> () -> ev.sellerRoute("set-stock.json", Fixture.SELLER, null,
                    Map.of("onHand", 10_000_000, "lowStockThreshold", 5, "binLocation", "A-1"), null);
            case "GetInventoryFunction" -> () -> ev.sellerRoute("get-stock.json", Fixture.SELLER, null, null, null);
            case "GetPickListFunction" -> () -> ev.sellerRoute("get-pick-list.json", Fixture.SELLER, null, null, null);
            case "GetPackingSlipFunction" -> () -> ev.sellerRoute("get-packing-slip.json", Fixture.SELLER,
                    fx.newUnshippedOrder(), null, null);
            case "PackCheckFunction" -> () -> ev.sellerRoute("pack-check.json", Fixture.SELLER, fx.newUnshippedOrder(),
                    Map.of("scans", java.util.List.of("MUG-BLUE", "MUG-BLUE", "TEE-BLACK-L")), null);
            case "ReceiveBuyerMessageFunction" -> () -> ev.buyerMessage(Fixture.STOREFRONT, Fixture.SECRET,
                    fx.existingExternalId, "cold-" + UUID.randomUUID());
            case "ReplyToBuyerFunction" -> () -> ev.sellerRoute("reply-to-buyer.json", Fixture.SELLER,
                    fx.existingOrderId, null, null);
            case "ListMessagesFunction" -> () -> ev.sellerRoute("list-messages.json", Fixture.SELLER, null, null, null);
            case "ReceiveAmazonNotificationFunction" -> () -> ev.amazonNotification(Fixture.AMAZON_SELLER,
                    "cold-" + UUID.randomUUID());
            case "CreateReturnFunction" -> () -> ev.sellerRoute("create-return.json", Fixture.SELLER,
                    fx.newDeliveredOrder(), null, null);
            case "ReceiveReturnFunction" -> () -> ev.sellerRoute("receive-return.json", Fixture.SELLER,
                    Map.of("rmaId", fx.newAuthorizedReturn()), Map.of("lines", java.util.List.of(Map.of("sku",
                            "MUG-BLUE", "quantity", 1, "condition", "SELLABLE"))));
            case "CreateRefundFunction" -> () -> ev.sellerRoute("create-refund.json", Fixture.SELLER,
                    fx.newDeliveredOrder(), null, null);
            case "DeliverRefundFunction" -> () -> ev.deliverRefund(fx.existingOrderId, "rf_bench_absent");
            // No sync of that id: the whole read path ran, no platform is called.
            case "SyncChannelFunction" -> () -> ev.syncChannel(fx.existingOrderId, "sync_bench_absent");
            // No sync of that id on the order: 404 after the order and the sync were read.
            case "RetryChannelSyncFunction" -> () -> ev.sellerRoute("retry-channel-sync.json", Fixture.SELLER,
                    Map.of("orderId", fx.existingOrderId, "syncId", "sync_benchabsent"), null);
            // The bench seller has no carrier account: 409 not-set-up after the order and accounts were read.
            case "GetRatesFunction" -> () -> ev.sellerRoute("get-rates.json", Fixture.SELLER, fx.newUnshippedOrder(),
                    Map.of("weightGrams", 800, "box", Map.of("lengthMm", 300, "widthMm", 200, "heightMm", 100)), null);
            // No such quote: 400 after the order and the quote were read; no carrier is called.
            case "BuyLabelFunction" -> () -> ev.sellerRoute("buy-label.json", Fixture.SELLER, fx.newUnshippedOrder(),
                    Map.of("quoteId", "shp_benchabsent", "rateId", "rate_benchabsent"), null);
            // The fixture's seller has no EasyPost account: 401 after the account was read (nothing written).
            case "ReceiveTrackingEventFunction" -> () -> ev.publicRoute("receive-tracking-event.json");
            // Nothing in transit for Amazon Shipping: the InTransit index is read, no carrier is called.
            case "PollTrackingFunction" -> () -> ev.scheduled("poll-tracking.json");
            case "ListReturnsFunction" -> () -> ev.sellerRoute("list-returns.json", Fixture.SELLER, null, null, null);
            case "GetMetricsFunction" -> () -> ev.sellerRoute("get-metrics.json", Fixture.SELLER, null, null,
                    Map.of("window", "30"));
            case "FlagOverdueFunction" -> () -> ev.scheduled("flag-overdue.json");
            // The OpenSyncs index is read; what is idle there (if anything) is re-queued.
            case "SweepChannelSyncsFunction" -> () -> ev.scheduled("sweep-channel-syncs.json");
            // Nothing marked for the bench seller: the index is read, no platform is called.
            case "PushStockFunction" -> () -> ev.scheduled("push-stock.json");
            case "CancelUnpaidFunction" -> () -> ev.scheduled("cancel-unpaid.json");
            case "ReturnPolicyFunction" -> () -> ev.sellerRoute("get-return-policy.json", Fixture.SELLER, null, null, null);
            // The bench seller's settings: its account item, return policy, storefronts and latest orders read.
            case "SettingsFunction" -> () -> ev.sellerRoute("get-settings.json", Fixture.SELLER, null, null, null);
            case "DashboardFunction" -> () -> ev.publicRoute("dashboard.json");
            case "ExportOrdersFunction" -> () -> ev.sellerRoute("export-orders.json", Fixture.SELLER, null, null,
                    Map.of("from", java.time.Instant.now().minusSeconds(86_400).toString()));
            // A new upload: the item written and the PUT link signed (no file is read).
            case "UploadsFunction" -> () -> ev.sellerRoute("uploads.json", Fixture.SELLER, null,
                    Map.of("kind", "stock-counts", "fileName", "counts.csv", "sizeBytes", 2048), null);
            // No such upload: the read, and nothing else to do.
            case "ProcessUploadFunction" -> () -> ev.processUpload(Fixture.SELLER, "upl_0000000000000000000000000000");
            default -> throw new IllegalArgumentException("no bench event for " + id);
        };
    }

    private Map<String, String> floorEnv() {
        Map<String, String> env = new HashMap<>(fx.awsEnvironment());
        env.put("FLOOR_TABLE", fx.ref("AccountsTable"));
        env.put("FLOOR_KEY", "pk");
        env.put("FLOOR_QUEUE_URL", fx.ref("OrderQueue"));
        env.put("FLOOR_SENDER", fx.ref("SenderEmail"));
        return env;
    }

    private List<String> flags(Variant v, Path aot) {
        List<String> flags = new ArrayList<>(v.flags());
        if (v.name().contains("AOT")) {
            flags.add("-XX:AOTCache=" + aot);
        }
        return flags;
    }

    void run(Report report) throws Exception {
        List<Spec> specs = specs();
        Files.createDirectories(out.resolve("aot"));
        Variant c1 = VARIANTS.get(1);
        // AOT caches: one training run each, same flags as the measured runs.
        Map<String, Path> aot = new HashMap<>();
        for (Spec s : specs) {
            Path file = out.resolve("aot/" + s.id() + ".aot");
            Files.deleteIfExists(file);
            List<String> train = new ArrayList<>(c1.flags());
            train.add("-XX:AOTCacheOutput=" + file);
            cold.function(s.jar(), fx.lambdaEnvironment(s.id()), s.handler(), bytes(s.event().get()), train, true);
            aot.put(s.id(), file);
            Path floorFile = out.resolve("aot/floor-" + s.id() + ".aot");
            Files.deleteIfExists(floorFile);
            List<String> trainFloor = new ArrayList<>(c1.flags());
            trainFloor.add("-XX:AOTCacheOutput=" + floorFile);
            cold.floor(s.jar(), floorEnv(), s.clients(), trainFloor, true);
            aot.put("floor-" + s.id(), floorFile);
        }
        // Interleaved: run i of every function and variant before run i+1, so drift hits all alike.
        Map<String, List<ColdStart.Sample>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Spec s : specs) {
                for (Variant v : VARIANTS) {
                    if (v.name().contains("AOT") && !Files.isRegularFile(aot.get(s.id()))) {
                        continue;
                    }
                    samples.computeIfAbsent(s.id() + "|" + v.name(), k -> new ArrayList<>()).add(cold.function(
                            s.jar(), fx.lambdaEnvironment(s.id()), s.handler(), bytes(s.event().get()),
                            flags(v, aot.get(s.id())), false));
                    samples.computeIfAbsent("floor " + s.id() + "|" + v.name(), k -> new ArrayList<>()).add(cold.floor(
                            s.jar(), floorEnv(), s.clients(), flags(v, aot.get("floor-" + s.id())), false));
                }
            }
        }
        write(report, specs, samples, aot);
        gap(report, specs);
    }

    private void write(Report report, List<Spec> specs, Map<String, List<ColdStart.Sample>> samples,
                       Map<String, Path> aot) {
        report.heading("1. Cold start per function vs the floor");
        report.line("Fresh JVM -> handler constructed -> first realistic event handled against the emulator (moto on")
                .line("loopback), through the same Lambda runtime client the local runner uses. The floor is a fresh JVM")
                .line("on the same jar that builds the same SDK clients and makes one call with each. Wall time to the")
                .line("response (function) or FLOOR_DONE (floor); CPU = user+sys of the JVM; RSS = peak resident set.")
                .line("Median (min-max) of " + runs + " runs, in ms (RSS in MiB). Ratio = function / floor, medians, same set-up.")
                .line("AOT cache: a JDK 25 AOT cache (-XX:AOTCacheOutput, one training run on another event) as a local")
                .line("stand-in for a restored SnapStart snapshot.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Spec s : specs) {
            for (Variant v : VARIANTS) {
                List<ColdStart.Sample> fn = samples.get(s.id() + "|" + v.name());
                List<ColdStart.Sample> fl = samples.get("floor " + s.id() + "|" + v.name());
                if (fn == null) {
                    rows.add(List.of(s.id(), v.name(), "no AOT cache was written by the training run", "", "", "", "", ""));
                    continue;
                }
                Stats wall = stats(fn, ColdStart.Sample::wallMs);
                Stats floor = stats(fl, ColdStart.Sample::wallMs);
                double ratio = wall.median() / floor.median();
                ratios.computeIfAbsent(s.id(), k -> new LinkedHashMap<>()).put(v.name(), ratio);
                rows.add(List.of(s.id(), v.name(), wall.summary(), stats(fn, ColdStart.Sample::initMs).summary(),
                        stats(fn, ColdStart.Sample::cpuMs).summary(), Stats.ms(stats(fn, ColdStart.Sample::rssMib).median()),
                        floor.summary() + " / " + Stats.ms(stats(fl, ColdStart.Sample::cpuMs).median()) + " / "
                                + Stats.ms(stats(fl, ColdStart.Sample::rssMib).median()),
                        String.format("%.2f", ratio) + (ratio <= 1.25 ? "" : " **>1.25**")));
                raw.put(s.id() + " / " + v.name(), fn);
                raw.put("floor(" + String.join("+", s.clients()) + ") for " + s.id() + " / " + v.name(), fl);
            }
        }
        report.table(List.of("function", "JVM set-up", "wall", "to handler ready", "CPU", "peak RSS",
                "floor wall / CPU / RSS", "ratio"), rows);
        report.raw("coldStart", raw);
        report.raw("aotCaches", aot.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Files.isRegularFile(e.getValue()) ? sizeOf(e.getValue()) : -1L)));
    }

    /** Which classes a function loads beyond its floor, by package, from -Xlog:class+load. */
    private void gap(Report report, List<Spec> specs) throws Exception {
        report.heading("1b. What the gap to the floor is made of");
        report.line("Classes loaded (C1 only set-up, one run each) by the function beyond its floor, by package;")
                .line("each loaded class costs parse + link + init time, and the biggest groups are where the gap goes.")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Spec s : specs) {
            Path fnLog = out.resolve("classes-" + s.id() + ".log");
            Path flLog = out.resolve("classes-floor-" + s.id() + ".log");
            List<String> c1 = new ArrayList<>(VARIANTS.get(1).flags());
            c1.add("-Xlog:class+load=info:file=" + fnLog);
            cold.function(s.jar(), fx.lambdaEnvironment(s.id()), s.handler(), bytes(s.event().get()), c1, false);
            List<String> c1f = new ArrayList<>(VARIANTS.get(1).flags());
            c1f.add("-Xlog:class+load=info:file=" + flLog);
            cold.floor(s.jar(), floorEnv(), s.clients(), c1f, false);
            Map<String, Integer> fn = byPackage(fnLog);
            Map<String, Integer> fl = byPackage(flLog);
            Map<String, Integer> extra = new TreeMap<>();
            fn.forEach((pkg, n) -> {
                int d = n - fl.getOrDefault(pkg, 0);
                if (d > 0) {
                    extra.put(pkg, d);
                }
            });
            int total = fn.values().stream().mapToInt(Integer::intValue).sum();
            int floorTotal = fl.values().stream().mapToInt(Integer::intValue).sum();
            String top = extra.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(8).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            rows.add(List.of(s.id(), Integer.toString(total), Integer.toString(floorTotal),
                    Integer.toString(total - floorTotal), top));
            extraClasses.put(s.id(), (total - floorTotal) + " classes: " + top);
            raw.put(s.id(), Map.of("function", fn, "floor", fl));
        }
        report.table(List.of("function", "classes", "floor classes", "extra", "largest extra groups"), rows);
        report.raw("classesByPackage", raw);
    }

    static Map<String, Integer> byPackage(Path log) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            int tag = line.indexOf("[class,load] ");
            if (tag < 0) {
                continue;
            }
            String name = line.substring(tag + 13).split(" ")[0];
            counts.merge(group(name), 1, Integer::sum);
        }
        return counts;
    }

    /** Package groups worth telling apart (SDK service vs core, Lambda libraries, ours, JDK areas). */
    static String group(String className) {
        String[] p = className.split("\\.");
        int depth;
        if (className.startsWith("software.amazon.awssdk.services.")) {
            depth = 5;
        } else if (className.startsWith("software.amazon.awssdk.")) {
            depth = 4;
        } else if (className.startsWith("com.amazonaws.services.lambda.runtime.serialization")) {
            depth = 6;
        } else if (className.startsWith("com.amazonaws.")) {
            depth = 5;
        } else if (className.startsWith("orderflow.")) {
            depth = 2;
        } else {
            depth = 3;
        }
        return String.join(".", java.util.Arrays.copyOf(p, Math.min(depth, p.length - 1)));
    }

    private static Stats stats(List<ColdStart.Sample> s, java.util.function.ToDoubleFunction<ColdStart.Sample> f) {
        return new Stats(s.stream().map(x -> f.applyAsDouble(x)).toList());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
