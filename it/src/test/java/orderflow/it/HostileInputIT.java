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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Hostile input over every public route of template.yaml, through the local runner: a generated
 * corpus of bad requests (malformed JSON, wrong types, missing and extra fields, huge bodies, deep
 * nesting, NUL and lone surrogates, bad quantities and amounts, injection strings, bad and stale
 * signatures, bad keys, other sellers' and storefronts' ids, path traversal) must each be answered
 * 4xx, as problem+json (or API Gateway's own {"message"} 401/403 when the authorizer refuses),
 * never 5xx, and must write nothing: every table's items and every queue's messages are
 * fingerprinted after each request. The routes are read from the runner, so a new route gets the
 * generic cases (keys, ids, bodies) without a change here; routes listed in {@link #specs()} get
 * their own bad fields too.
 *
 * <p>Second, with the runner's whole log captured: after signed webhooks (our format, Shopify's,
 * Amazon's queue), new and revoked API keys, returns, refunds and their signed notices, no secret
 * (webhook secrets, API keys, the LWA client secret and tokens) appears in any log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static RunnerHarness h;
    private static String key;
    private static String orderA; // UNSHIPPED, not acknowledged: cancel, ship, pack-check, messages
    private static String orderB; // DELIVERED with an AUTHORIZED RMA: returns, refunds, receive
    private static String orderC; // SHIPPED, not delivered: delivery
    private static String rmaB;
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

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; DROP TABLE orders; --",
            "{\"$ne\": null}", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}",
            "attribute_exists(orderId) OR #k = :v");

    @BeforeAll
    static void start() throws Exception {
        h = RunnerHarness.start();
        key = h.demo.apiKey();
        orderA = placeAndConfirm(h.demo.storefrontId(), h.demo.webhookSecret(), "HOSTILE-A", key);
        orderB = placeAndConfirm(h.demo.storefrontId(), h.demo.webhookSecret(), "HOSTILE-B", key);
        orderC = placeAndConfirm(h.demo.storefrontId(), h.demo.webhookSecret(), "HOSTILE-C", key);
        shipAndDeliver(orderB, key, "1Z999AA10123456784", true);
        rmaB = rma(orderB, key);
        shipAndDeliver(orderC, key, "1ZA1B2C30312345673", false);

        victimKey = h.newSeller(VICTIM);
        victimSecret = h.admin().putStorefront(VICTIM_STORE, VICTIM, "generic");
        h.admin().putAmazonStorefront(VICTIM_AMAZON, VICTIM, "AVICTIM", FakeSpApi.REFRESH_TOKEN);
        h.admin().putStock(VICTIM, "MUG-BLUE", 10, Instant.now());
        h.admin().putStock(VICTIM, "TEE-BLACK-L", 10, Instant.now());
        victimOrder = placeAndConfirm(VICTIM_STORE, victimSecret, "VICTIM-1", victimKey);
        shipAndDeliver(victimOrder, victimKey, "1Z999AA10123456784", true);
        victimRma = rma(victimOrder, victimKey);

        revokedKey = h.admin().newApiKey(h.demo.sellerId(), "revoked", Instant.now());
        h.admin().revokeApiKey(h.demo.sellerId(), ApiKeys.keyId(ApiKeys.hash(revokedKey)));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static String sampleOrder(String externalOrderId) throws Exception {
        Map<String, Object> order = new LinkedHashMap<>(Json.parseObject(Files.readString(
                h.root.resolve("events/webhook-order-paid.json"))));
        order.put("externalOrderId", externalOrderId);
        return Json.write(order);
    }

    private static String placeAndConfirm(String storefront, String secret, String externalId, String sellerKey)
            throws Exception {
        byte[] body = sampleOrder(externalId).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = h.send("POST", "/webhooks/" + storefront, Map.of("content-type", "application/json",
                WebhookSignature.HEADER, RunnerHarness.sign(secret, body, Instant.now())), body);
        assertEquals(202, r.statusCode(), r.body());
        String orderId = (String) Json.parseObject(r.body()).get("orderId");
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

    // ------------------------------------------------------------------ the corpus

    /** One bad request and what it must get: any 4xx problem+json, or API Gateway's exact {"message"} answer. */
    record Case(String route, String category, String what, String method, String path, Map<String, String> headers,
                byte[] body, int gatewayStatus, String gatewayMessage) {
    }

    /**
     * What a route needs beyond the generic cases: the order (or RMA, SKU) a valid request would
     * change, a valid body (each bad case is this body made bad in one way, so that a request that
     * slipped through would write), its free-text fields (where injection strings are legitimate
     * content), bad query strings, and bad bodies of its own.
     */
    record Spec(String target, Map<String, Object> valid, Set<String> freeText, List<String> badQueries,
                Map<String, Object> badBodies) {
    }

    private static Map<String, Spec> specs() throws Exception {
        String now = Instant.now().toString();
        Map<String, Spec> specs = new LinkedHashMap<>();
        Map<String, Object> order = Json.parseObject(sampleOrder("HOSTILE-NEW"));
        specs.put("POST /webhooks/{storefrontId}", new Spec(null, order,
                Set.of("buyer.name", "shipTo.name", "shipTo.line1", "shipTo.city", "shipTo.region", "lines[0].title",
                        "lines[1].title", "externalOrderId", "shipTo.postalCode"),
                List.of(), badBodies(order, Map.of(
                        "missing lines", without(order, "lines"),
                        "missing currency and buyer, extra fields", with(without(without(order, "currency"), "buyer"),
                                "isAdmin", true),
                        "unit price with 3 decimals", withLine(order, "unitPrice", "1.001"),
                        "negative unit price", withLine(order, "unitPrice", "-5"),
                        "unit price in exponent form", withLine(order, "unitPrice", "1e3"),
                        "quantity 0", withLine(order, "quantity", 0),
                        "quantity -1", withLine(order, "quantity", -1),
                        "quantity 1e9", withLine(order, "quantity", 1_000_000_000),
                        "fractional quantity", withLine(order, "quantity", 1.5),
                        "total that does not add up", with(order, "total", "53.59")),
                        "negative shipping", with(order, "shippingTotal", "-5"),
                        "tax with 3 decimals", with(order, "taxTotal", "0.001"),
                        "injection in a text field, quantity 0", withLine(with(order, "buyer",
                                Map.of("name", INJECTIONS.get(3), "email", "ada@example.com")), "quantity", 0),
                        "99 lines", with(order, "lines", java.util.Collections.nCopies(99, Map.of("sku", "MUG-BLUE",
                                "quantity", 1, "unitPrice", "1.00"))))));
        Map<String, Object> message = Map.of("externalOrderId", "HOSTILE-A", "messageId", "m-hostile", "body", "hello");
        specs.put("POST /webhooks/{storefrontId}/messages", new Spec(null, message, Set.of("body", "messageId"), List.of(),
                badBodies(message, Map.of(
                        "missing body", without(message, "body"),
                        "blank body", with(message, "body", "   "),
                        "body over 5000 characters", with(message, "body", "x".repeat(5001)),
                        "another storefront's order", with(message, "externalOrderId", "VICTIM-1"),
                        "sentAt in a day", with(message, "sentAt", Instant.now().plusSeconds(86_400).toString()),
                        "sentAt not a time", with(message, "sentAt", "yesterday")))));
        Map<String, Object> storefrontReturn = Map.of("returnId", "r-hostile", "externalOrderId", "HOSTILE-B",
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED")));
        specs.put("POST /webhooks/{storefrontId}/returns", new Spec(null, storefrontReturn, Set.of("returnId"), List.of(),
                badBodies(storefrontReturn, Map.of(
                        "missing returnId", without(storefrontReturn, "returnId"),
                        "another storefront's order", with(storefrontReturn, "externalOrderId", "VICTIM-1"),
                        "quantity 0", withLine(storefrontReturn, "quantity", 0),
                        "quantity 1e9", withLine(storefrontReturn, "quantity", 1_000_000_000),
                        "more than delivered", withLine(storefrontReturn, "quantity", 3),
                        "unknown reason", withLine(storefrontReturn, "reason", "BORED")))));

        specs.put("GET /v1/orders", new Spec(null, null, Set.of(), List.of("limit=0", "limit=101", "limit=-5",
                "limit=abc", "limit=1e9", "status=BOGUS", "status=" + enc(INJECTIONS.get(0)), "createdFrom=yesterday",
                "createdTo=2026-13-45T00:00:00Z", "cursor=not-a-cursor", "cursor=" + enc(INJECTIONS.get(2)),
                "late=maybe", "shipByBefore=" + enc(INJECTIONS.get(5))), Map.of()));
        specs.put("GET /v1/orders/export", new Spec(null, null, Set.of(), List.of("", "from=abc",
                "from=2026-01-01T00:00:00Z&to=abc", "from=2026-01-01T00:00:00Z&cursor=junk",
                "from=" + enc(INJECTIONS.get(0)), "from=2030-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"), Map.of()));
        specs.put("GET /v1/orders/{orderId}", new Spec("A", null, Set.of(), List.of("include=everything",
                "include=" + enc(INJECTIONS.get(0))), Map.of()));
        specs.put("GET /v1/orders/{orderId}/history", new Spec("A", null, Set.of(), List.of("cursor=junk",
                "cursor=" + enc(INJECTIONS.get(5))), Map.of()));
        specs.put("GET /v1/inventory", new Spec(null, null, Set.of(), List.of("limit=0", "limit=abc", "lowStock=yes",
                "cursor=junk", "cursor=" + enc(INJECTIONS.get(2))), Map.of()));
        specs.put("GET /v1/picklist", new Spec(null, null, Set.of(), List.of("status=SHIPPED", "status=BOGUS",
                "orders=" + enc("__VICTIM_ORDER__"), "orders=..%2F..", "status=UNSHIPPED&orders=__ORDER_A__",
                "orders=" + enc(INJECTIONS.get(0)), "orders=" + "ord_x,".repeat(201)), Map.of()));
        specs.put("GET /v1/messages", new Spec(null, null, Set.of(), List.of("awaitingReply=false", "limit=0",
                "limit=abc", "cursor=junk"), Map.of()));
        specs.put("GET /v1/returns", new Spec(null, null, Set.of(), List.of("status=BOGUS", "limit=0", "limit=abc",
                "cursor=junk"), Map.of()));

        specs.put("POST /v1/orders/{orderId}/acknowledge", new Spec("A", null, Set.of(), List.of(), Map.of()));
        Map<String, Object> cancel = Map.of("reason", "OTHER", "note", "hostile test");
        specs.put("POST /v1/orders/{orderId}/cancel", new Spec("A", cancel, Set.of("note"), List.of(),
                badBodies(cancel, Map.of("missing reason", without(cancel, "reason"),
                        "unknown reason", with(cancel, "reason", "BORED"),
                        "note over 500 characters", with(cancel, "note", "n".repeat(501)),
                        "empty note", with(cancel, "note", "")))));
        Map<String, Object> ship = Map.of("carrier", "UPS", "trackingNumber", "1ZA1B2C30312345673", "shipDate", now,
                "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1)));
        specs.put("POST /v1/orders/{orderId}/shipments", new Spec("A", ship, Set.of("carrier", "trackingNumber"), List.of(),
                badBodies(ship, Map.of("missing tracking number", without(ship, "trackingNumber"),
                        "quantity 0", withLine(ship, "quantity", 0),
                        "quantity -1", withLine(ship, "quantity", -1),
                        "quantity 1e9", withLine(ship, "quantity", 1_000_000_000),
                        "more than ordered", withLine(ship, "quantity", 3),
                        "a SKU not in the order", withLine(ship, "sku", "POSTER-A2"),
                        "ship date in a week", with(ship, "shipDate", Instant.now().plusSeconds(7 * 86_400).toString()),
                        "ship date not a date", with(ship, "shipDate", "tomorrow"),
                        "empty lines", with(ship, "lines", List.of()),
                        "tracking number over 40 characters", with(ship, "trackingNumber", "1".repeat(41))))));
        Map<String, Object> delivery = Map.of("deliveredAt", now, "shipmentId", "shp_1");
        specs.put("POST /v1/orders/{orderId}/delivery", new Spec("C", delivery, Set.of(), List.of(),
                badBodies(delivery, Map.of("missing deliveredAt", without(delivery, "deliveredAt"),
                        "unknown shipment", with(delivery, "shipmentId", "shp_99"),
                        "delivered in a week", with(delivery, "deliveredAt",
                                Instant.now().plusSeconds(7 * 86_400).toString()),
                        "delivered before it shipped", with(delivery, "deliveredAt", "2020-01-01T00:00:00Z")))));
        Map<String, Object> packCheck = Map.of("scans", List.of("MUG-BLUE", "MUG-BLUE", "TEE-BLACK-L"));
        specs.put("POST /v1/orders/{orderId}/pack-checks", new Spec("A", packCheck, Set.of("scans[0]"), List.of(),
                badBodies(packCheck, Map.of("missing scans", Map.of(),
                        "no scans", with(packCheck, "scans", List.of()),
                        "2001 scans", with(packCheck, "scans", java.util.Collections.nCopies(2001, "MUG-BLUE")),
                        "a 65-character scan", with(packCheck, "scans", List.of("M".repeat(65)))))));
        Map<String, Object> reply = Map.of("body", "Thanks, it ships today.");
        specs.put("POST /v1/orders/{orderId}/messages", new Spec("A", reply, Set.of("body"), List.of(),
                badBodies(reply, Map.of("missing body", Map.of(), "blank body", with(reply, "body", "  \n "),
                        "body over 5000 characters", with(reply, "body", "b".repeat(5001))))));
        Map<String, Object> returns = Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "DAMAGED")));
        specs.put("POST /v1/orders/{orderId}/returns", new Spec("B", returns, Set.of(), List.of(),
                badBodies(returns, Map.of("missing lines", Map.of(),
                        "quantity 0", withLine(returns, "quantity", 0),
                        "quantity -1", withLine(returns, "quantity", -1),
                        "quantity 1e9", withLine(returns, "quantity", 1_000_000_000),
                        "more than delivered", withLine(returns, "quantity", 3),
                        "a SKU not in the order", withLine(returns, "sku", "POSTER-A2"),
                        "unknown reason", withLine(returns, "reason", "BORED")))));
        Map<String, Object> receive = Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "condition", "SELLABLE")));
        specs.put("POST /v1/returns/{rmaId}/receive", new Spec("RMA", receive, Set.of(), List.of(),
                badBodies(receive, Map.of("missing lines", Map.of(),
                        "quantity 0", withLine(receive, "quantity", 0),
                        "more than authorized", withLine(receive, "quantity", 2),
                        "a SKU not on the RMA", withLine(receive, "sku", "TEE-BLACK-L"),
                        "unknown condition", withLine(receive, "condition", "SOGGY")))));
        Map<String, Object> refund = Map.of("amount", Map.of("amount", "1.00", "currency", "USD"), "reason", "late",
                "requestId", "req-hostile");
        specs.put("POST /v1/orders/{orderId}/refunds", new Spec("B", refund, Set.of("reason", "requestId"), List.of(),
                badBodies(refund, Map.of("missing request id", without(refund, "requestId"),
                        "amount with 3 decimals", with(refund, "amount", Map.of("amount", "1.001", "currency", "USD")),
                        "negative amount", with(refund, "amount", Map.of("amount", "-5", "currency", "USD")),
                        "zero amount", with(refund, "amount", Map.of("amount", "0.00", "currency", "USD")),
                        "more than paid", with(refund, "amount", Map.of("amount", "1000000.00", "currency", "USD")),
                        "another currency", with(refund, "amount", Map.of("amount", "1.00", "currency", "EUR")),
                        "amount as a number", with(refund, "amount", 1.0),
                        "amount in exponent form", with(refund, "amount", Map.of("amount", "1e2", "currency", "USD"))))));
        Map<String, Object> count = Map.of("onHand", 50, "lowStockThreshold", 2, "binLocation", "A-1", "barcode", "0012345678905");
        specs.put("PUT /v1/inventory/{sku}", new Spec("SKU", count, Set.of("binLocation", "barcode"), List.of(),
                badBodies(count, Map.of("missing onHand", without(count, "onHand"),
                        "negative count", with(count, "onHand", -1),
                        "fractional count", with(count, "onHand", 1.5),
                        "count above 10,000,000", with(count, "onHand", 10_000_001),
                        "count below reserved", with(count, "onHand", 0),
                        "bin over 32 characters", with(count, "binLocation", "B".repeat(33)),
                        "barcode with a space", with(count, "barcode", "0012 345")))));
        Map<String, Object> adjust = Map.of("delta", 1, "reason", "found one");
        specs.put("POST /v1/inventory/{sku}/adjustments", new Spec("SKU", adjust, Set.of("reason"), List.of(),
                badBodies(adjust, Map.of("missing reason", without(adjust, "reason"),
                        "zero delta", with(adjust, "delta", 0),
                        "delta 1e9", with(adjust, "delta", 1_000_000_000),
                        "fractional delta", with(adjust, "delta", 0.5),
                        "below reserved", with(adjust, "delta", -1_000_000),
                        "reason over 200 characters", with(adjust, "reason", "r".repeat(201))))));
        Map<String, Object> policy = Map.of("windowDays", 30, "restockingFeePercent", 10, "returnShippingPayer", "BUYER",
                "returnShippingMinor", 500, "nonReturnableSkus", List.of("GIFT-CARD"));
        specs.put("PUT /v1/return-policy", new Spec(null, policy, Set.of(), List.of(),
                badBodies(policy, Map.of("window of 366 days", with(policy, "windowDays", 366),
                        "negative window", with(policy, "windowDays", -1),
                        "fee of 101%", with(policy, "restockingFeePercent", 101),
                        "unknown payer", with(policy, "returnShippingPayer", "NOBODY"),
                        "fractional shipping cost", with(policy, "returnShippingMinor", 1.5),
                        "shipping cost 1e9", with(policy, "returnShippingMinor", 1_000_000_000),
                        "a bad SKU", with(policy, "nonReturnableSkus", List.of("../etc/passwd")),
                        "1001 SKUs", with(policy, "nonReturnableSkus", skus(1001))))));
        return specs;
    }

    private static List<String> skus(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("SKU-" + i);
        }
        return out;
    }

    private static Map<String, Object> badBodies(Map<String, Object> valid, Map<String, Object> a, Object... pairs) {
        Map<String, Object> all = new LinkedHashMap<>(a);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put((String) pairs[i], pairs[i + 1]);
        }
        return all;
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

    /** The body with one field of its first line replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withLine(Map<String, Object> m, String field, Object value) {
        List<Object> lines = new ArrayList<>((List<Object>) m.get("lines"));
        lines.set(0, with((Map<String, Object>) lines.get(0), field, value));
        return with(m, "lines", lines);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Path segments no route may take as an id: traversal, injection, NUL, a lone surrogate, invalid, overlong. */
    private static Map<String, String> badIds(String kind) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("traversal ..", "..");
        ids.put("encoded traversal", "..%2F..%2Fv1%2Forders");
        ids.put("encoded traversal to the victim", "..%2F" + ("order".equals(kind) ? victimOrder : "x"));
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

    private static List<Case> corpus() throws Exception {
        Map<String, Spec> specs = specs();
        List<Case> cases = new ArrayList<>();
        int routeIndex = -1;
        for (HttpGateway.Route route : h.runner.routes()) {
            if (!route.path().startsWith("/v1/") && !route.path().startsWith("/webhooks/")) {
                continue; // the dashboard's static files: no input, no data (DashboardIT tries bad names)
            }
            routeIndex++;
            String routeKey = route.method() + " " + route.path();
            Spec spec = specs.getOrDefault(routeKey, new Spec(null, null, Set.of(), List.of(), Map.of()));
            boolean webhook = route.path().startsWith("/webhooks/");
            boolean hasBody = route.method().equals("POST") || route.method().equals("PUT");
            Map<String, Object> valid = spec.valid() != null ? spec.valid() : hasBody ? Map.of() : null;
            String path = fill(route.path(), spec, Map.of());

            // -- keys (the authorizer) and signatures (the storefront routes)
            if (!webhook) {
                byte[] body = valid == null ? null : json(valid);
                cases.add(new Case(routeKey, "no key", "no Authorization header", route.method(), path,
                        jsonHeaders(null), body, 401, "Unauthorized"));
                Map<String, String> badKeys = new LinkedHashMap<>();
                badKeys.put("unknown key", "Bearer ofk_" + "A".repeat(43));
                badKeys.put("revoked key", "Bearer " + revokedKey);
                badKeys.put("empty bearer", "Bearer ");
                badKeys.put("basic scheme", "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + key).getBytes()));
                badKeys.put("key without scheme", key.substring(0, key.length() - 1));
                badKeys.put("injection as key", "Bearer " + INJECTIONS.get(0));
                badKeys.put("8 KB key", "Bearer ofk_" + "B".repeat(8000));
                // every route: unknown and revoked keys; the other shapes take turns across the routes
                // (all of them on a route that has nothing else to get wrong: no id, no query, no body)
                List<String> shapes = new ArrayList<>(badKeys.keySet());
                boolean onlyKeys = valid == null && spec.badQueries().isEmpty() && !route.path().contains("{");
                for (String what : onlyKeys ? shapes
                        : List.of(shapes.get(0), shapes.get(1), shapes.get(2 + routeIndex % (shapes.size() - 2)))) {
                    cases.add(new Case(routeKey, "bad key", what, route.method(), path,
                            headers(badKeys.get(what), valid != null), body, 403, "Forbidden"));
                }
            } else {
                byte[] body = json(valid);
                long now = Instant.now().getEpochSecond();
                Map<String, String> sigs = new LinkedHashMap<>();
                sigs.put("unsigned", null);
                sigs.put("wrong signature", "t=" + now + ",v1=" + "ab".repeat(32));
                sigs.put("malformed header", "garbage");
                sigs.put("non-numeric time", "t=abc,v1=" + "ab".repeat(32));
                sigs.put("stale (10 minutes old)", RunnerHarness.sign(h.demo.webhookSecret(), body,
                        Instant.now().minusSeconds(600)));
                sigs.put("from the future (10 minutes ahead)", RunnerHarness.sign(h.demo.webhookSecret(), body,
                        Instant.now().plusSeconds(600)));
                sigs.put("another storefront's secret", RunnerHarness.sign(victimSecret, body, Instant.now()));
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
                        hs.put("x-shopify-hmac-sha256", PlatformSignature.sign(h.demo.webhookSecret(), body));
                        hs.put("x-shopify-topic", "orders/create");
                    }
                    cases.add(new Case(routeKey, "bad signature", what, route.method(), path, hs, body, 0, null));
                });
                Map<String, String> stores = new LinkedHashMap<>();
                stores.put("unknown storefront", "no-such-store");
                stores.put("another seller's storefront", VICTIM_STORE);
                stores.put("an Amazon storefront", VICTIM_AMAZON);
                badIds("store").forEach((what, id) -> stores.put(what, id));
                stores.forEach((what, id) -> cases.add(new Case(routeKey, "bad storefront id", what, route.method(),
                        route.path().replace("{storefrontId}", id), signedHeaders(body), body, 0, null)));
            }

            // -- ids in the path: another seller's, unknown, traversal, injection, unicode, overlong
            Matcher params = Pattern.compile("\\{(orderId|rmaId|sku)}").matcher(route.path());
            while (params.find()) {
                String param = params.group(1);
                Map<String, String> ids = new LinkedHashMap<>();
                switch (param) {
                    case "orderId" -> {
                        ids.put("another seller's order", victimOrder);
                        ids.put("unknown order", "ord_" + "0".repeat(26));
                        badIds("order").forEach(ids::put);
                    }
                    case "rmaId" -> {
                        ids.put("another seller's RMA", victimRma);
                        ids.put("unknown RMA", "rma_" + "0".repeat(26));
                        badIds("rma").forEach(ids::put);
                    }
                    default -> {
                        if (!route.method().equals("PUT")) { // PUT creates the item: an unknown SKU is valid there
                            ids.put("unknown SKU", "NO-SUCH-SKU");
                        }
                        ids.put("SKU starting with a dash", "-MUG");
                        badIds("sku").forEach(ids::put);
                    }
                }
                byte[] body = valid == null ? null : json(valid);
                // the first three of each kind on every route, three of the rest in turn
                List<String> kinds = new ArrayList<>(ids.keySet());
                Set<String> chosen = new LinkedHashSet<>(kinds.subList(0, 3));
                for (int i = 0; i < 3; i++) {
                    chosen.add(kinds.get(3 + (routeIndex * 3 + i) % (kinds.size() - 3)));
                }
                for (String what : chosen) {
                    cases.add(new Case(routeKey, "bad " + param, what, route.method(),
                            fill(route.path(), spec, Map.of(param, ids.get(what))), headers("Bearer " + key, body != null),
                            body, 0, null));
                }
            }

            // -- query strings
            for (String q : spec.badQueries()) {
                String query = q.replace("__VICTIM_ORDER__", victimOrder).replace("__ORDER_A__", orderA);
                cases.add(new Case(routeKey, "bad query", query.length() > 60 ? query.substring(0, 60) + "..." : query,
                        route.method(), path + "?" + query, headers("Bearer " + key, false), null, 0, null));
            }

            // -- bodies
            if (hasBody) {
                cases.addAll(bodyCases(routeKey, route.method(), path, valid, spec, webhook, routeIndex));
            }
        }
        return cases;
    }

    private static List<Case> bodyCases(String routeKey, String method, String path, Map<String, Object> valid,
                                        Spec spec, boolean webhook, int routeIndex) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("truncated JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("two JSON objects", (new String(json(valid), StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8));
        String validText = jsonText(valid);
        String firstKey = valid.isEmpty() ? "a" : valid.keySet().iterator().next();
        bodies.put("a key given twice", ("{\"" + firstKey + "\":\"FRAUD\"," + validText.substring(1))
                .replace(",}", "}").getBytes(StandardCharsets.UTF_8));
        Map<String, String> more = new LinkedHashMap<>();
        more.put("single quotes", "{'reason':'OTHER'}");
        more.put("trailing comma", "{\"a\":1,}");
        more.put("JSON string", "\"text\"");
        more.put("JSON number", "42");
        more.put("JSON null", "null");
        more.put("form body", "a=1&b=2");
        String turn = new ArrayList<>(more.keySet()).get(routeIndex % more.size());
        bodies.put(turn, more.get(turn).getBytes(StandardCharsets.UTF_8));
        // invalid UTF-8 in a field with a format (a date, a SKU, a code), or where it breaks the JSON itself
        String strict = leaves(valid, "").entrySet().stream()
                .filter(e -> e.getValue() instanceof String && !spec.freeText().contains(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        byte[] badBytes = {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        if (strict != null) {
            String[] around = jsonText(replace(valid, strict, "__BAD_UTF8__")).split("__BAD_UTF8__", 2);
            bodies.put("invalid UTF-8 bytes in " + strict, concat(around[0].getBytes(StandardCharsets.UTF_8), badBytes,
                    around[1].getBytes(StandardCharsets.UTF_8)));
        } else {
            bodies.put("invalid UTF-8 bytes between the members", concat("{".getBytes(StandardCharsets.UTF_8), badBytes,
                    jsonText(valid).substring(1).getBytes(StandardCharsets.UTF_8)));
        }
        bodies.put("300 KB body", json(with(valid, "padding", "x".repeat(300 * 1024))));
        bodies.put("1000-deep arrays", ("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("60000-deep arrays, unclosed", "[".repeat(60_000).getBytes(StandardCharsets.UTF_8));
        String firstField = firstKey;
        bodies.put("1000-deep objects in " + firstField, jsonText(with(valid, firstField, "__NEST__"))
                .replace("\"__NEST__\"", "{\"a\":".repeat(1000) + "1" + "}".repeat(1000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("1000-deep arrays in " + firstField, jsonText(with(valid, firstField, "__NEST__"))
                .replace("\"__NEST__\"", "[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.UTF_8));
        if (valid.isEmpty()) { // a route that takes no body: an object with unknown members is no bad request
            bodies.keySet().removeIf(k -> k.endsWith(" in a"));
            bodies.put("a key given twice", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
        }
        // every field of the valid body made bad: wrong type, NUL or lone surrogate, injection where it is no free text
        int n = routeIndex;
        for (Map.Entry<String, Object> leaf : leaves(valid, "").entrySet()) {
            n++;
            String field = leaf.getKey();
            Object value = leaf.getValue();
            Object wrong = value instanceof String ? (Object) 12345 : value instanceof Number ? "12" : value instanceof Boolean
                    ? "yes" : "x";
            bodies.put("wrong type in " + field, json(replace(valid, field, wrong)));
            if (value instanceof String s) {
                if (n % 2 == 0) {
                    bodies.put("NUL in " + field, json(replace(valid, field, s + "\u0000x")));
                } else {
                    bodies.put("lone surrogate in " + field, jsonText(replace(valid, field, s + LONE))
                            .replace(LONE, "\\ud800").getBytes(StandardCharsets.UTF_8));
                }
                if (!spec.freeText().contains(field)) {
                    String injection = INJECTIONS.get(n % INJECTIONS.size());
                    bodies.put("injection in " + field + ": " + injection, json(replace(valid, field, injection)));
                }
            }
        }
        for (Map.Entry<String, Object> bad : spec.badBodies().entrySet()) {
            bodies.put(bad.getKey(), json(bad.getValue()));
        }
        List<Case> cases = new ArrayList<>();
        bodies.forEach((what, body) -> {
            Map<String, String> hs = webhook ? signedHeaders(body) : headers("Bearer " + key, true);
            if (what.equals("form body")) {
                hs.put("content-type", "application/x-www-form-urlencoded");
            }
            String category = what.startsWith("wrong type") ? "wrong type" : what.startsWith("NUL")
                    || what.startsWith("lone") || what.startsWith("invalid UTF") ? "unicode"
                    : what.startsWith("injection") ? "injection" : what.contains("deep") ? "deep nesting"
                    : what.startsWith("300 KB") ? "huge body" : spec.badBodies().containsKey(what) ? "bad field"
                    : "malformed JSON";
            cases.add(new Case(routeKey, category, what, method, path, hs, body, 0, null));
        });
        return cases;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
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

    private static String fill(String path, Spec spec, Map<String, String> override) {
        String target = spec.target() == null ? "A" : spec.target();
        String order = switch (target) {
            case "B", "RMA" -> orderB;
            case "C" -> orderC;
            default -> orderA;
        };
        return path.replace("{orderId}", override.getOrDefault("orderId", order))
                .replace("{rmaId}", override.getOrDefault("rmaId", rmaB))
                .replace("{sku}", override.getOrDefault("sku", "MUG-BLUE"))
                .replace("{storefrontId}", h.demo.storefrontId());
    }

    private static byte[] json(Object body) {
        return jsonText(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonText(Object body) {
        return body == null ? "" : Json.write(body);
    }

    private static Map<String, String> jsonHeaders(String auth) {
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("content-type", "application/json");
        if (auth != null) {
            hs.put("Authorization", auth);
        }
        return hs;
    }

    private static Map<String, String> headers(String auth, boolean json) {
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("Authorization", auth);
        if (json) {
            hs.put("content-type", "application/json");
        }
        return hs;
    }

    private static Map<String, String> signedHeaders(byte[] body) {
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("content-type", "application/json");
        hs.put(WebhookSignature.HEADER, RunnerHarness.sign(h.demo.webhookSecret(), body, Instant.now()));
        return hs;
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

    @Test
    @Order(3)
    void a_verified_order_delivery_with_bad_content_is_taken_as_an_order_never_refused() throws Exception {
        List<Case> taken = corpus().stream().filter(HostileInputIT::takenAndHeld).toList();
        List<String> refused = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Case c : taken) {
            Map<String, String> hs = new LinkedHashMap<>(c.headers());
            hs.put(WebhookSignature.HEADER, RunnerHarness.sign(h.demo.webhookSecret(), c.body(), Instant.now()));
            HttpResponse<String> r = h.send(c.method(), c.path(), hs, c.body());
            Object orderId = r.statusCode() == 202 ? Json.parseObject(r.body()).get("orderId") : null;
            if (orderId == null) {
                refused.add(c.category() + ": " + c.what() + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                continue;
            }
            String status = String.valueOf(Json.parseObject(h.call("GET", "/v1/orders/" + orderId, key, null).body())
                    .get("status"));
            statuses.merge(status, 1, Integer::sum);
        }
        System.out.println("[hostile] verified order deliveries with bad content: " + taken.size()
                + " taken, orders by status " + statuses);
        assertTrue(taken.size() >= 20, taken.size() + " cases");
        assertEquals(List.of(), refused, "verified deliveries refused or lost");
        assertTrue(statuses.getOrDefault("ON_HOLD", 0) > 0, "bad content is held: " + statuses);
    }

    @Test
    @Order(1)
    void every_route_answers_hostile_input_with_a_4xx_problem_and_writes_nothing() throws Exception {
        // A verified order delivery we can read is never refused for its content (docs/storefronts.md):
        // those cases are taken and held, checked by the next test, not here.
        List<Case> cases = corpus().stream().filter(c -> !takenAndHeld(c)).toList();
        Set<String> routes = new LinkedHashSet<>();
        h.runner.routes().stream().filter(r -> r.path().startsWith("/v1/") || r.path().startsWith("/webhooks/"))
                .forEach(r -> routes.add(r.method() + " " + r.path()));
        RunnerHarness.Fingerprint baseline = h.quiet();
        RunnerHarness.Fingerprint previous = baseline;
        long requestNanos = 0;
        long fingerprintNanos = 0;
        int fingerprints = 0;
        List<String> serverErrors = new ArrayList<>();
        List<String> wrongAnswers = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        Map<String, Integer> perRoute = new TreeMap<>();
        Map<String, Integer> perCategory = new TreeMap<>();
        Map<Integer, Integer> perStatus = new TreeMap<>();
        // The tables and queues are fingerprinted after every few requests of a route (a full fingerprint
        // takes ~150 ms); a change is reported with the requests that may have made it.
        List<String> sinceCheck = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            perRoute.merge(c.route(), 1, Integer::sum);
            perCategory.merge(c.category(), 1, Integer::sum);
            Map<String, String> hs = new LinkedHashMap<>(c.headers());
            if (!c.category().equals("bad signature") && hs.containsKey(WebhookSignature.HEADER)) {
                // signed now: a case built a minute ago would be refused as stale, for the wrong reason
                hs.put(WebhookSignature.HEADER, RunnerHarness.sign(h.demo.webhookSecret(), c.body(), Instant.now()));
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = h.send(c.method(), c.path(), hs, c.body());
            requestNanos += System.nanoTime() - t0;
            String label = c.route() + " [" + c.category() + ": " + c.what() + "] -> " + r.statusCode() + " "
                    + abbreviate(r.body());
            sinceCheck.add(label);
            perStatus.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500) {
                serverErrors.add(label);
            } else {
                String problem = checkAnswer(c, r);
                if (problem != null) {
                    wrongAnswers.add(label + " (" + problem + ")");
                }
            }
            boolean routeEnds = i == cases.size() - 1 || !cases.get(i + 1).route().equals(c.route());
            if (routeEnds || sinceCheck.size() == 12) {
                long t1 = System.nanoTime();
                RunnerHarness.Fingerprint now = h.fingerprint();
                fingerprintNanos += System.nanoTime() - t1;
                fingerprints++;
                if (!now.equals(previous)) {
                    writes.add(previous.differences(now) + " after one of: " + sinceCheck);
                    previous = h.quiet(); // let what it queued finish, so the next requests are judged on their own
                }
                sinceCheck.clear();
            }
        }
        RunnerHarness.Fingerprint after = h.quiet(); // anything a request queued has been processed by now
        List<String> late = baseline.differences(after);
        if (!late.isEmpty() && writes.isEmpty()) {
            writes.add("after the corpus, asynchronously: " + late);
        }

        System.out.println();
        System.out.println("[hostile] cases per route:");
        perRoute.forEach((route, n) -> System.out.printf("[hostile]   %-45s %4d%n", route, n));
        System.out.println("[hostile] cases per category: " + perCategory);
        System.out.println("[hostile] answers by status: " + perStatus);
        System.out.printf("[hostile] %.1f ms per request; %d fingerprints of every table and queue, %.0f ms each%n",
                requestNanos / 1e6 / cases.size(), fingerprints, fingerprintNanos / 1e6 / Math.max(1, fingerprints));
        System.out.printf("[hostile] %d requests over %d routes: %d x 5xx, %d not a 4xx problem, %d wrote anything%n",
                cases.size(), perRoute.size(), serverErrors.size(), wrongAnswers.size(), writes.size());
        serverErrors.forEach(e -> System.out.println("[hostile] 5xx: " + e));
        wrongAnswers.forEach(e -> System.out.println("[hostile] wrong answer: " + e));
        writes.forEach(e -> System.out.println("[hostile] wrote: " + e));

        assertEquals(routes, perRoute.keySet(), "every route of the template gets hostile cases");
        assertTrue(cases.size() >= 200, cases.size() + " cases");
        assertTrue(perRoute.values().stream().allMatch(n -> n >= 5), "at least 5 cases per route: " + perRoute);
        assertEquals(List.of(), serverErrors, "5xx answers");
        assertEquals(List.of(), wrongAnswers, "answers that are not a 4xx problem");
        assertEquals(List.of(), writes, "bad requests that wrote");
    }

    /** null when the answer is right for the case, else what is wrong with it. */
    private static String checkAnswer(Case c, HttpResponse<String> r) {
        int status = r.statusCode();
        String type = r.headers().firstValue("content-type").orElse("");
        if (status < 400 || status > 499) {
            return "not a 4xx";
        }
        if (c.gatewayMessage() != null) {
            if (status != c.gatewayStatus() || !type.startsWith("application/json")
                    || !r.body().equals("{\"message\":\"" + c.gatewayMessage() + "\"}")) {
                return "expected API Gateway's " + c.gatewayStatus() + " {\"message\":\"" + c.gatewayMessage() + "\"}";
            }
            return null;
        }
        if (!type.equals("application/problem+json")) {
            return "content-type " + type;
        }
        Map<String, Object> problem;
        try { // leniently: a detail may quote a NUL the request sent (escaped, as JSON must)
            problem = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(r.body());
        } catch (java.io.IOException | RuntimeException e) {
            return "body is not a JSON object";
        }
        if (!String.valueOf(problem.get("type")).startsWith("/problems/") || !(problem.get("title") instanceof String)
                || !(problem.get("status") instanceof Number n) || n.intValue() != status) {
            return "not an RFC 9457 problem";
        }
        if (r.body().contains("Exception") || r.body().contains("orderflow.") || r.body().contains("software.amazon")) {
            return "internals in the answer";
        }
        return null;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
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
}
