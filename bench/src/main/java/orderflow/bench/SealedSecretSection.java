package orderflow.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.ports.SecretBox;

/**
 * What sealing storefront secrets costs a webhook: the same cold ReceiveWebhook run against a
 * storefront whose secret is stored plain and one whose secret is sealed with the stack's KMS key
 * (the sealed one builds a KMS client and makes one Decrypt before it can verify). The AOT cache is
 * trained on the plain storefront only, as a SnapStart snapshot is primed without KMS.
 */
final class SealedSecretSection {

    static final String SEALED_STOREFRONT = "bench-store-sealed";
    private static final String FUNCTION = "ReceiveWebhookFunction";

    private SealedSecretSection() {
    }

    static void run(Report report, Fixture fx, Path bootstrapJar, Path floorJar, Path out, int runs) throws Exception {
        SecretBox sealer = fx.cloud.sealer();
        if (sealer == null) {
            throw new IllegalStateException("the bench cloud has no KMS client: nothing to seal with");
        }
        new DynamoAdmin(fx.dynamo, fx.ref("AccountsTable"), fx.ref("InventoryTable"), sealer)
                .putStorefront(SEALED_STOREFRONT, Fixture.SELLER, "generic", Fixture.SECRET);

        ColdStartSection.Spec spec = new ColdStartSection(fx, bootstrapJar, floorJar, out, runs).spec(FUNCTION);
        ColdStart cold = new ColdStart(bootstrapJar, floorJar);
        Map<String, String> env = fx.lambdaEnvironment(FUNCTION);
        ColdStartSection.Variant c1 = ColdStartSection.VARIANTS.get(1);
        Path aot = out.resolve("aot/sealed-" + FUNCTION + ".aot");
        Files.createDirectories(aot.getParent());
        Files.deleteIfExists(aot);
        List<String> train = new ArrayList<>(c1.flags());
        train.add("-XX:AOTCacheOutput=" + aot);
        cold.function(spec.jar(), env, spec.handler(), webhook(fx, Fixture.STOREFRONT, "train-" + UUID.randomUUID()),
                train, true);

        // The SnapStart stand-in: a cache written by a JVM that ran only the handler's priming.
        Path primed = out.resolve("aot/primed-" + FUNCTION + ".aot");
        Files.deleteIfExists(primed);
        List<String> primeFlags = new ArrayList<>(c1.flags());
        primeFlags.add("-XX:AOTCacheOutput=" + primed);
        cold.primeOnly(spec.jar(), env, spec.handler().substring(0, spec.handler().indexOf("::")), primeFlags);

        Map<String, List<String>> setUps = new LinkedHashMap<>();
        setUps.put("C1 only (template)", c1.flags());
        List<String> withAot = new ArrayList<>(c1.flags());
        withAot.add("-XX:AOTCache=" + aot);
        setUps.put("C1 + AOT cache (trained on a plain webhook)", withAot);
        List<String> withPrimed = new ArrayList<>(c1.flags());
        withPrimed.add("-XX:AOTCache=" + primed);
        setUps.put("C1 + AOT cache (trained by priming only)", withPrimed);

        // Interleaved plain/sealed so drift on the machine hits both alike.
        Map<String, List<ColdStart.Sample>> samples = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> s : setUps.entrySet()) {
                for (String storefront : List.of(Fixture.STOREFRONT, SEALED_STOREFRONT)) {
                    String externalId = "cold-" + UUID.randomUUID();
                    samples.computeIfAbsent(s.getKey() + "|" + storefront, k -> new ArrayList<>()).add(cold.function(
                            spec.jar(), env, spec.handler(), webhook(fx, storefront, externalId), s.getValue(), false));
                    accepted.add(OrderIds.forExternal(storefront, externalId));
                }
            }
        }
        // A refused delivery (401: the secret did not open) would be a fast answer, not a cost: every
        // measured webhook must have stored its order.
        for (String orderId : accepted) {
            if (fx.orders().get(orderId).isEmpty()) {
                throw new IllegalStateException("a measured webhook was not accepted: no order " + orderId);
            }
        }

        report.heading("Sealed storefront secrets: the first webhook of an execution environment");
        report.line("A fresh JVM runs ReceiveWebhookFunction on one signed order for a storefront whose secret is")
                .line("stored plain, then for one whose secret is sealed (`sealed:v1:`, KMS envelope, context seller +")
                .line("item): the sealed run also builds the KMS client and makes one Decrypt. Median (min-max) of " + runs)
                .line("runs, in ms (RSS in MiB), interleaved. Later webhooks of the same environment reuse the opened")
                .line("data key for 5 minutes (no KMS call), so this is a once-per-environment cost. The last set-up")
                .line("stands in for SnapStart: its AOT cache is written by a JVM that only ran the handler's priming")
                .line("(`FunctionHandler.prime()`, offline clients, a sealed sample secret opened by an offline KMS).")
                .blank();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String setUp : setUps.keySet()) {
            List<ColdStart.Sample> plain = samples.get(setUp + "|" + Fixture.STOREFRONT);
            List<ColdStart.Sample> sealed = samples.get(setUp + "|" + SEALED_STOREFRONT);
            Stats p = wall(plain);
            Stats s = wall(sealed);
            rows.add(List.of(setUp, p.summary(), s.summary(), "+" + Stats.ms(s.median() - p.median()),
                    String.format("%.2f", s.median() / p.median()),
                    Stats.ms(new Stats(sealed.stream().map(ColdStart.Sample::rssMib).toList()).median()
                            - new Stats(plain.stream().map(ColdStart.Sample::rssMib).toList()).median())));
            raw.put(setUp + " / plain", plain);
            raw.put(setUp + " / sealed", sealed);
        }
        report.table(List.of("JVM set-up", "plain secret wall", "sealed secret wall", "difference (medians)",
                "sealed / plain", "peak RSS difference"), rows);
        report.raw("sealedSecret", raw);
    }

    private static Stats wall(List<ColdStart.Sample> samples) {
        return new Stats(samples.stream().map(ColdStart.Sample::wallMs).toList());
    }

    private static byte[] webhook(Fixture fx, String storefront, String externalId) {
        return fx.events.webhook(storefront, Fixture.SECRET, externalId).getBytes(StandardCharsets.UTF_8);
    }
}
