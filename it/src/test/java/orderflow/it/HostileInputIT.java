package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orderflow.local.HttpGateway;
import orderflow.shared.json.Json;
import orderflow.shared.security.ApiKeys;
import orderflow.shared.security.PlatformSignature;
import orderflow.shared.security.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input over every public route of template.yaml, through the local runner (its HTTP
 * gateway, the API-key authorizer and each function in its own JVM, on the emulator).
 *
 * <p>Each route has a fixture ({@link #fixtures()}): the valid request and what it writes, aimed at
 * a target in the state the route needs (an order UNSHIPPED, SHIPPED, DELIVERED, held, an RMA, a
 * SKU), and a twin of that target, the probe. In four steps:
 * <ol>
 * <li>every target is checked to be in the state of its probe (status, allowed actions, shipments, holds);</li>
 * <li>every route's valid request is sent to its probe and must succeed (2xx) and have written
 *     what it says (read back through the API), so a fixture that drifted (an order in the wrong
 *     state, a body the route no longer takes) fails here, by name, not as a wrong answer to
 *     every bad case;</li>
 * <li>the full cross product of bad-input shapes and routes is sent to the targets: every bad key
 *     on every /v1 route, every bad signature and storefront id on every webhook, every bad id on
 *     every route with that id, every bad limit and cursor on every route that pages, every bad
 *     body (malformed, not an object, nested, huge, not UTF-8 as JSON and as bytes) on every route
 *     with a body and every per-field shape (wrong type, NUL, lone surrogate, each injection string
 *     where the field has a format) on every field of its valid body, plus each route's own bad
 *     queries and fields. Each bad body is the valid body made
 *     bad in one way, so a check that slipped would write. Each must get its exact status and
 *     problem+json (RFC 9457 type, title, status, detail, and {@code errors} naming exactly the
 *     field the case broke; API Gateway's own {"message"} answer where the gateway refuses),
 *     and nothing may be written: every table's items and every queue's messages are
 *     fingerprinted every {@value #FINGERPRINT_EVERY} requests, at the end of each route and after the
 *     pipeline drained;</li>
 * <li>the valid request is sent to each target itself and must still succeed: nothing before it
 *     changed the target, so each refusal was for the input, not the target's state.</li>
 * </ol>
 * A route of the runner without a fixture fails the test: it cannot be judged without a valid request.
 *
 * <p>A signed delivery to the order webhook whose body is a JSON object we can read is never
 * refused for what it says (docs/storefronts.md): those cases are sent by their own test, each as
 * its own order, which must be taken and held with the broken field named.
 *
 * <p>Second, with the runner's whole log captured: after signed webhooks (our format, Shopify's,
 * Amazon's queue), new and revoked API keys, returns, refunds and their signed notices, no secret
 * (webhook secrets, API keys, the LWA client secret and tokens) appears in any log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static RunnerHarness h;
    private static String key;
    private static String victimOrder;
    private static String victimRma;
    private static String victimKey;
    private static String victimSecret;
    private static String revokedKey;
    private static final String VICTIM = "victim-seller";
    private static final String VICTIM_STORE = "victim-store";
    private static final String VICTIM_AMAZON = "victim-amazon";
    /** Stands for a lone surrogate in JSON text: Java cannot encode one into UTF-8, so it is written as \ud800. */
    private static final String LONE = "__LONE_SURROGATE__";
    /** Replaced in every request body by a number of its own, so ids that must be new (messages, returns, refunds, orders) are. */
    private static final String UNIQUE = "__UNIQUE__";
    private static final AtomicInteger UNIQUES = new AtomicInteger();
    /**
     * Requests between two fingerprints of everything stored (one takes ~30 ms on ministack, ~200 ms on
     * moto); a write is reported with the requests since the last one, each of which also had its answer checked.
     */
    private static final int FINGERPRINT_EVERY = 40;

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; DROP TABLE orders; --",
            "{\"$ne\": null}", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}",
            "attribute_exists(orderId) OR #k = :v");

    /** The demo seller's orders by external id (see {@link #start}); P is a route's probe, T its target. */
    private static final Map<String, String> ORDERS = new LinkedHashMap<>();
    /** A FAILED channel sync by its order id (the retry route's target). */
    private static final Map<String, String> SYNCS = new LinkedHashMap<>();
    /** A quote (label routes) and a bought label by order id. */
    private static final Map<String, String> QUOTES = new LinkedHashMap<>();
    private static final Map<String, String> RATES = new LinkedHashMap<>();
    private static final Map<String, String> LABELS = new LinkedHashMap<>();
    /** The carrier the label routes buy from (the demo seller's EasyPost account points at it). */
    private static orderflow.local.carriers.FakeEasyPost easyPost;
    private static final Map<String, Object> PARCEL = Map.of("weightGrams", 800, "box",
            Map.of("lengthMm", 300, "widthMm", 200, "heightMm", 100));
    /** RMAs by the external id of their order. */
    private static final Map<String, String> RMAS = new java.util.concurrent.ConcurrentHashMap<>();

    // ------------------------------------------------------------------ setup

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        h = RunnerHarness.start();
        key = h.demo.apiKey();
        long t1 = System.nanoTime();
        // enough stock for every order below, whatever the demo seeds
        h.admin().putStock(h.demo.sellerId(), "MUG-BLUE", 1000, Instant.now());
        h.admin().putStock(h.demo.sellerId(), "TEE-BLACK-L", 1000, Instant.now());

        // every order first, then every wait: the pipeline confirms them in parallel
        List<String> unshipped = new ArrayList<>(List.of("H-READ", "H-READ-D"));
        for (String route : List.of("ACK", "CANCEL", "SHIP", "PACK", "REPLY", "MSG", "DELIVERY", "RETURN", "REFUND",
                "RECEIVE", "WRETURN", "RETRY", "RATES", "LABEL", "VOID", "BULK")) {
            unshipped.add("H-" + route + "-P");
            unshipped.add("H-" + route + "-T");
        }
        for (String ext : unshipped) {
            ORDERS.put(ext, postOrder(h.demo.storefrontId(), h.demo.webhookSecret(), sampleOrder(ext)));
        }
        for (String ext : List.of("H-RELEASE-P", "H-RELEASE-T")) { // a line without a SKU: held
            Map<String, Object> order = Json.parseObject(sampleOrder(ext));
            ORDERS.put(ext, postOrder(h.demo.storefrontId(), h.demo.webhookSecret(),
                    Json.write(withLine(order, "sku", null))));
        }
        victimKey = h.newSeller(VICTIM);
        victimSecret = h.admin().putStorefront(VICTIM_STORE, VICTIM, "generic");
        h.admin().putAmazonStorefront(VICTIM_AMAZON, VICTIM, "AVICTIM", FakeSpApi.REFRESH_TOKEN);
        h.admin().putStock(VICTIM, "MUG-BLUE", 10, Instant.now());
        h.admin().putStock(VICTIM, "TEE-BLACK-L", 10, Instant.now());
        victimOrder = postOrder(VICTIM_STORE, victimSecret, sampleOrder("VICTIM-1"));

        // then each order's way to its state, the orders side by side
        Set<String> shipped = Set.of("H-DELIVERY-P", "H-DELIVERY-T");
        Set<String> delivered = Set.of("H-READ-D", "H-RETURN-P", "H-RETURN-T", "H-REFUND-P", "H-REFUND-T", "H-RECEIVE-P",
                "H-RECEIVE-T", "H-WRETURN-P", "H-WRETURN-T");
        Set<String> withRma = Set.of("H-READ-D", "H-RECEIVE-P", "H-RECEIVE-T");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> ways = new ArrayList<>();
            for (String ext : unshipped) {
                ways.add(pool.submit(() -> {
                    h.awaitStatus(ORDERS.get(ext), key, "UNSHIPPED");
                    if (shipped.contains(ext) || delivered.contains(ext)) {
                        shipAndDeliver(ORDERS.get(ext), key, delivered.contains(ext) ? "1Z999AA10123456784"
                                : "1ZA1B2C30312345673", delivered.contains(ext));
                    }
                    if (withRma.contains(ext)) {
                        RMAS.put(ext, rma(ORDERS.get(ext), key));
                    }
                    return null;
                }));
            }
            for (String ext : List.of("H-RELEASE-P", "H-RELEASE-T")) {
                ways.add(pool.submit(() -> h.awaitStatus(ORDERS.get(ext), key, "ON_HOLD")));
            }
            ways.add(pool.submit(() -> {
                h.awaitStatus(victimOrder, victimKey, "UNSHIPPED");
                shipAndDeliver(victimOrder, victimKey, "1Z999AA10123456784", true);
                victimRma = rma(victimOrder, victimKey);
                return null;
            }));
            for (var way : ways) {
                way.get();
            }
        } finally {
            pool.shutdownNow();
        }
        easyPost = new orderflow.local.carriers.FakeEasyPost();
        Fixtures.carrierAccount(h.admin(), h.demo.sellerId(), easyPost.baseUrl(),
                orderflow.local.carriers.FakeEasyPost.API_KEY, "hostile-webhook-secret");
        for (String ext : List.of("H-LABEL-P", "H-LABEL-T", "H-VOID-P", "H-VOID-T")) { // quoted; the void ones bought
            String orderId = ORDERS.get(ext);
            HttpResponse<String> quote = h.call("POST", "/v1/orders/" + orderId + "/rates", key, PARCEL);
            assertEquals(201, quote.statusCode(), quote.body());
            QUOTES.put(orderId, (String) json(quote).get("quoteId"));
            RATES.put(orderId, (String) ((Map<?, ?>) ((List<?>) json(quote).get("rates")).get(0)).get("rateId"));
            if (ext.startsWith("H-VOID")) {
                HttpResponse<String> bought = h.call("POST", "/v1/orders/" + orderId + "/labels", key,
                        Map.of("quoteId", QUOTES.get(orderId), "rateId", RATES.get(orderId)));
                assertEquals(201, bought.statusCode(), bought.body());
                LABELS.put(orderId, (String) ((Map<?, ?>) json(bought).get("label")).get("labelId"));
            }
        }
        for (String ext : List.of("H-RETRY-P", "H-RETRY-T")) { // a sync the platform refused, to retry
            SYNCS.put(ORDERS.get(ext), Fixtures.failedSync(h.dynamo, h.ref("ChannelSyncsTable"), ORDERS.get(ext),
                    h.demo.storefrontId()));
        }
        for (String which : List.of(UPLOAD_P.sku(), UPLOAD_T.sku())) { // files put, not yet processed
            UPLOADS.put(which, upload(key, true));
        }
        victimUpload = upload(victimKey, true);
        HttpResponse<String> goodwill = h.call("POST", "/v1/orders/" + ORDERS.get("H-READ-D") + "/refunds", key,
                Map.of("amount", Map.of("amount", "1.00", "currency", "USD"), "reason", "late", "requestId", "setup"));
        assertEquals(201, goodwill.statusCode(), goodwill.body());
        HttpResponse<String> waiting = h.postSigned(h.demo.storefrontId(), "/messages", Json.write(Map.of(
                "externalOrderId", "H-READ", "messageId", "m-setup", "body", "Where is my order?")));
        assertTrue(waiting.statusCode() / 100 == 2, waiting.body());

        revokedKey = h.admin().newApiKey(h.demo.sellerId(), "revoked", Instant.now());
        h.admin().revokeApiKey(h.demo.sellerId(), ApiKeys.keyId(ApiKeys.hash(revokedKey)));
        System.out.printf("[hostile] setup: runner %.1f s, %d orders in their states %.1f s%n", (t1 - t0) / 1e9,
                ORDERS.size() + 1, (System.nanoTime() - t1) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
        if (easyPost != null) {
            easyPost.close();
        }
    }

    private static String sampleOrder(String externalOrderId) throws Exception {
        Map<String, Object> order = new LinkedHashMap<>(Json.parseObject(Files.readString(
                h.root.resolve("events/webhook-order-paid.json"))));
        order.put("externalOrderId", externalOrderId);
        return Json.write(order);
    }

    /** Posts a signed order delivery; the order id it was taken as. */
    private static String postOrder(String storefront, String secret, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = h.send("POST", "/webhooks/" + storefront, Map.of("content-type", "application/json",
                WebhookSignature.HEADER, RunnerHarness.sign(secret, body, Instant.now())), body);
        assertEquals(202, r.statusCode(), r.body());
        return (String) Json.parseObject(r.body()).get("orderId");
    }

    private static String placeAndConfirm(String storefront, String secret, String externalId, String sellerKey)
            throws Exception {
        String orderId = postOrder(storefront, secret, sampleOrder(externalId));
        h.awaitStatus(orderId, sellerKey, "UNSHIPPED");
        return orderId;
    }

    private static void shipAndDeliver(String orderId, String sellerKey, String tracking, boolean deliver)
            throws Exception {
        HttpResponse<String> shipped = h.call("POST", "/v1/orders/" + orderId + "/shipments", sellerKey,
                Map.of("carrier", "UPS", "trackingNumber", tracking, "shipDate", Instant.now().toString()));
        assertEquals(201, shipped.statusCode(), shipped.body());
        if (deliver) {
            HttpResponse<String> delivered = h.call("POST", "/v1/orders/" + orderId + "/delivery", sellerKey,
                    Map.of("deliveredAt", Instant.now().toString()));
            assertEquals(200, delivered.statusCode(), delivered.body());
        }
    }

    private static String rma(String orderId, String sellerKey) throws Exception {
        HttpResponse<String> r = h.call("POST", "/v1/orders/" + orderId + "/returns", sellerKey,
                Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "NO_LONGER_NEEDED"))));
        assertEquals(201, r.statusCode(), r.body());
        return (String) Json.parseObject(r.body()).get("rmaId");
    }

    // ------------------------------------------------------------------ what a bad request must get

    /**
     * The exact answer a bad request must get: API Gateway's own {"message"} (gatewayMessage), or a
     * problem of this status and type whose {@code errors} name exactly these fields (none: no
     * {@code errors} member).
     */
    record Expect(int status, String type, String gatewayMessage, Set<String> fields) {
        @Override
        public String toString() {
            return status + " " + (gatewayMessage != null ? "{\"message\":\"" + gatewayMessage + "\"}"
                    : "/problems/" + type + (fields.isEmpty() ? "" : " on " + fields));
        }
    }

    private static final Expect NO_KEY = new Expect(401, null, "Unauthorized", Set.of());
    private static final Expect BAD_KEY = new Expect(403, null, "Forbidden", Set.of());
    private static final Expect SIGNATURE = problem(401, "signature");
    private static final Expect NOT_FOUND = problem(404, "not-found");
    private static final Expect TOO_LARGE = problem(413, "too-large");
    private static final Expect BAD_BODY = invalid("body");

    private static Expect problem(int status, String type, String... fields) {
        return new Expect(status, type, null, new TreeSet<>(List.of(fields)));
    }

    /** 400 /problems/validation naming exactly these fields. */
    private static Expect invalid(String... fields) {
        return problem(400, "validation", fields);
    }

    /** 422 /problems/return-refused on the field. */
    private static Expect refused(String field) {
        return problem(422, "return-refused", field);
    }

    /** One bad request and what it must get. */
    record Case(String route, String category, String what, String method, String path, Map<String, String> headers,
                byte[] body, Expect expect) {
    }

    // ------------------------------------------------------------------ the routes

    /** The ids a request is aimed at: the path's {orderId}, {rmaId} and {sku}. */
    record Ids(String orderId, String rmaId, String sku) {
        static Ids order(String externalId) {
            return new Ids(ORDERS.get(externalId), RMAS.get(externalId), "MUG-BLUE");
        }
    }

    /** Checks that a valid request (its body as sent, its answer) wrote what it says; throws when it did not. */
    interface ReadBack {
        void check(Ids ids, Map<String, Object> sent, HttpResponse<String> answer) throws Exception;
    }

    /**
     * A route's valid request (query, body: null for none; a body that is optional may be empty)
     * for its probe and its target; the free-text fields of the body (where injection strings are
     * legitimate content); its bad query strings and bad bodies with what each must get; and how
     * the valid request's write is read back.
     */
    record Fixture(String route, Ids probe, Ids target, String validQuery, Map<String, Object> probeBody,
                   Map<String, Object> body, boolean bodyOptional, Set<String> freeText, Map<String, Expect> badQueries,
                   Map<String, Bad> badBodies, ReadBack readBack, Map<String, Expect> lookedUp) {
        Fixture(String route, Ids probe, Ids target, String validQuery, Map<String, Object> probeBody,
                Map<String, Object> body, boolean bodyOptional, Set<String> freeText, Map<String, Expect> badQueries,
                Map<String, Bad> badBodies, ReadBack readBack) {
            this(route, probe, target, validQuery, probeBody, body, bodyOptional, freeText, badQueries, badBodies,
                    readBack, Map.of());
        }

        /**
         * The same route where these fields name something to look up (any text is well-formed there, so
         * an injection string is only a name that does not exist) with the answer to a name not found.
         */
        Fixture lookingUp(Map<String, Expect> fields) {
            return new Fixture(route, probe, target, validQuery, probeBody, body, bodyOptional, freeText, badQueries,
                    badBodies, readBack, fields);
        }
    }

    /** A bad body and what it must get. */
    record Bad(Object body, Expect expect) {
    }

    private static Map<String, Bad> bad(Object... triples) {
        Map<String, Bad> out = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            out.put((String) triples[i], new Bad(triples[i + 1], (Expect) triples[i + 2]));
        }
        return out;
    }

    private static Map<String, Expect> queries(Object... pairs) {
        Map<String, Expect> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Expect) pairs[i + 1]);
        }
        return out;
    }

    /** The same bad values of a common parameter on every route that takes it. */
    private static final List<String> BAD_LIMITS = List.of("0", "101", "-5", "abc", "1e9", "1.5");
    private static final List<String> BAD_CURSORS = List.of("not-a-cursor", enc(INJECTIONS.get(2)), enc(INJECTIONS.get(5)),
            "eyJub3QiOiJvdXJzIn0"); // the last is base64 of {"not":"ours"}

    private static Map<String, Expect> limitsAndCursors(boolean limit, String prefix) {
        Map<String, Expect> out = new LinkedHashMap<>();
        if (limit) {
            BAD_LIMITS.forEach(l -> out.put(prefix + "limit=" + l, invalid("limit")));
        }
        BAD_CURSORS.forEach(c -> out.put(prefix + "cursor=" + c, invalid("cursor")));
        return out;
    }

    private static Fixture read(String route, Ids ids, String validQuery, Map<String, Expect> badQueries,
                                ReadBack readBack) {
        return new Fixture(route, ids, ids, validQuery, null, null, false, Set.of(), badQueries, Map.of(), readBack);
    }

    private static Fixture write(String route, Ids probe, Ids target, Map<String, Object> body, Set<String> freeText,
                                 Map<String, Bad> badBodies, ReadBack readBack) {
        return new Fixture(route, probe, target, "", body, body, false, freeText, Map.of(), badBodies, readBack);
    }

    private static Map<String, Fixture> fixtures() throws Exception {
        String now = Instant.now().toString();
        String inAWeek = Instant.now().plusSeconds(7 * 86_400).toString();
        Ids reader = Ids.order("H-READ");
        Ids delivered = Ids.order("H-READ-D");
        Map<String, Fixture> f = new LinkedHashMap<>();

        // -- reads: the answer must show the data the setup wrote
        f.put("GET /v1/orders", read("GET /v1/orders", reader, "limit=100", merge(queries(
                "status=BOGUS", invalid("status"), "status=" + enc(INJECTIONS.get(0)), invalid("status"),
                "createdFrom=yesterday", invalid("createdFrom"), "createdTo=2026-13-45T00:00:00Z", invalid("createdTo"),
                "late=maybe", invalid("late"), "shipByBefore=" + enc(INJECTIONS.get(5)), invalid("shipByBefore"),
                "q=", invalid("q"), "q=" + "7".repeat(201), invalid("q"), "q=%23--%7C", invalid("q"),
                "field=" + enc(INJECTIONS.get(0)) + "&q=1001", invalid("field"), "field=sku", invalid("q"),
                "q=1001&cursor=eyJraW5kIjoibnVtIn0x", invalid("cursor"),
                "q=1001&field=num&cursor=" + enc("eyJraW5kIjoic2t1In0"), invalid("cursor")),
                limitsAndCursors(true, "")),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.orderId()), "lists " + ids.orderId())));
        f.put("GET /v1/orders/export", read("GET /v1/orders/export", reader, "from=2020-01-01T00:00:00Z", merge(queries(
                "", invalid("from"), "from=abc", invalid("from"), "from=2026-01-01T00:00:00Z&to=abc", invalid("to"),
                "from=" + enc(INJECTIONS.get(0)), invalid("from"),
                "from=2030-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", invalid("from")),
                limitsAndCursors(false, "from=2026-01-01T00:00:00Z&")),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.orderId()), "exports " + ids.orderId())));
        f.put("GET /v1/orders/{orderId}", read("GET /v1/orders/{orderId}", reader, "", queries(
                "include=everything", invalid("include"), "include=" + enc(INJECTIONS.get(0)), invalid("include")),
                (ids, sent, r) -> assertEquals("UNSHIPPED", json(r).get("status"))));
        f.put("GET /v1/orders/{orderId}/history", read("GET /v1/orders/{orderId}/history", reader, "",
                limitsAndCursors(false, ""),
                (ids, sent, r) -> assertTrue(((List<?>) json(r).get("entries")).size() >= 2, "entries")));
        f.put("GET /v1/orders/{orderId}/messages", read("GET /v1/orders/{orderId}/messages", reader, "", Map.of(),
                (ids, sent, r) -> assertTrue(r.body().contains("m-setup"), "the buyer's message")));
        f.put("GET /v1/orders/{orderId}/packing-slip", read("GET /v1/orders/{orderId}/packing-slip", reader, "", Map.of(),
                (ids, sent, r) -> assertTrue(r.body().contains("H-READ") && r.body().contains("MUG-BLUE"), "the slip")));
        f.put("GET /v1/orders/{orderId}/refunds", read("GET /v1/orders/{orderId}/refunds", delivered, "", Map.of(),
                (ids, sent, r) -> assertEquals(1, ((List<?>) json(r).get("items")).size(), "the goodwill refund")));
        f.put("GET /v1/orders/{orderId}/returns", read("GET /v1/orders/{orderId}/returns", delivered, "", Map.of(),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.rmaId()), "the RMA")));
        f.put("GET /v1/inventory", read("GET /v1/inventory", reader, "", merge(queries("lowStock=yes", invalid("lowStock")),
                limitsAndCursors(true, "")),
                (ids, sent, r) -> assertTrue(r.body().contains("\"MUG-BLUE\""), "the demo stock")));
        f.put("GET /v1/inventory/{sku}", read("GET /v1/inventory/{sku}", reader, "", Map.of(),
                (ids, sent, r) -> assertEquals("MUG-BLUE", json(r).get("sku"))));
        f.put("GET /v1/picklist", read("GET /v1/picklist", reader, "", queries(
                "status=SHIPPED", invalid("status"), "status=BOGUS", invalid("status"),
                "orders=" + victimOrder, invalid("orders"), "orders=..%2F..", invalid("orders"),
                "status=UNSHIPPED&orders=" + reader.orderId(), invalid("orders"),
                "orders=" + enc(INJECTIONS.get(0)), invalid("orders"), "orders=" + "ord_x,".repeat(201), invalid("orders"),
                "orders=" + ORDERS.get("H-DELIVERY-T"), invalid("orders")),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.orderId()), "picks " + ids.orderId())));
        f.put("GET /v1/messages", read("GET /v1/messages", reader, "", merge(queries(
                "awaitingReply=false", invalid("awaitingReply"), "awaitingReply=" + enc(INJECTIONS.get(0)),
                invalid("awaitingReply")), limitsAndCursors(true, "")),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.orderId()), "the waiting thread")));
        f.put("GET /v1/returns", read("GET /v1/returns", delivered, "", merge(queries(
                "status=BOGUS", invalid("status"), "status=" + enc(INJECTIONS.get(2)), invalid("status")),
                limitsAndCursors(true, "")),
                (ids, sent, r) -> assertTrue(r.body().contains(ids.rmaId()), "lists " + ids.rmaId())));
        f.put("GET /v1/return-policy", read("GET /v1/return-policy", reader, "", Map.of(),
                (ids, sent, r) -> assertTrue(json(r).get("windowDays") instanceof Number, "a policy")));
        f.put("GET /v1/settings", read("GET /v1/settings", reader, "", Map.of(),
                (ids, sent, r) -> assertTrue(r.body().contains("\"" + h.demo.storefrontId() + "\""),
                        "the demo storefront is listed")));
        f.put("GET /v1/metrics", read("GET /v1/metrics", reader, "", queries("window=0", invalid("window"),
                "window=91", invalid("window"), "window=abc", invalid("window"), "window=-1", invalid("window"),
                "window=1e9", invalid("window")),
                (ids, sent, r) -> assertTrue(((List<?>) json(r).get("metrics")).size() >= 7, "the metrics")));

        // -- storefront webhooks
        Map<String, Object> order = Json.parseObject(sampleOrder("H-NEW-" + UNIQUE));
        f.put("POST /webhooks/{storefrontId}", new Fixture("POST /webhooks/{storefrontId}", reader, reader, "", order,
                order, false, Set.of("buyer.name", "shipTo.name", "shipTo.line1", "shipTo.city", "shipTo.region",
                "lines[0].title", "lines[1].title", "externalOrderId", "shipTo.postalCode"), Map.of(), bad(
                "missing lines", without(order, "lines"), invalid("lines"),
                "missing currency and buyer, extra fields", with(without(without(order, "currency"), "buyer"),
                        "isAdmin", true), invalid("currency", "buyer"),
                "unit price with 3 decimals", withLine(order, "unitPrice", "1.001"), invalid("lines[0].unitPrice"),
                "negative unit price", withLine(order, "unitPrice", "-5"), invalid("lines[0].unitPrice"),
                "unit price in exponent form", withLine(order, "unitPrice", "1e3"), invalid("lines[0].unitPrice"),
                "quantity 0", withLine(order, "quantity", 0), invalid("lines[0].quantity"),
                "quantity -1", withLine(order, "quantity", -1), invalid("lines[0].quantity"),
                "quantity 1e9", withLine(order, "quantity", 1_000_000_000), invalid("lines[0].quantity"),
                "fractional quantity", withLine(order, "quantity", 1.5), invalid("lines[0].quantity"),
                "total that does not add up", with(order, "total", "53.59"), invalid("total"),
                "negative shipping", with(order, "shippingTotal", "-5"), invalid("shippingTotal"),
                "tax with 3 decimals", with(order, "taxTotal", "0.001"), invalid("taxTotal"),
                "injection in a text field, quantity 0", withLine(with(order, "buyer",
                        Map.of("name", INJECTIONS.get(3), "email", "ada@example.com")), "quantity", 0),
                invalid("lines[0].quantity"),
                "99 lines", with(order, "lines", Collections.nCopies(99, Map.of("sku", "MUG-BLUE",
                        "quantity", 1, "unitPrice", "1.00"))), invalid("lines")),
                (ids, sent, r) -> {
                    Map<String, Object> taken = get("/v1/orders/" + json(r).get("orderId"));
                    assertEquals(sent.get("externalOrderId"), taken.get("externalOrderId"));
                }));
        Map<String, Object> message = Map.of("externalOrderId", "H-MSG-T", "messageId", "m-" + UNIQUE, "body", "hello");
        f.put("POST /webhooks/{storefrontId}/messages", new Fixture("POST /webhooks/{storefrontId}/messages",
                Ids.order("H-MSG-P"), Ids.order("H-MSG-T"), "", with(message, "externalOrderId", "H-MSG-P"), message,
                false, Set.of("body", "messageId"), Map.of(), bad(
                "missing body", without(message, "body"), invalid("body"),
                "blank body", with(message, "body", "   "), invalid("body"),
                "body over 5000 characters", with(message, "body", "x".repeat(5001)), invalid("body"),
                "missing messageId", without(message, "messageId"), invalid("messageId"),
                "another storefront's order", with(message, "externalOrderId", "VICTIM-1"), NOT_FOUND,
                "an order never delivered", with(message, "externalOrderId", "NO-SUCH-ORDER"), NOT_FOUND,
                "sentAt in a day", with(message, "sentAt", Instant.now().plusSeconds(86_400).toString()), invalid("sentAt"),
                "sentAt not a time", with(message, "sentAt", "yesterday"), invalid("sentAt")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/messages")
                        .contains((String) sent.get("messageId")), "the message is in the thread"))
                .lookingUp(Map.of("externalOrderId", NOT_FOUND)));
        Map<String, Object> storefrontReturn = Map.of("returnId", "r-" + UNIQUE, "externalOrderId", "H-WRETURN-T",
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED")));
        f.put("POST /webhooks/{storefrontId}/returns", new Fixture("POST /webhooks/{storefrontId}/returns",
                Ids.order("H-WRETURN-P"), Ids.order("H-WRETURN-T"), "",
                with(storefrontReturn, "externalOrderId", "H-WRETURN-P"), storefrontReturn, false, Set.of("returnId"),
                Map.of(), bad(
                "missing returnId", without(storefrontReturn, "returnId"), invalid("returnId"),
                "another storefront's order", with(storefrontReturn, "externalOrderId", "VICTIM-1"), NOT_FOUND,
                "quantity 0", withLine(storefrontReturn, "quantity", 0), invalid("lines[0].quantity"),
                "quantity 1e9", withLine(storefrontReturn, "quantity", 1_000_000_000), invalid("lines[0].quantity"),
                "more than delivered", withLine(storefrontReturn, "quantity", 3), refused("lines[0].quantity"),
                "a SKU not in the order", withLine(storefrontReturn, "sku", "POSTER-A2"), refused("lines[0].sku"),
                "unknown reason", withLine(storefrontReturn, "reason", "BORED"), invalid("lines[0].reason")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/returns")
                        .contains((String) json(r).get("rmaId")), "the RMA is on the order"))
                .lookingUp(Map.of("externalOrderId", NOT_FOUND)));

        // -- seller actions
        f.put("POST /v1/orders/{orderId}/acknowledge", new Fixture("POST /v1/orders/{orderId}/acknowledge",
                Ids.order("H-ACK-P"), Ids.order("H-ACK-T"), "", Map.of(), Map.of(), true, Set.of(), Map.of(), Map.of(),
                (ids, sent, r) -> assertTrue(get("/v1/orders/" + ids.orderId()).containsKey("acknowledgedAt"),
                        "acknowledgedAt")));
        f.put("POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry", new Fixture(
                "POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry", Ids.order("H-RETRY-P"), Ids.order("H-RETRY-T"),
                "", Map.of(), Map.of(), true, Set.of(), Map.of(), Map.of(),
                (ids, sent, r) -> assertEquals(Boolean.TRUE, Json.parseObject(r.body()).get("changed"),
                        "the failed sync starts over: " + r.body())));
        // -- shipping labels (the demo seller's EasyPost account points at the fake)
        f.put("POST /v1/orders/{orderId}/rates", new Fixture("POST /v1/orders/{orderId}/rates", Ids.order("H-RATES-P"),
                Ids.order("H-RATES-T"), "", PARCEL, PARCEL, true, Set.of(), Map.of(), bad(
                "weight 0", with(PARCEL, "weightGrams", 0), invalid("weightGrams"),
                "weight over 70 kg", with(PARCEL, "weightGrams", 70_001), invalid("weightGrams"),
                "a box without its height", with(PARCEL, "box", Map.of("lengthMm", 300, "widthMm", 200)), invalid("box"),
                "a side over 3 m", with(PARCEL, "box", Map.of("lengthMm", 3001, "widthMm", 200, "heightMm", 100)),
                invalid("box.lengthMm"),
                "a box that is no object", with(PARCEL, "box", "30x20x10"), invalid("box"),
                "more than ordered", with(PARCEL, "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 3))),
                invalid("lines[0].quantity"),
                "a SKU not in the order", with(PARCEL, "lines", List.of(Map.of("sku", "POSTER-A2", "quantity", 1))),
                invalid("lines[0].sku")),
                (ids, sent, r) -> assertTrue(!((List<?>) json(r).get("rates")).isEmpty(), "offers: " + r.body())));
        Ids labelP = Ids.order("H-LABEL-P");
        Ids labelT = Ids.order("H-LABEL-T");
        Map<String, Object> buy = Map.of("quoteId", QUOTES.get(labelT.orderId()), "rateId", RATES.get(labelT.orderId()));
        f.put("POST /v1/orders/{orderId}/labels", new Fixture("POST /v1/orders/{orderId}/labels", labelP, labelT, "",
                Map.of("quoteId", QUOTES.get(labelP.orderId()), "rateId", RATES.get(labelP.orderId())), buy, false,
                Set.of(), Map.of(), bad(
                "missing quoteId", without(buy, "quoteId"), invalid("quoteId"),
                "missing rateId", without(buy, "rateId"), invalid("rateId"),
                "another order's quote", with(buy, "quoteId", QUOTES.get(labelP.orderId())), invalid("quoteId"),
                "a rate of another quote", with(buy, "rateId", "rate_" + "0".repeat(24)), invalid("rateId"),
                "format PNG", with(buy, "format", "PNG"), invalid("format")),
                (ids, sent, r) -> assertEquals("SHIPPED", get("/v1/orders/" + ids.orderId()).get("status")))
                .lookingUp(Map.of("quoteId", invalid("quoteId"), "rateId", invalid("rateId"))));
        f.put("POST /v1/orders/{orderId}/labels/{labelId}/void", new Fixture(
                "POST /v1/orders/{orderId}/labels/{labelId}/void", Ids.order("H-VOID-P"), Ids.order("H-VOID-T"), "",
                null, null, true, Set.of(), Map.of(), Map.of(),
                (ids, sent, r) -> assertEquals("UNSHIPPED", get("/v1/orders/" + ids.orderId()).get("status"))));
        f.put("GET /v1/orders/{orderId}/labels", read("GET /v1/orders/{orderId}/labels", Ids.order("H-VOID-T"), "",
                Map.of(), (ids, sent, r) -> assertTrue(r.body().contains(LABELS.get(ids.orderId())), "the label")));
        Map<String, Object> release = Map.of("skus", List.of(Map.of("line", 0, "sku", "MUG-BLUE", "remember", false)),
                "acceptTotals", false);
        f.put("POST /v1/orders/{orderId}/release", new Fixture("POST /v1/orders/{orderId}/release",
                Ids.order("H-RELEASE-P"), Ids.order("H-RELEASE-T"), "", release, release, true, Set.of(), Map.of(), bad(
                "a SKU list that is no list", with(release, "skus", "MUG-BLUE"), invalid("skus"),
                "line -1", with(release, "skus", List.of(Map.of("line", -1, "sku", "MUG-BLUE"))), invalid("skus[0].line"),
                "line 99", with(release, "skus", List.of(Map.of("line", 99, "sku", "MUG-BLUE"))), invalid("skus[0].line"),
                "a bad SKU", with(release, "skus", List.of(Map.of("line", 0, "sku", "../etc/passwd"))),
                invalid("skus[0].sku"),
                "nothing that fixes the hold", Map.of(), invalid("lines[0].sku")),
                (ids, sent, r) -> assertEquals("MUG-BLUE", ((Map<?, ?>) ((List<?>) get("/v1/orders/" + ids.orderId())
                        .get("lines")).get(0)).get("sku"))));
        Map<String, Object> cancel = Map.of("reason", "OTHER", "note", "hostile test");
        f.put("POST /v1/orders/{orderId}/cancel", write("POST /v1/orders/{orderId}/cancel", Ids.order("H-CANCEL-P"),
                Ids.order("H-CANCEL-T"), cancel, Set.of("note"), bad(
                "missing reason", without(cancel, "reason"), invalid("reason"),
                "unknown reason", with(cancel, "reason", "BORED"), invalid("reason"),
                "note over 500 characters", with(cancel, "note", "n".repeat(501)), invalid("note"),
                "empty note", with(cancel, "note", ""), invalid("note")),
                (ids, sent, r) -> assertEquals("CANCELED", get("/v1/orders/" + ids.orderId()).get("status"))));
        // The bulk route names its orders in the body; a well-formed id of another seller is that order's 404
        // inside a 200 (see BulkActionsIT), so only ids that cannot be ours are a field error here.
        Map<String, Object> bulk = Map.of("action", "cancel", "reason", "OUT_OF_STOCK", "note", "supplier delay",
                "orderIds", List.of(ORDERS.get("H-BULK-T")));
        f.put("POST /v1/orders/bulk-actions", new Fixture("POST /v1/orders/bulk-actions", Ids.order("H-BULK-P"),
                Ids.order("H-BULK-T"), "", with(bulk, "orderIds", List.of(ORDERS.get("H-BULK-P"))), bulk, false,
                Set.of("note"), Map.of(), bad(
                "missing action", without(bulk, "action"), invalid("action"),
                "unknown action", with(bulk, "action", "refund"), invalid("action"),
                "missing orderIds", without(bulk, "orderIds"), invalid("orderIds"),
                "no orders", with(bulk, "orderIds", List.of()), invalid("orderIds"),
                "101 orders", with(bulk, "orderIds", java.util.Collections.nCopies(101, ORDERS.get("H-BULK-T"))),
                invalid("orderIds"),
                "an order twice", with(bulk, "orderIds", List.of(ORDERS.get("H-BULK-T"), ORDERS.get("H-BULK-T"))),
                invalid("orderIds[1]"),
                "missing reason", without(bulk, "reason"), invalid("reason"),
                "unknown reason", with(bulk, "reason", "BORED"), invalid("reason")),
                (ids, sent, r) -> assertEquals("CANCELED", get("/v1/orders/" + ids.orderId()).get("status"))));
        Map<String, Object> ship = Map.of("carrier", "UPS", "trackingNumber", "1ZA1B2C30312345673", "shipDate", now,
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1)));
        f.put("POST /v1/orders/{orderId}/shipments", write("POST /v1/orders/{orderId}/shipments", Ids.order("H-SHIP-P"),
                Ids.order("H-SHIP-T"), ship, Set.of("carrier", "trackingNumber"), bad(
                "missing tracking number", without(ship, "trackingNumber"), invalid("trackingNumber"),
                "missing carrier", without(ship, "carrier"), invalid("carrier"),
                "quantity 0", withLine(ship, "quantity", 0), invalid("lines[0].quantity"),
                "quantity -1", withLine(ship, "quantity", -1), invalid("lines[0].quantity"),
                "quantity 1e9", withLine(ship, "quantity", 1_000_000_000), invalid("lines[0].quantity"),
                "fractional quantity", withLine(ship, "quantity", 1.5), invalid("lines[0].quantity"),
                "more than ordered", withLine(ship, "quantity", 3), invalid("lines[0].quantity"),
                "a SKU not in the order", withLine(ship, "sku", "POSTER-A2"), invalid("lines[0].sku"),
                "a SKU twice", with(ship, "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1),
                        Map.of("sku", "MUG-BLUE", "quantity", 1))), invalid("lines[1].sku"),
                "ship date in a week", with(ship, "shipDate", inAWeek), invalid("shipDate"),
                "ship date not a date", with(ship, "shipDate", "tomorrow"), invalid("shipDate"),
                "ship date before the order", with(ship, "shipDate", "2020-01-01T00:00:00Z"), invalid("shipDate"),
                "empty lines", with(ship, "lines", List.of()), invalid("lines"),
                "tracking number over 40 characters", with(ship, "trackingNumber", "1".repeat(41)),
                invalid("trackingNumber")),
                (ids, sent, r) -> assertEquals("PARTIALLY_SHIPPED", get("/v1/orders/" + ids.orderId()).get("status"))));
        Map<String, Object> delivery = Map.of("deliveredAt", now, "shipmentId", "shp_1");
        f.put("POST /v1/orders/{orderId}/delivery", write("POST /v1/orders/{orderId}/delivery",
                Ids.order("H-DELIVERY-P"), Ids.order("H-DELIVERY-T"), delivery, Set.of(), bad(
                "missing deliveredAt", without(delivery, "deliveredAt"), invalid("deliveredAt"),
                "unknown shipment", with(delivery, "shipmentId", "shp_99"), invalid("shipmentId"),
                "delivered in a week", with(delivery, "deliveredAt", inAWeek), invalid("deliveredAt"),
                "delivered before it shipped", with(delivery, "deliveredAt", "2020-01-01T00:00:00Z"),
                invalid("deliveredAt"),
                "deliveredAt not a date", with(delivery, "deliveredAt", "today"), invalid("deliveredAt")),
                (ids, sent, r) -> assertEquals("DELIVERED", get("/v1/orders/" + ids.orderId()).get("status"))));
        Map<String, Object> packCheck = Map.of("scans", List.of("MUG-BLUE", "MUG-BLUE", "TEE-BLACK-L"));
        f.put("POST /v1/orders/{orderId}/pack-checks", write("POST /v1/orders/{orderId}/pack-checks",
                Ids.order("H-PACK-P"), Ids.order("H-PACK-T"), packCheck, Set.of("scans[0]"), bad(
                "missing scans", Map.of(), invalid("scans"),
                "no scans", with(packCheck, "scans", List.of()), invalid("scans"),
                "2001 scans", with(packCheck, "scans", Collections.nCopies(2001, "MUG-BLUE")), invalid("scans"),
                "a 65-character scan", with(packCheck, "scans", List.of("M".repeat(65))), invalid("scans[0]"),
                "an empty scan", with(packCheck, "scans", List.of("")), invalid("scans[0]")),
                (ids, sent, r) -> assertTrue(get("/v1/orders/" + ids.orderId()).containsKey("packCheckedAt"),
                        "packCheckedAt")));
        Map<String, Object> reply = Map.of("body", "Thanks, it ships today.");
        f.put("POST /v1/orders/{orderId}/messages", write("POST /v1/orders/{orderId}/messages", Ids.order("H-REPLY-P"),
                Ids.order("H-REPLY-T"), reply, Set.of("body"), bad(
                "missing body", Map.of(), invalid("body"),
                "blank body", with(reply, "body", "  \n "), invalid("body"),
                "body over 5000 characters", with(reply, "body", "b".repeat(5001)), invalid("body")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/messages")
                        .contains((String) json(r).get("messageId")), "the reply is in the thread")));

        // -- returns and refunds
        Map<String, Object> returns = Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED")));
        f.put("POST /v1/orders/{orderId}/returns", write("POST /v1/orders/{orderId}/returns", Ids.order("H-RETURN-P"),
                Ids.order("H-RETURN-T"), returns, Set.of(), bad(
                "missing lines", Map.of(), invalid("lines"),
                "quantity 0", withLine(returns, "quantity", 0), invalid("lines[0].quantity"),
                "quantity -1", withLine(returns, "quantity", -1), invalid("lines[0].quantity"),
                "quantity 1e9", withLine(returns, "quantity", 1_000_000_000), invalid("lines[0].quantity"),
                "more than delivered", withLine(returns, "quantity", 3), refused("lines[0].quantity"),
                "a SKU not in the order", withLine(returns, "sku", "POSTER-A2"), refused("lines[0].sku"),
                "unknown reason", withLine(returns, "reason", "BORED"), invalid("lines[0].reason")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/returns")
                        .contains((String) json(r).get("rmaId")), "the RMA is on the order")));
        Map<String, Object> receive = Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "condition", "SELLABLE")));
        f.put("POST /v1/returns/{rmaId}/receive", write("POST /v1/returns/{rmaId}/receive", Ids.order("H-RECEIVE-P"),
                Ids.order("H-RECEIVE-T"), receive, Set.of(), bad(
                "missing lines", Map.of(), invalid("lines"),
                "quantity 0", withLine(receive, "quantity", 0), invalid("lines[0].quantity"),
                "more than authorized", withLine(receive, "quantity", 2), refused("lines[0].quantity"),
                "a SKU not on the RMA", withLine(receive, "sku", "TEE-BLACK-L"), refused("lines[0].sku"),
                "unknown condition", withLine(receive, "condition", "SOGGY"), invalid("lines[0].condition")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/returns").contains("RECEIVED"),
                        "the RMA is received")));
        Map<String, Object> refund = Map.of("amount", Map.of("amount", "1.00", "currency", "USD"), "reason", "late",
                "requestId", "req-" + UNIQUE);
        f.put("POST /v1/orders/{orderId}/refunds", write("POST /v1/orders/{orderId}/refunds", Ids.order("H-REFUND-P"),
                Ids.order("H-REFUND-T"), refund, Set.of("reason", "requestId"), bad(
                "missing request id", without(refund, "requestId"), invalid("requestId"),
                "missing amount", without(refund, "amount"), invalid("amount"),
                "amount with 3 decimals", with(refund, "amount", Map.of("amount", "1.001", "currency", "USD")),
                invalid("amount.amount"),
                "negative amount", with(refund, "amount", Map.of("amount", "-5", "currency", "USD")),
                invalid("amount.amount"),
                "zero amount", with(refund, "amount", Map.of("amount", "0.00", "currency", "USD")),
                invalid("amount.amount"),
                "more than paid", with(refund, "amount", Map.of("amount", "1000000.00", "currency", "USD")),
                refused("amount"),
                "another currency", with(refund, "amount", Map.of("amount", "1.00", "currency", "EUR")),
                invalid("amount"), // a valid currency, not the order's: the amount as a whole is named
                "an unknown currency", with(refund, "amount", Map.of("amount", "1.00", "currency", "XYZ")),
                invalid("amount.currency"),
                "amount as a number", with(refund, "amount", 1.0), invalid("amount"),
                "amount in exponent form", with(refund, "amount", Map.of("amount", "1e2", "currency", "USD")),
                invalid("amount.amount")),
                (ids, sent, r) -> assertTrue(getText("/v1/orders/" + ids.orderId() + "/refunds")
                        .contains("\"" + sent.get("requestId") + "\""), "the refund is on the order")));

        // -- stock
        Map<String, Object> count = Map.of("onHand", 1000, "lowStockThreshold", 2, "binLocation", "A-1",
                "barcode", "0012345678905");
        Ids mug = new Ids(null, null, "MUG-BLUE");
        Ids tee = new Ids(null, null, "TEE-BLACK-L");
        f.put("PUT /v1/inventory/{sku}", write("PUT /v1/inventory/{sku}", tee, mug, count, Set.of("binLocation", "barcode"),
                bad(
                "missing onHand", without(count, "onHand"), invalid("onHand"),
                "negative count", with(count, "onHand", -1), invalid("onHand"),
                "fractional count", with(count, "onHand", 1.5), invalid("onHand"),
                "count above 10,000,000", with(count, "onHand", 10_000_001), invalid("onHand"),
                "count below reserved", with(count, "onHand", 0), invalid("onHand"),
                "threshold above 10,000,000", with(count, "lowStockThreshold", 10_000_001), invalid("lowStockThreshold"),
                "bin over 32 characters", with(count, "binLocation", "B".repeat(33)), invalid("binLocation"),
                "empty bin", with(count, "binLocation", ""), invalid("binLocation"),
                "barcode with a space", with(count, "barcode", "0012 345"), invalid("barcode"),
                "barcode over 64 characters", with(count, "barcode", "9".repeat(65)), invalid("barcode")),
                (ids, sent, r) -> assertEquals("A-1", get("/v1/inventory/" + ids.sku()).get("binLocation"))));
        Map<String, Object> adjust = Map.of("delta", 1, "reason", "found one " + UNIQUE);
        f.put("POST /v1/inventory/{sku}/adjustments", write("POST /v1/inventory/{sku}/adjustments", tee, mug, adjust,
                Set.of("reason"), bad(
                "missing reason", without(adjust, "reason"), invalid("reason"),
                "missing delta", without(adjust, "delta"), invalid("delta"),
                "zero delta", with(adjust, "delta", 0), invalid("delta"),
                "delta 1e9", with(adjust, "delta", 1_000_000_000), invalid("delta"),
                "fractional delta", with(adjust, "delta", 0.5), invalid("delta"),
                "below reserved", with(adjust, "delta", -1_000_000), invalid("delta"),
                "above 10,000,000 on hand", with(adjust, "delta", 9_999_999), invalid("delta"),
                "empty reason", with(adjust, "reason", ""), invalid("reason"),
                "reason over 200 characters", with(adjust, "reason", "r".repeat(201)), invalid("reason")),
                (ids, sent, r) -> assertTrue(getText("/v1/inventory/" + ids.sku()).contains((String) sent.get("reason")),
                        "the adjustment is a movement")));
        // -- uploads (the file itself goes to S3 by the presigned link: docs/operations.md)
        f.put("POST /v1/uploads", write("POST /v1/uploads", UPLOAD_P, UPLOAD_T, NEW_UPLOAD, Set.of("fileName"), bad(
                "missing kind", without(NEW_UPLOAD, "kind"), invalid("kind"),
                "unknown kind", with(NEW_UPLOAD, "kind", "labels"), invalid("kind"),
                "missing fileName", without(NEW_UPLOAD, "fileName"), invalid("fileName"),
                "empty fileName", with(NEW_UPLOAD, "fileName", " "), invalid("fileName"),
                "fileName over 200 characters", with(NEW_UPLOAD, "fileName", "f".repeat(201)), invalid("fileName"),
                "missing size", without(NEW_UPLOAD, "sizeBytes"), invalid("sizeBytes"),
                "size 0", with(NEW_UPLOAD, "sizeBytes", 0), invalid("sizeBytes"),
                "size over 10 MiB", with(NEW_UPLOAD, "sizeBytes", 10_485_761), invalid("sizeBytes"),
                "fractional size", with(NEW_UPLOAD, "sizeBytes", 1.5), invalid("sizeBytes")),
                (ids, sent, r) -> assertEquals("WAITING_FOR_FILE",
                        get("/v1/uploads/" + json(r).get("uploadId")).get("status"))));
        f.put("POST /v1/uploads/{uploadId}/process", new Fixture("POST /v1/uploads/{uploadId}/process", UPLOAD_P,
                UPLOAD_T, "", null, null, true, Set.of(), Map.of(), Map.of(),
                (ids, sent, r) -> assertTrue(!"WAITING_FOR_FILE".equals(get("/v1/uploads/" + UPLOADS.get(ids.sku()))
                        .get("status")), "queued")));
        f.put("GET /v1/uploads/{uploadId}", read("GET /v1/uploads/{uploadId}", UPLOAD_T, "", Map.of(),
                (ids, sent, r) -> assertEquals(UPLOADS.get(ids.sku()), json(r).get("uploadId"))));
        f.put("GET /v1/uploads", read("GET /v1/uploads", UPLOAD_T, "", Map.of(),
                (ids, sent, r) -> assertTrue(r.body().contains(UPLOADS.get(ids.sku())), "listed")));
        Map<String, Object> policy = Map.of("windowDays", 30, "restockingFeePercent", 10, "returnShippingPayer", "BUYER",
                "returnShippingMinor", 500, "nonReturnableSkus", List.of("GIFT-CARD"));
        f.put("PUT /v1/return-policy", write("PUT /v1/return-policy", reader, reader, policy, Set.of(), bad(
                "window of 366 days", with(policy, "windowDays", 366), invalid("windowDays"),
                "negative window", with(policy, "windowDays", -1), invalid("windowDays"),
                "fee of 101%", with(policy, "restockingFeePercent", 101), invalid("restockingFeePercent"),
                "unknown payer", with(policy, "returnShippingPayer", "NOBODY"), invalid("returnShippingPayer"),
                "fractional shipping cost", with(policy, "returnShippingMinor", 1.5), invalid("returnShippingMinor"),
                "shipping cost 1e9", with(policy, "returnShippingMinor", 1_000_000_000), invalid("returnShippingMinor"),
                "a bad SKU", with(policy, "nonReturnableSkus", List.of("../etc/passwd")), invalid("nonReturnableSkus[0]"),
                "1001 SKUs", with(policy, "nonReturnableSkus", skus(1001)), invalid("nonReturnableSkus")),
                (ids, sent, r) -> assertEquals("BUYER", get("/v1/return-policy").get("returnShippingPayer"))));
        // The demo seller's own values (DemoSeed), plus a cut-off at the day's end and a holiday years ahead:
        // other routes' orders see the same calendar before and after.
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("storeName", "Demo Store");
        settings.put("notifyEmail", "seller@demo-store.example");
        settings.put("supportContact", "support@demo-store.example");
        settings.put("handlingDays", 2);
        settings.put("transitDays", 5);
        settings.put("timeZone", "America/New_York");
        settings.put("unpaidCancelDays", 21);
        settings.put("cutoff", "23:59");
        settings.put("workingDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        settings.put("holidaysAdded", List.of((year + 5) + "-12-24"));
        f.put("PATCH /v1/settings", write("PATCH /v1/settings", reader, reader, settings,
                Set.of("storeName", "supportContact"), bad(
                "handling of 31 days", with(settings, "handlingDays", 31), invalid("handlingDays"),
                "transit of 0 days", with(settings, "transitDays", 0), invalid("transitDays"),
                "unknown time zone", with(settings, "timeZone", "Mars/Olympus"), invalid("timeZone"),
                "cut-off 24:00", with(settings, "cutoff", "24:00"), invalid("cutoff"),
                "no working day", with(settings, "workingDays", List.of()), invalid("workingDays"),
                "a day twice", with(settings, "workingDays", List.of("MONDAY", "MONDAY")), invalid("workingDays[1]"),
                "unknown holiday country", with(settings, "holidayCountry", "XX"), invalid("holidayCountry"),
                "a holiday in 1999", with(settings, "holidaysAdded", List.of("1999-12-24")), invalid("holidaysAdded[0]"),
                "unpaid cancel after 0 days", with(settings, "unpaidCancelDays", 0), invalid("unpaidCancelDays"),
                "a misspelt field", with(settings, "cutOff", "14:00"), invalid("cutOff")),
                (ids, sent, r) -> assertEquals(List.of((year + 5) + "-12-24"), get("/v1/settings").get("holidaysAdded"))));
        return f;
    }

    /** The uploads routes' targets: an upload each, told apart by the key they are filed under. */
    private static final Ids UPLOAD_P = new Ids(null, null, "H-UPLOAD-P");
    private static final Ids UPLOAD_T = new Ids(null, null, "H-UPLOAD-T");
    private static final Map<String, String> UPLOADS = new java.util.concurrent.ConcurrentHashMap<>();
    private static String victimUpload;
    private static final Map<String, Object> NEW_UPLOAD = Map.of("kind", "stock-counts", "fileName", "counts.csv",
            "sizeBytes", 24);

    /** An upload of a one-row stock count file (24 bytes), its file put to the presigned link when withFile. */
    private static String upload(String sellerKey, boolean withFile) throws Exception {
        HttpResponse<String> created = h.call("POST", "/v1/uploads", sellerKey, NEW_UPLOAD);
        assertEquals(201, created.statusCode(), created.body());
        if (withFile) {
            HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create((String) json(created).get("uploadUrl")))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("sku,quantity\nH-UPLOAD,1\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
        }
        return (String) json(created).get("uploadId");
    }

    // ------------------------------------------------------------------ the corpus

    /** Path segments no route may take as an id: traversal, injection, NUL, a lone surrogate, invalid, overlong. */
    private static Map<String, String> badIds(String victimId) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("traversal ..", "..");
        ids.put("encoded traversal", "..%2F..%2Fv1%2Forders");
        ids.put("encoded traversal to the victim's", "..%2F" + victimId);
        ids.put("SQL injection", enc(INJECTIONS.get(0)));
        ids.put("NoSQL injection", enc(INJECTIONS.get(2)));
        ids.put("script injection", enc(INJECTIONS.get(3)));
        ids.put("expression injection", enc(INJECTIONS.get(5)));
        ids.put("NUL", "ord_%00");
        ids.put("lone surrogate (invalid UTF-8)", "ord_%ED%A0%80");
        ids.put("right-to-left override", enc("ord_\u202Etxt.exe"));
        ids.put("3000 characters", "A".repeat(3000));
        return ids;
    }

    private static final Map<String, String> BAD_KEYS = new LinkedHashMap<>();

    private static Map<String, String> badKeys() {
        if (BAD_KEYS.isEmpty()) {
            BAD_KEYS.put("unknown key", "Bearer ofk_" + "A".repeat(43));
            BAD_KEYS.put("revoked key", "Bearer " + revokedKey);
            BAD_KEYS.put("empty bearer", "Bearer ");
            BAD_KEYS.put("basic scheme", "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + key).getBytes()));
            BAD_KEYS.put("key without scheme", key.substring(0, key.length() - 1));
            BAD_KEYS.put("injection as key", "Bearer " + INJECTIONS.get(0));
            BAD_KEYS.put("8 KB key", "Bearer ofk_" + "B".repeat(8000));
            BAD_KEYS.put("another seller's key in the wrong case", "Bearer " + victimKey.toUpperCase());
        }
        return BAD_KEYS;
    }

    /** Every bad case of every route, by route; fails when a route of the runner has no fixture. */
    private static Map<String, List<Case>> corpus(Map<String, Fixture> fixtures) {
        Map<String, List<Case>> all = new LinkedHashMap<>();
        for (String route : routeKeys()) {
            Fixture f = fixtures.get(route);
            if (f == null) {
                throw new AssertionError(route + " has no fixture in HostileInputIT.fixtures(): give it its valid"
                        + " request, what that writes, and its bad queries and fields");
            }
            all.put(route, cases(f));
        }
        return all;
    }

    /** The runner's public routes (the dashboard's static files have no input and no data; DashboardIT tries bad names). */
    private static List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        for (HttpGateway.Route r : h.runner.routes()) {
            if (r.path().startsWith("/v1/") || r.path().startsWith("/webhooks/")) {
                keys.add(r.method() + " " + r.path());
            }
        }
        return keys;
    }

    private static List<Case> cases(Fixture f) {
        String method = f.route().substring(0, f.route().indexOf(' '));
        String template = f.route().substring(method.length() + 1);
        boolean webhook = template.startsWith("/webhooks/");
        boolean hasBody = f.body() != null;
        String query = f.validQuery().isEmpty() ? "" : "?" + f.validQuery();
        String path = fill(template, f.target(), Map.of()) + query;
        List<Case> cases = new ArrayList<>();
        byte[] validBody = hasBody ? unique(json(f.body())) : null;

        // -- keys (the authorizer) and signatures (the storefront routes): every shape on every route
        if (!webhook) {
            cases.add(new Case(f.route(), "no key", "no Authorization header", method, path,
                    headers(null, hasBody), validBody, NO_KEY));
            badKeys().forEach((what, auth) -> cases.add(new Case(f.route(), "bad key", what, method, path,
                    headers(auth, hasBody), validBody, BAD_KEY)));
        } else {
            long now = Instant.now().getEpochSecond();
            Map<String, String> sigs = new LinkedHashMap<>();
            sigs.put("unsigned", null);
            sigs.put("wrong signature", "t=" + now + ",v1=" + "ab".repeat(32));
            sigs.put("malformed header", "garbage");
            sigs.put("non-numeric time", "t=abc,v1=" + "ab".repeat(32));
            sigs.put("stale (10 minutes old)", RunnerHarness.sign(h.demo.webhookSecret(), validBody,
                    Instant.now().minusSeconds(600)));
            sigs.put("from the future (10 minutes ahead)", RunnerHarness.sign(h.demo.webhookSecret(), validBody,
                    Instant.now().plusSeconds(600)));
            sigs.put("another storefront's secret", RunnerHarness.sign(victimSecret, validBody, Instant.now()));
            sigs.put("signature of another body", RunnerHarness.sign(h.demo.webhookSecret(),
                    "{}".getBytes(StandardCharsets.UTF_8), Instant.now()));
            sigs.put("Shopify-style signature on a generic store", null);
            sigs.forEach((what, sig) -> {
                Map<String, String> hs = new LinkedHashMap<>();
                hs.put("content-type", "application/json");
                if (sig != null) {
                    hs.put(WebhookSignature.HEADER, sig);
                }
                if (what.startsWith("Shopify")) {
                    hs.put("x-shopify-hmac-sha256", PlatformSignature.sign(h.demo.webhookSecret(), validBody));
                    hs.put("x-shopify-topic", "orders/create");
                }
                cases.add(new Case(f.route(), "bad signature", what, method, path, hs, validBody, SIGNATURE));
            });
            Map<String, String> stores = new LinkedHashMap<>();
            stores.put("unknown storefront", "no-such-store");
            stores.put("another seller's storefront", VICTIM_STORE);
            stores.put("an Amazon storefront", VICTIM_AMAZON);
            stores.putAll(badIds(VICTIM_STORE));
            stores.forEach((what, id) -> cases.add(new Case(f.route(), "bad storefront id", what, method,
                    fill(template, f.target(), Map.of("storefrontId", id)), signedHeaders(validBody), validBody,
                    SIGNATURE)));
        }

        // -- ids in the path: another seller's, unknown, traversal, injection, unicode, overlong
        Matcher params = Pattern.compile("\\{(orderId|rmaId|syncId|labelId|sku|uploadId)}").matcher(template);
        while (params.find()) {
            String param = params.group(1);
            Map<String, String> ids = new LinkedHashMap<>();
            Map<String, Expect> expect = new LinkedHashMap<>();
            switch (param) {
                case "orderId" -> {
                    ids.put("another seller's order", victimOrder);
                    ids.put("unknown order", "ord_" + "0".repeat(26));
                    ids.putAll(badIds(victimOrder));
                    ids.keySet().forEach(k -> expect.put(k, NOT_FOUND)); // docs/api.md: no such order, alike
                }
                case "syncId" -> {
                    ids.put("another order's sync", SYNCS.get(ORDERS.get("H-RETRY-P")));
                    ids.put("unknown sync", "sync_" + "0".repeat(26));
                    ids.putAll(badIds(SYNCS.get(ORDERS.get("H-RETRY-P"))));
                    ids.keySet().forEach(k -> expect.put(k, NOT_FOUND)); // docs/api.md: a sync not on the order
                }
                case "labelId" -> {
                    ids.put("another order's label", LABELS.get(ORDERS.get("H-VOID-P")));
                    ids.put("unknown label", "lbl_" + "0".repeat(24));
                    ids.putAll(badIds(LABELS.get(ORDERS.get("H-VOID-P"))));
                    ids.keySet().forEach(k -> expect.put(k, NOT_FOUND)); // docs/api.md: a label not on the order
                }
                case "uploadId" -> {
                    ids.put("another seller's upload", victimUpload);
                    ids.put("unknown upload", "upl_" + "0".repeat(27));
                    ids.putAll(badIds(victimUpload));
                    ids.keySet().forEach(k -> expect.put(k, NOT_FOUND)); // docs/api.md, Uploads: not the seller's
                }
                case "rmaId" -> {
                    ids.put("another seller's RMA", victimRma);
                    ids.put("unknown RMA", "rma_" + "0".repeat(26));
                    ids.putAll(badIds(victimRma));
                    ids.keySet().forEach(k -> expect.put(k, NOT_FOUND));
                }
                default -> {
                    if (!method.equals("PUT")) { // PUT creates the item: an unknown SKU is valid there
                        ids.put("unknown SKU", "NO-SUCH-SKU");
                    }
                    ids.put("SKU starting with a dash", "-MUG");
                    ids.putAll(badIds("MUG-BLUE"));
                    // docs/api.md, Inventory: a SKU outside the rule is a 400 on sku; one without an item a 404
                    ids.keySet().forEach(k -> expect.put(k, k.equals("unknown SKU") ? NOT_FOUND : invalid("sku")));
                }
            }
            ids.forEach((what, id) -> cases.add(new Case(f.route(), "bad " + param, what, method,
                    fill(template, f.target(), Map.of(param, id)) + query, headers("Bearer " + key, hasBody),
                    validBody, expect.get(what))));
        }

        // -- query strings
        f.badQueries().forEach((q, expect) -> cases.add(new Case(f.route(), "bad query",
                q.isEmpty() ? "(none)" : q.length() > 60 ? q.substring(0, 60) + "..." : q, method,
                fill(template, f.target(), Map.of()) + (q.isEmpty() ? "" : "?" + q), headers("Bearer " + key, false),
                null, expect)));

        // -- bodies
        if (hasBody) {
            cases.addAll(bodyCases(f, method, path, webhook));
        }
        return cases;
    }

    private static List<Case> bodyCases(Fixture f, String method, String path, boolean webhook) {
        Map<String, Object> valid = f.body();
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        Map<String, Expect> expect = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, byte[]> body = (what, bytes) -> {
            bodies.put(what, bytes);
            expect.put(what, BAD_BODY);
        };
        // -- not one JSON object (docs/problems.md: 400 on body)
        if (!f.bodyOptional()) {
            body.accept("no body", new byte[0]);
        }
        body.accept("truncated JSON", utf8("{\"a\":"));
        body.accept("JSON array", utf8("[]"));
        body.accept("two JSON objects", utf8(jsonText(valid) + "{}"));
        String validText = jsonText(valid);
        String firstKey = valid.isEmpty() ? "a" : valid.keySet().iterator().next();
        body.accept("a key given twice", valid.isEmpty() ? utf8("{\"a\":1,\"a\":2}")
                : utf8(("{\"" + firstKey + "\":\"FRAUD\"," + validText.substring(1)).replace(",}", "}")));
        body.accept("single quotes", utf8("{'reason':'OTHER'}"));
        body.accept("trailing comma", utf8("{\"a\":1,}"));
        body.accept("JSON string", utf8("\"text\""));
        body.accept("JSON number", utf8("42"));
        body.accept("JSON true", utf8("true"));
        body.accept("JSON null", utf8("null"));
        body.accept("form body", utf8("a=1&b=2"));
        body.accept("a byte-order mark before the object", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(validText)));
        body.accept("1000-deep arrays", utf8("[".repeat(1000) + "]".repeat(1000)));
        body.accept("60000-deep arrays, unclosed", utf8("[".repeat(60_000)));
        if (!valid.isEmpty()) {
            body.accept("1000-deep objects in " + firstKey, utf8(jsonText(with(valid, firstKey, "__NEST__"))
                    .replace("\"__NEST__\"", "{\"a\":".repeat(1000) + "1" + "}".repeat(1000))));
            body.accept("1000-deep arrays in " + firstKey, utf8(jsonText(with(valid, firstKey, "__NEST__"))
                    .replace("\"__NEST__\"", "[".repeat(1000) + "]".repeat(1000))));
        }
        // -- too large: 64 KiB for /v1, 256 KiB for webhooks (docs/problems.md)
        bodies.put("300 KB body", json(with(valid, "padding", "x".repeat(300 * 1024))));
        expect.put("300 KB body", TOO_LARGE);

        // -- invalid UTF-8: in a field with a format, in a free-text field, between members; each sent as
        // application/json (the gateway hands the function text, the bytes decoded with U+FFFD for what is
        // not UTF-8) and as application/octet-stream (the gateway hands the function the bytes, base64)
        byte[] badBytes = {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        String strict = leaves(valid, "").entrySet().stream()
                .filter(e -> e.getValue() instanceof String && !f.freeText().contains(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        // A free-text field of a /v1 body takes any text, U+FFFD included: sent as JSON text, the gateway has
        // already made the bytes U+FFFD, so that one case is left out on /v1. Sent as bytes, every route
        // decodes strictly (Json.utf8Request) and refuses the body.
        String free = leaves(valid, "").entrySet().stream()
                .filter(e -> e.getValue() instanceof String && f.freeText().contains(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        Map<String, byte[]> utf8Bodies = new LinkedHashMap<>();
        Map<String, String> utf8Fields = new LinkedHashMap<>();
        for (String field : java.util.Arrays.asList(strict, free)) {
            if (field != null) {
                String[] around = jsonText(replace(valid, field, "__BAD_UTF8__")).split("__BAD_UTF8__", 2);
                utf8Bodies.put("invalid UTF-8 bytes in " + field, concat(utf8(around[0]), badBytes, utf8(around[1])));
                utf8Fields.put("invalid UTF-8 bytes in " + field, field);
            }
        }
        utf8Bodies.put("invalid UTF-8 bytes between the members", concat(utf8("{"), badBytes, utf8(validText.substring(1))));
        utf8Bodies.forEach((what, bytes) -> {
            String field = utf8Fields.get(what);
            // as JSON text: a webhook's signature no longer matches the text the function was given; a /v1
            // route reads U+FFFD where the bytes were, which a field with a format refuses
            if (webhook || field == null || !field.equals(free)) {
                bodies.put(what + " (application/json)", bytes);
                expect.put(what + " (application/json)", webhook ? SIGNATURE : field == null ? BAD_BODY : invalid(field));
            }
            // as bytes: a webhook's signature matches; on every route a body that is not UTF-8 is refused on body
            bodies.put(what + " (application/octet-stream)", bytes);
            expect.put(what + " (application/octet-stream)", BAD_BODY);
        });

        // -- every field of the valid body made bad: wrong type, NUL, lone surrogate, every injection where it has a format
        for (Map.Entry<String, Object> leaf : leaves(valid, "").entrySet()) {
            String field = leaf.getKey();
            Object value = leaf.getValue();
            Object wrong = value instanceof String ? (Object) 12345 : value instanceof Number ? "12"
                    : value instanceof Boolean ? "yes" : "x";
            bodies.put("wrong type in " + field, json(replace(valid, field, wrong)));
            expect.put("wrong type in " + field, invalid(field));
            if (value instanceof String s) {
                bodies.put("NUL in " + field, json(replace(valid, field, s + "\u0000x")));
                expect.put("NUL in " + field, invalid(field));
                bodies.put("lone surrogate in " + field, utf8(jsonText(replace(valid, field, s + LONE))
                        .replace(LONE, "\\ud800")));
                expect.put("lone surrogate in " + field, invalid(field));
                if (!f.freeText().contains(field)) {
                    for (String injection : INJECTIONS) {
                        String what = "injection in " + field + ": " + injection;
                        bodies.put(what, json(replace(valid, field, injection)));
                        expect.put(what, f.lookedUp().getOrDefault(field, invalid(field)));
                    }
                }
            }
        }
        // -- the route's own bad fields
        f.badBodies().forEach((what, bad) -> {
            bodies.put(what, json(bad.body()));
            expect.put(what, bad.expect());
        });

        List<Case> cases = new ArrayList<>();
        bodies.forEach((what, bytes) -> {
            byte[] sent = unique(bytes);
            Map<String, String> hs = webhook ? signedHeaders(sent) : headers("Bearer " + key, true);
            if (what.equals("form body")) {
                hs.put("content-type", "application/x-www-form-urlencoded");
            } else if (what.endsWith("(application/octet-stream)")) {
                hs.put("content-type", "application/octet-stream");
            }
            String category = what.startsWith("wrong type") ? "wrong type" : what.startsWith("NUL")
                    || what.startsWith("lone") || what.startsWith("invalid UTF") ? "unicode"
                    : what.startsWith("injection") ? "injection" : what.contains("deep") ? "deep nesting"
                    : what.startsWith("300 KB") ? "huge body" : f.badBodies().containsKey(what) ? "bad field"
                    : "malformed JSON";
            cases.add(new Case(f.route(), category, what, method, path, hs, sent, expect.get(what)));
        });
        return cases;
    }

    // ------------------------------------------------------------------ the test

    @Test
    @Order(1)
    void every_route_takes_its_valid_request_and_refuses_each_bad_one_with_its_exact_problem_writing_nothing()
            throws Exception {
        Map<String, Fixture> fixtures = fixtures();
        Map<String, List<Case>> corpus = corpus(fixtures);
        long started = System.nanoTime();

        // 0. every target in the state of its probe (twins), before anything is sent
        List<String> unlike = new ArrayList<>();
        for (Fixture f : fixtures.values()) {
            if (f.probe().orderId() != null && !f.probe().orderId().equals(f.target().orderId())) {
                String probe = state(f.probe());
                String target = state(f.target());
                if (!probe.equals(target)) {
                    unlike.add(f.route() + ": probe " + probe + ", target " + target);
                }
            }
        }
        assertEquals(List.of(), unlike, "targets not in the state of their probes: the setup drifted");

        // 1. every route's valid request on its probe: 2xx, and it wrote what it says
        List<String> drifted = new ArrayList<>();
        for (String route : corpus.keySet()) {
            String wrong = sendValid(fixtures.get(route), fixtures.get(route).probe(), true);
            if (wrong != null) {
                drifted.add(route + " on its probe: " + wrong);
            }
        }
        assertEquals(List.of(), drifted, "valid requests that did not succeed or wrote nothing: the fixture drifted");
        h.quiet(); // what the valid requests queued has been processed
        RunnerHarness.Fingerprint baseline = fingerprint();
        long probed = System.nanoTime();

        // 2. every bad case on the targets: its exact answer, nothing written
        RunnerHarness.Fingerprint previous = baseline;
        long requestNanos = 0;
        long fingerprintNanos = 0;
        int fingerprints = 0;
        int sent = 0;
        List<String> serverErrors = new ArrayList<>();
        List<String> wrongAnswers = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        Map<String, Integer> perRoute = new TreeMap<>();
        Map<String, Integer> perCategory = new TreeMap<>();
        Map<Integer, Integer> perStatus = new TreeMap<>();
        int taken = 0;
        for (List<Case> cases : corpus.values()) {
            List<String> sinceCheck = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                if (takenAndHeld(c)) {
                    taken++; // a verified order delivery we can read: its own test, below
                    continue;
                }
                perRoute.merge(c.route(), 1, Integer::sum);
                perCategory.merge(c.category(), 1, Integer::sum);
                long t0 = System.nanoTime();
                HttpResponse<String> r = send(c);
                requestNanos += System.nanoTime() - t0;
                sent++;
                String label = c.route() + " [" + c.category() + ": " + c.what() + "] -> " + r.statusCode() + " "
                        + abbreviate(r.body());
                sinceCheck.add(c.category() + ": " + c.what());
                perStatus.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    serverErrors.add(label);
                } else {
                    String problem = checkAnswer(c.expect(), r);
                    if (problem != null) {
                        wrongAnswers.add(label + " (expected " + c.expect() + ": " + problem + ")");
                    }
                }
                if (i == cases.size() - 1 || sinceCheck.size() == FINGERPRINT_EVERY) {
                    long t1 = System.nanoTime();
                    RunnerHarness.Fingerprint now = fingerprint();
                    fingerprintNanos += System.nanoTime() - t1;
                    fingerprints++;
                    if (!now.equals(previous)) {
                        writes.add(c.route() + ": " + previous.differences(now) + " after one of: " + sinceCheck);
                        h.quiet(); // let what it queued finish, so the next requests are judged on their own
                        previous = fingerprint();
                    }
                    sinceCheck.clear();
                }
            }
        }
        h.quiet(); // anything a request queued has been processed by now
        RunnerHarness.Fingerprint after = fingerprint();
        List<String> late = previous.differences(after);
        if (!late.isEmpty()) {
            writes.add("after the corpus, asynchronously: " + late);
        }
        long corpusDone = System.nanoTime();

        // 3. the valid request again, on each target itself: it must still succeed
        List<String> targetsChanged = new ArrayList<>();
        for (String route : corpus.keySet()) {
            String wrong = sendValid(fixtures.get(route), fixtures.get(route).target(), false);
            if (wrong != null) {
                targetsChanged.add(route + " on its target: " + wrong);
            }
        }

        System.out.println();
        System.out.println("[hostile] cases per route:");
        perRoute.forEach((route, n) -> System.out.printf("[hostile]   %-45s %4d%n", route, n));
        System.out.println("[hostile] cases per category: " + perCategory);
        System.out.println("[hostile] answers by status: " + perStatus);
        System.out.printf("[hostile] %.1f ms per request; %d fingerprints of every table and queue, %.0f ms each%n",
                requestNanos / 1e6 / Math.max(1, sent), fingerprints, fingerprintNanos / 1e6 / Math.max(1, fingerprints));
        System.out.printf("[hostile] times: valid requests on the probes %.1f s, corpus %.1f s, valid requests on the"
                + " targets %.1f s%n", (probed - started) / 1e9, (corpusDone - probed) / 1e9,
                (System.nanoTime() - corpusDone) / 1e9);
        System.out.printf("[hostile] %d routes, each valid request taken on its probe and its target; %d bad requests:"
                + " %d x 5xx, %d not the expected answer, %d wrote anything (%d readable order deliveries taken and"
                + " held, in the next test)%n", corpus.size(), sent, serverErrors.size(), wrongAnswers.size(),
                writes.size(), taken);
        serverErrors.forEach(e -> System.out.println("[hostile] 5xx: " + e));
        wrongAnswers.forEach(e -> System.out.println("[hostile] wrong answer: " + e));
        writes.forEach(e -> System.out.println("[hostile] wrote: " + e));
        targetsChanged.forEach(e -> System.out.println("[hostile] target changed: " + e));

        assertEquals(new TreeSet<>(routeKeys()), perRoute.keySet(), "every route of the template gets hostile cases");
        assertEquals(List.of(), serverErrors, "5xx answers");
        assertEquals(List.of(), writes, "bad requests that wrote");
        assertEquals(List.of(), targetsChanged, "valid requests refused by their targets after the corpus (with no"
                + " write seen: the target was never in the state its cases need)");
        assertEquals(List.of(), wrongAnswers, "answers that are not the expected status and problem");
    }

    /** What a seller action depends on in an order (and its RMA): compared between a probe and its target. */
    private static String state(Ids ids) throws Exception {
        Map<String, Object> order = get("/v1/orders/" + ids.orderId());
        List<Object> rmas = new ArrayList<>();
        ((List<?>) get("/v1/orders/" + ids.orderId() + "/returns").get("items"))
                .forEach(rma -> rmas.add(((Map<?, ?>) rma).get("status")));
        return order.get("status") + " " + order.get("allowedActions") + " shipments "
                + ((List<?>) order.getOrDefault("shipments", List.of())).size() + " holds " + holds(order)
                + (order.containsKey("acknowledgedAt") ? " acknowledged" : "")
                + (order.containsKey("packCheckedAt") ? " pack-checked" : "") + " RMAs " + rmas;
    }

    /** Sends the fixture's valid request to the ids; null when it succeeded and wrote, else what went wrong. */
    private static String sendValid(Fixture f, Ids ids, boolean probe) {
        String method = f.route().substring(0, f.route().indexOf(' '));
        String template = f.route().substring(method.length() + 1);
        String path = fill(template, ids, Map.of()) + (f.validQuery().isEmpty() ? "" : "?" + f.validQuery());
        Map<String, Object> body = f.body() == null ? null : probe ? f.probeBody() : f.body();
        byte[] bytes = body == null || (f.bodyOptional() && body.isEmpty()) ? null : unique(json(body));
        Map<String, String> hs = template.startsWith("/webhooks/") ? signedHeaders(bytes)
                : headers("Bearer " + key, bytes != null);
        try {
            HttpResponse<String> r = h.send(method, path, hs, bytes);
            if (r.statusCode() / 100 != 2) {
                return "answered " + r.statusCode() + " " + abbreviate(r.body());
            }
            f.readBack().check(ids, bytes == null ? Map.of() : Json.parseObject(new String(bytes, StandardCharsets.UTF_8)),
                    r);
            return null;
        } catch (AssertionError e) {
            return "answered 2xx but did not write it: " + e.getMessage();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> send(Case c) throws Exception {
        Map<String, String> hs = new LinkedHashMap<>(c.headers());
        if (!c.category().equals("bad signature") && hs.containsKey(WebhookSignature.HEADER)) {
            // signed now: a case built a minute ago would be refused as stale, for the wrong reason
            hs.put(WebhookSignature.HEADER, RunnerHarness.sign(h.demo.webhookSecret(), c.body(), Instant.now()));
        }
        return h.send(c.method(), c.path(), hs, c.body());
    }

    /** null when the answer is exactly the expected one, else what is wrong with it. */
    private static String checkAnswer(Expect e, HttpResponse<String> r) {
        int status = r.statusCode();
        String type = r.headers().firstValue("content-type").orElse("");
        if (status != e.status()) {
            return "status " + status;
        }
        if (e.gatewayMessage() != null) {
            if (!type.startsWith("application/json") || !r.body().equals("{\"message\":\"" + e.gatewayMessage() + "\"}")) {
                return "not API Gateway's answer";
            }
            return null;
        }
        if (!type.equals("application/problem+json")) {
            return "content-type " + type;
        }
        Map<String, Object> problem;
        try { // leniently: a detail may quote a NUL the request sent (escaped, as JSON must)
            problem = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(r.body());
        } catch (java.io.IOException | RuntimeException x) {
            return "body is not a JSON object";
        }
        if (!("/problems/" + e.type()).equals(problem.get("type"))) {
            return "type " + problem.get("type");
        }
        if (!(problem.get("title") instanceof String title) || title.isBlank()) {
            return "no title";
        }
        if (!(problem.get("status") instanceof Number n) || n.intValue() != status) {
            return "status member " + problem.get("status");
        }
        if (!(problem.get("detail") instanceof String detail) || detail.isBlank()) {
            return "no detail";
        }
        Set<String> fields = new TreeSet<>();
        if (problem.containsKey("errors")) {
            if (!(problem.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
                return "errors is not a non-empty list";
            }
            for (Object error : errors) {
                if (!(error instanceof Map<?, ?> m) || !(m.get("field") instanceof String field)
                        || !(m.get("message") instanceof String message) || message.isBlank()) {
                    return "an error without field and message: " + error;
                }
                fields.add(field);
            }
        }
        if (!fields.equals(e.fields())) {
            return "fields " + fields;
        }
        if (r.body().contains("Exception") || r.body().contains("orderflow.") || r.body().contains("software.amazon")) {
            return "internals in the answer";
        }
        return null;
    }

    /** A signed delivery to the order webhook whose body is a JSON object we can read: taken, whatever it says. */
    private static boolean takenAndHeld(Case c) {
        if (!c.route().equals("POST /webhooks/{storefrontId}") || c.body() == null
                || !c.headers().containsKey(WebhookSignature.HEADER)
                || c.category().equals("bad signature") || c.category().equals("bad storefront id")
                || c.body().length > 256 * 1024) {
            return false;
        }
        try {
            Json.parseRequest(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(c.body())).toString());
            return true;
        } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** What an unreadable part of the total is counted as. */
    private static final Set<String> PARTS_OF_THE_TOTAL = Set.of("lines", "lines[0].quantity", "lines[0].unitPrice",
            "shippingTotal", "taxTotal");

    /**
     * The holds of a delivery whose broken fields are these: each of them, and the total as well when a
     * part of it could not be read (GenericOrderPayload counts that part as 0, so the declared total
     * no longer adds up and is held with both numbers).
     */
    private static Set<String> heldOn(Set<String> broken) {
        Set<String> holds = new TreeSet<>(broken);
        if (broken.stream().anyMatch(PARTS_OF_THE_TOTAL::contains)) {
            holds.add("total");
        }
        return holds;
    }

    @Test
    @Order(3)
    void a_verified_order_delivery_with_bad_content_is_taken_as_its_own_order_and_held_with_the_field_named()
            throws Exception {
        List<Case> taken = corpus(fixtures()).get("POST /webhooks/{storefrontId}").stream()
                .filter(HostileInputIT::takenAndHeld).toList();
        List<String> wrong = new ArrayList<>();
        Set<String> orderIds = new LinkedHashSet<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Case c : taken) {
            HttpResponse<String> r = send(c);
            String label = c.category() + ": " + c.what() + " -> " + r.statusCode() + " " + abbreviate(r.body());
            Map<String, Object> receipt = r.statusCode() == 202 ? Json.parseObject(r.body()) : Map.of();
            if (!(receipt.get("orderId") instanceof String orderId) || !Boolean.FALSE.equals(receipt.get("duplicate"))) {
                wrong.add(label + " (expected 202 with a new order)");
                continue;
            }
            if (!orderIds.add(orderId)) {
                wrong.add(label + " (the order of an earlier case: this delivery was not judged on its own)");
                continue;
            }
            Map<String, Object> order = get("/v1/orders/" + orderId);
            statuses.merge(String.valueOf(order.get("status")), 1, Integer::sum);
            Set<String> holds = holds(order);
            Set<String> expected = heldOn(c.expect().fields());
            if (!"ON_HOLD".equals(order.get("status")) || !holds.equals(expected)) {
                wrong.add(label + " (expected ON_HOLD with holds on " + expected + ", got "
                        + order.get("status") + " with holds on " + holds + ")");
            }
        }
        System.out.println("[hostile] verified order deliveries with bad content: " + taken.size()
                + " taken, each its own order, by status " + statuses + ", " + wrong.size() + " not held as expected");
        wrong.forEach(w -> System.out.println("[hostile] not held as expected: " + w));
        assertTrue(taken.size() >= 50, taken.size() + " cases");
        assertEquals(List.of(), wrong, "verified deliveries not taken as their own order, held on the broken field");
    }

    // ------------------------------------------------------------------ secrets in the logs

    @Test
    @Order(2)
    void no_secret_appears_in_the_logs_of_a_run_with_signed_webhooks_keys_returns_and_refunds() throws Exception {
        Set<String> secrets = new LinkedHashSet<>(List.of(h.demo.webhookSecret(), h.demo.apiKey(), victimKey,
                victimSecret, revokedKey, FakeSpApi.CLIENT_SECRET, FakeSpApi.REFRESH_TOKEN, "fake-access-token",
                "fake-restricted-data-token"));
        List<String> signatures = new ArrayList<>();

        // a new seller with a key: its own order, the whole life, a return, a refund, a goodwill refund
        String seller = "logscan-seller";
        String sellerKey = h.newSeller(seller);
        String storeSecret = h.admin().putStorefront("logscan-store", seller, "generic");
        secrets.add(sellerKey);
        secrets.add(storeSecret);
        h.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        h.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        String orderId = placeAndConfirm("logscan-store", storeSecret, "LOGSCAN-1", sellerKey);
        assertEquals(200, h.call("POST", "/v1/orders/" + orderId + "/acknowledge", sellerKey, null).statusCode());
        shipAndDeliver(orderId, sellerKey, "1Z999AA10123456784", true);
        String rmaId = rma(orderId, sellerKey);
        HttpResponse<String> received = h.call("POST", "/v1/returns/" + rmaId + "/receive", sellerKey,
                Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "condition", "SELLABLE"))));
        assertEquals(201, received.statusCode(), received.body());
        HttpResponse<String> goodwill = h.send("POST", "/v1/orders/" + orderId + "/refunds", Map.of(
                "Authorization", "Bearer " + sellerKey, "content-type", "application/json", "Idempotency-Key", "gw-1"),
                json(Map.of("amount", Map.of("amount", "2.00", "currency", "USD"), "reason", "late")));
        assertEquals(201, goodwill.statusCode(), goodwill.body());

        // signed buyer message and storefront return request; refused signatures (logged as refusals)
        for (String[] post : new String[][] {
                {"/messages", Json.write(Map.of("externalOrderId", "LOGSCAN-1", "messageId", "m-1", "body", "Where is it?"))},
                {"/returns", Json.write(Map.of("returnId", "ret-1", "externalOrderId", "LOGSCAN-1",
                        "lines", List.of(Map.of("sku", "TEE-BLACK-L", "quantity", 1, "reason", "DEFECTIVE"))))}}) {
            byte[] body = post[1].getBytes(StandardCharsets.UTF_8);
            String sig = RunnerHarness.sign(storeSecret, body, Instant.now());
            signatures.add(sig.substring(sig.indexOf("v1=") + 3));
            HttpResponse<String> r = h.send("POST", "/webhooks/logscan-store" + post[0],
                    Map.of("content-type", "application/json", WebhookSignature.HEADER, sig), body);
            assertTrue(r.statusCode() == 202 || r.statusCode() == 201, r.body());
            String stale = RunnerHarness.sign(storeSecret, body, Instant.now().minusSeconds(900));
            signatures.add(stale.substring(stale.indexOf("v1=") + 3));
            assertEquals(401, h.send("POST", "/webhooks/logscan-store" + post[0],
                    Map.of("content-type", "application/json", WebhookSignature.HEADER, stale), body).statusCode());
        }
        // a second key, used, then revoked: API Gateway's cached answer lives ReauthorizeEvery, then refused
        String second = h.admin().newApiKey(seller, "rotation", Instant.now());
        secrets.add(second);
        assertEquals(200, h.call("GET", "/v1/orders", second, null).statusCode());
        h.admin().revokeApiKey(seller, ApiKeys.keyId(ApiKeys.hash(second)));
        assertEquals(200, h.call("GET", "/v1/orders", second, null).statusCode());
        h.runner.advanceClock(Duration.ofSeconds(60));
        assertEquals(403, h.call("GET", "/v1/orders", second, null).statusCode());

        // a Shopify storefront (its own secret) and an Amazon one (LWA client secret, refresh token)
        String shopifySecret = "shpss_logscan_" + Long.toHexString(System.nanoTime());
        secrets.add(shopifySecret);
        h.admin().putStorefront("logscan-shopify", seller, "shopify", shopifySecret);
        byte[] shopify = Files.readAllBytes(h.root.resolve("events/shopify-orders-create.json"));
        String hmac = PlatformSignature.sign(shopifySecret, shopify);
        signatures.add(hmac);
        assertEquals(202, h.send("POST", "/webhooks/logscan-shopify", Map.of("content-type", "application/json",
                "x-shopify-topic", "orders/create", "x-shopify-webhook-id", "w-logscan", "x-shopify-hmac-sha256", hmac),
                shopify).statusCode());
        assertEquals(401, h.send("POST", "/webhooks/logscan-shopify", Map.of("content-type", "application/json",
                "x-shopify-topic", "orders/create", "x-shopify-hmac-sha256", PlatformSignature.sign("wrong", shopify)),
                shopify).statusCode());
        h.admin().putAmazonStorefront("logscan-amazon", seller, "ALOGSCAN", FakeSpApi.REFRESH_TOKEN);
        Map<String, Object> event = Json.parseObject(Files.readString(h.root.resolve("events/spapi-order-change.json")));
        String notification = ((String) ((Map<?, ?>) ((List<?>) event.get("Records")).get(0)).get("body"))
                .replaceAll("\"SellerId\"\\s*:\\s*\"[^\"]*\"", "\"SellerId\":\"ALOGSCAN\"")
                .replaceAll("\"AmazonOrderId\"\\s*:\\s*\"[^\"]*\"", "\"AmazonOrderId\":\"114-0000000-4242424\"");
        h.sqs.sendMessage(b -> b.queueUrl(h.ref("AmazonNotificationQueue")).messageBody(notification));
        h.awaitStatus(orderflow.shared.domain.OrderIds.forExternal("logscan-amazon", "114-0000000-4242424"), sellerKey,
                "UNSHIPPED");
        h.quiet(); // emails sent, refunds delivered (signed with the storefront secret), queues empty

        String log = h.log();
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (log.contains(secret)) {
                found.add(secret.length() > 12 ? secret.substring(0, 8) + "..." : secret);
            }
        }
        for (String sig : signatures) {
            if (log.contains(sig)) {
                found.add("signature " + sig.substring(0, 8) + "...");
            }
        }
        long lines = log.lines().count();
        System.out.printf("[secrets] %d log lines (%d KB) scanned for %d secrets and %d signatures: %d found%n",
                lines, log.length() / 1024, secrets.size(), signatures.size(), found.size());
        assertTrue(lines > 100, "the runner's log was not captured: " + lines + " lines");
        assertTrue(log.contains("[ReceiveWebhookFunction]") || log.contains("[gateway]"), "function logs captured");
        assertEquals(List.of(), found, "secrets in the logs");
    }

    // ------------------------------------------------------------------ helpers

    private static final java.util.concurrent.ExecutorService READS = java.util.concurrent.Executors.newFixedThreadPool(6,
            r -> {
                Thread t = new Thread(r, "hostile-fingerprint");
                t.setDaemon(true);
                return t;
            });

    /**
     * {@link RunnerHarness#fingerprint()} with its reads in parallel (a read is one round trip to the
     * emulator; nineteen of them one after another are most of its time): every table's items (count and
     * digest; the marks scheduled jobs keep left out, see {@link RunnerHarness#itemText}) and every queue's
     * message counts. Compared only with fingerprints made here.
     */
    private static RunnerHarness.Fingerprint fingerprint() throws Exception {
        Map<String, java.util.concurrent.Future<List<String>>> tables = new TreeMap<>();
        for (String id : h.runner.cloud().template().idsOfType("AWS::DynamoDB::Table")) {
            String name = h.ref(id);
            tables.put(id, READS.submit(() -> {
                List<String> items = new ArrayList<>();
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
                do {
                    var from = start;
                    var page = h.dynamo.scan(b -> b.tableName(name).consistentRead(true).exclusiveStartKey(from));
                    page.items().forEach(i -> items.add(RunnerHarness.itemText(i)));
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                            : null;
                } while (start != null);
                return items;
            }));
        }
        Map<String, java.util.concurrent.Future<String>> queues = new TreeMap<>();
        for (String id : h.runner.cloud().template().idsOfType("AWS::SQS::Queue")) {
            String url = h.ref(id);
            queues.put(id, READS.submit(() -> {
                var a = h.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributesAsStrings();
                return a.get("ApproximateNumberOfMessages") + "/" + a.get("ApproximateNumberOfMessagesNotVisible") + "/"
                        + a.get("ApproximateNumberOfMessagesDelayed");
            }));
        }
        Map<String, List<String>> t = new TreeMap<>();
        for (var e : tables.entrySet()) {
            t.put(e.getKey(), e.getValue().get());
        }
        Map<String, String> q = new TreeMap<>();
        for (var e : queues.entrySet()) {
            q.put(e.getKey(), e.getValue().get());
        }
        return RunnerHarness.Fingerprint.of(t, q);
    }

    private static Map<String, Object> json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    /** A GET with the demo key that must answer 200 with a JSON object. */
    private static Map<String, Object> get(String path) throws Exception {
        return Json.parseObject(getText(path));
    }

    private static String getText(String path) throws Exception {
        HttpResponse<String> r = h.call("GET", path, key, null);
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return r.body();
    }

    /** The fields an order's intake holds name. */
    private static Set<String> holds(Map<String, Object> order) {
        Set<String> holds = new TreeSet<>();
        if (order.get("intake") instanceof Map<?, ?> intake && intake.get("holds") instanceof List<?> list) {
            list.forEach(hold -> holds.add(String.valueOf(((Map<?, ?>) hold).get("field"))));
        }
        return holds;
    }

    @SafeVarargs
    private static <K, V> Map<K, V> merge(Map<K, V>... maps) {
        Map<K, V> out = new LinkedHashMap<>();
        for (Map<K, V> m : maps) {
            out.putAll(m);
        }
        return out;
    }

    private static List<String> skus(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("SKU-" + i);
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> m, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.remove(key);
        return copy;
    }

    /** The body with one field of its first line replaced (null: removed). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withLine(Map<String, Object> m, String field, Object value) {
        List<Object> lines = new ArrayList<>((List<Object>) m.get("lines"));
        Map<String, Object> line = new LinkedHashMap<>((Map<String, Object>) lines.get(0));
        if (value == null) {
            line.remove(field);
        } else {
            line.put(field, value);
        }
        lines.set(0, line);
        return with(m, "lines", lines);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The bytes with every {@link #UNIQUE} replaced by a number used once in this run. */
    private static byte[] unique(byte[] body) {
        if (body == null) {
            return null;
        }
        byte[] marker = utf8(UNIQUE);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            if (i + marker.length <= body.length && java.util.Arrays.equals(body, i, i + marker.length, marker, 0,
                    marker.length)) {
                out.writeBytes(utf8("u" + UNIQUES.incrementAndGet()));
                i += marker.length;
            } else {
                out.write(body[i++]);
            }
        }
        return out.toByteArray();
    }

    /** Leaf values by path ("lines[0].sku"). */
    private static Map<String, Object> leaves(Object value, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.putAll(leaves(v, path.isEmpty() ? String.valueOf(k) : path + "." + k)));
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            out.putAll(leaves(l.get(0), path + "[0]"));
        } else if (!path.isEmpty()) {
            out.put(path, value);
        }
        return out;
    }

    /** A copy of the body with the leaf at path replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> replace(Map<String, Object> body, String path, Object value) {
        Object copy = Json.parseObject(Json.write(body));
        Object parent = copy;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.endsWith("[0]")) {
                List<Object> list = (List<Object>) ((Map<String, Object>) parent).get(part.substring(0, part.length() - 3));
                if (last) {
                    list.set(0, value);
                } else {
                    parent = list.get(0);
                }
            } else if (last) {
                ((Map<String, Object>) parent).put(part, value);
            } else {
                parent = ((Map<String, Object>) parent).get(part);
            }
        }
        return (Map<String, Object>) copy;
    }

    private static String fill(String template, Ids ids, Map<String, String> override) {
        return template.replace("{orderId}", override.getOrDefault("orderId", String.valueOf(ids.orderId())))
                .replace("{rmaId}", override.getOrDefault("rmaId", String.valueOf(ids.rmaId())))
                .replace("{sku}", override.getOrDefault("sku", String.valueOf(ids.sku())))
                .replace("{syncId}", override.getOrDefault("syncId", String.valueOf(SYNCS.get(ids.orderId()))))
                .replace("{labelId}", override.getOrDefault("labelId", String.valueOf(LABELS.get(ids.orderId()))))
                .replace("{uploadId}", override.getOrDefault("uploadId", String.valueOf(UPLOADS.get(ids.sku()))))
                .replace("{storefrontId}", override.getOrDefault("storefrontId", h.demo.storefrontId()));
    }

    private static byte[] json(Object body) {
        return utf8(jsonText(body));
    }

    private static String jsonText(Object body) {
        return body == null ? "" : Json.write(body);
    }

    private static Map<String, String> headers(String auth, boolean json) {
        Map<String, String> hs = new LinkedHashMap<>();
        if (auth != null) {
            hs.put("Authorization", auth);
        }
        if (json) {
            hs.put("content-type", "application/json");
        }
        return hs;
    }

    private static Map<String, String> signedHeaders(byte[] body) {
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("content-type", "application/json");
        hs.put(WebhookSignature.HEADER, RunnerHarness.sign(h.demo.webhookSecret(), body == null ? new byte[0] : body,
                Instant.now()));
        return hs;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
