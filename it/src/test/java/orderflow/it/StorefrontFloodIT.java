package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import orderflow.shared.domain.OrderIds;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;

/**
 * Finding 3 of issue 21 on the local stack: an unauthenticated flood to a storefront id that does
 * not exist, sent all at once while a real storefront delivers its orders. Every real order is
 * accepted, and the unknown id costs no DynamoDB read after the first in each execution environment
 * (counted by the emulator: GET /moto-local/reads).
 */
class StorefrontFloodIT {

    private static final String SECRET = "flood-secret";
    private static final String SELLER = "flood-seller";
    private static final String REAL = "flood-real";
    private static final String UNKNOWN = "flood-nobody-" + Long.toString(System.nanoTime(), 36);
    private static RunnerHarness h;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        h = RunnerHarness.start();
        key = h.newSeller(SELLER);
        h.admin().putStorefront(REAL, SELLER, "generic", SECRET);
        h.admin().putStock(SELLER, "MUG-BLUE", 10_000, Instant.now());
        h.admin().putStock(SELLER, "TEE-BLACK-L", 10_000, Instant.now());
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** As many requests in flight as one test JVM can hold open (file descriptors), the rest queued behind them. */
    private static final Semaphore IN_FLIGHT = new Semaphore(256);

    private static CompletableFuture<HttpResponse<String>> post(String storefrontId, byte[] body, String secret) {
        IN_FLIGHT.acquireUninterruptibly();
        HttpRequest request = HttpRequest.newBuilder(URI.create(h.runner.baseUrl() + "/webhooks/" + storefrontId))
                .timeout(Duration.ofSeconds(120)).header("content-type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return RunnerHarness.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> IN_FLIGHT.release());
    }

    private static byte[] order(String externalOrderId) throws Exception {
        Map<String, Object> order = new LinkedHashMap<>(Json.parseObject(
                Files.readString(h.root.resolve("events/webhook-order-paid.json"))));
        order.put("externalOrderId", externalOrderId);
        return Json.write(order).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void two_thousand_deliveries_to_an_unknown_storefront_do_not_stop_fifty_real_orders() throws Exception {
        byte[] junk = order("FLOOD-JUNK");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> real = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            flood.add(post(UNKNOWN, junk, "attacker-secret"));
            if (i % 40 == 0) {
                real.add(post(REAL, order("FLOOD-REAL-" + real.size()), SECRET));
            }
        }
        for (int i = 0; i < real.size(); i++) {
            HttpResponse<String> r = real.get(i).get();
            assertEquals(202, r.statusCode(), "real order " + i + ": " + r.body());
        }
        assertEquals(50, real.size());
        for (CompletableFuture<HttpResponse<String>> f : flood) {
            assertEquals(401, f.get().statusCode(), f.get().body());
        }
        for (int i = 0; i < real.size(); i++) {
            h.awaitStatus(OrderIds.forExternal(REAL, "FLOOD-REAL-" + i), key, "UNSHIPPED");
        }

        HttpResponse<String> counted = RunnerHarness.HTTP.send(HttpRequest.newBuilder(
                URI.create(h.runner.emulatorEndpoint() + "/moto-local/reads")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (counted.statusCode() != 200 || !counted.body().startsWith("{")) {
            // Only tools/moto_local.py counts reads per key; StorefrontFloodTest counts them at the port.
            System.out.println("[flood] this emulator counts no reads per key: the 50 orders were checked, the reads not");
            return;
        }
        Map<String, Object> reads = Json.parseObject(counted.body());
        int environments = h.runner.functionStats().get("ReceiveWebhookFunction").environmentsStarted();
        int unknownReads = ((Number) reads.getOrDefault("STOREFRONT#" + UNKNOWN, 0)).intValue();
        assertTrue(unknownReads >= 1 && unknownReads <= environments, "reads of the unknown id: " + unknownReads
                + " across " + environments + " execution environments (one each at most)");
        assertTrue(((Number) reads.getOrDefault("STOREFRONT#" + REAL, 0)).intValue() >= 50,
                "the real storefront is read for each of its deliveries: " + reads.get("STOREFRONT#" + REAL));
    }
}
