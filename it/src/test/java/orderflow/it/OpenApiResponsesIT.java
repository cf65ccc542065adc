package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation of docs/openapi.yaml called over HTTP through the local runner (the real handlers
 * and authorizer against the emulator), each response checked against the document: its status is
 * documented for the operation, its content type is one the document gives for that status, its
 * body validates against that content's schema (no undocumented members, {@link OpenApiSchemas}),
 * documented headers that are present validate, and a problem+json body's status is the HTTP status.
 * The last test fails naming each operation that got no validated success, no validated 4xx, or no
 * validated problem+json when it documents one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiResponsesIT {

    private static final String UNKNOWN_ORDER = "ord_00000000000000000000000000";

    private static RunnerHarness h;
    private static OpenApiSchemas spec;
    private static String key;
    private static String store;
    /** Operation -> statuses whose response was validated. */
    private static final Map<String, Set<Integer>> validated = new TreeMap<>();
    /** Operations with a validated problem+json 4xx. */
    private static final Set<String> problemValidated = new TreeSet<>();
    /** Where a response differs from the document. */
    private static final List<String> mismatches = new ArrayList<>();

    // orders by what they go through: A shipped in two parts, delivered, returned and refunded;
    // B canceled; C waits for a reply to a buyer message; H held, then released
    private static String orderA;
    private static String orderB;
    private static String orderC;
    private static String orderH;
    /** L gets a label bought (rates, purchase, tracking scan, void). */
    private static String orderL;
    private static final String EXT_A = "OAPI-A";
    private static final String EXT_C = "OAPI-C";

    @BeforeAll
    static void start() throws Exception {
        spec = OpenApiSchemas.load(java.nio.file.Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath().normalize());
        h = RunnerHarness.start();
        key = h.demo.apiKey();
        store = h.demo.storefrontId();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    // ------------------------------------------------------------------ requests, checked

    /** A response, checked against the document and recorded; the status must be the one the scenario expects. */
    private static Checked exchange(String operation, Map<String, String> pathParameters, String query,
                                    Map<String, String> headers, byte[] body, int expected) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = pathParameters.get(m.group(1));
            assertTrue(value != null, "no value for " + m.group(1) + " of " + operation);
            m.appendReplacement(path, Matcher.quoteReplacement(
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(path);
        if (query != null && !query.isEmpty()) {
            path.append('?').append(query);
        }
        HttpResponse<String> r = h.send(method, path.toString(), headers, body);
        Object json = check(operation, r);
        assertEquals(expected, r.statusCode(), operation + " " + path + " answered " + r.body());
        return new Checked(r, json);
    }

    record Checked(HttpResponse<String> response, Object json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return (Map<String, Object>) json;
        }

        String get(String member) {
            return String.valueOf(body().get(member));
        }
    }

    /** A /v1 call with the demo key, the body as JSON (null: none). */
    private static Checked api(String operation, Map<String, String> params, String query, Object body, int expected)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + key);
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return exchange(operation, params, query, headers, body == null ? null : Json.write(body)
                .getBytes(StandardCharsets.UTF_8), expected);
    }

    /** A storefront delivery to the demo storefront, signed now (unsigned: signed false). */
    private static Checked webhook(String operation, Object body, boolean signed, int expected) throws Exception {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signed) {
            headers.put(orderflow.shared.security.WebhookSignature.HEADER,
                    RunnerHarness.sign(h.demo.webhookSecret(), bytes, Instant.now()));
        }
        return exchange(operation, Map.of("storefrontId", store), null, headers, bytes, expected);
    }

    /** Checks the response against the document, records what was validated and returns its JSON body (or null). */
    private static Object check(String operation, HttpResponse<String> r) {
        int status = r.statusCode();
        String where = operation + " " + status;
        Map<String, Object> response = spec.response(operation, status);
        if (response == null) {
            mismatch(where + ": status not documented for the operation; body " + cut(r.body()));
            return null;
        }
        Map<String, Object> content = OpenApiSchemas.map(response.get("content"));
        String contentType = r.headers().firstValue("content-type").orElse("");
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Object json = null;
        int before = mismatches.size();
        if (content.isEmpty()) {
            if (!r.body().isEmpty()) {
                mismatch(where + ": the document declares no content, the response has " + contentType + " "
                        + cut(r.body()));
            }
        } else if (!content.containsKey(mediaType)) {
            mismatch(where + ": content type " + contentType + " is not among " + content.keySet());
        } else {
            Map<String, Object> schema = OpenApiSchemas.map(OpenApiSchemas.map(content.get(mediaType)).get("schema"));
            Object value = r.body();
            if (mediaType.endsWith("json")) {
                try {
                    json = value = OpenApiSchemas.parseJson(r.body());
                } catch (IllegalArgumentException e) {
                    mismatch(where + ": " + mediaType + " body is not JSON: " + e.getMessage());
                    return null;
                }
            }
            for (String error : spec.validate(schema, value)) {
                mismatch(where + " " + mediaType + " " + error);
            }
            if (mediaType.equals("application/problem+json")) {
                Object problemStatus = OpenApiSchemas.map(json).get("status");
                if (!(problemStatus instanceof Number n) || n.intValue() != status) {
                    mismatch(where + ": problem status " + problemStatus + " is not the HTTP status");
                }
                if (status >= 400 && status < 500) {
                    problemValidated.add(operation);
                }
            }
        }
        OpenApiSchemas.map(response.get("headers")).forEach((name, header) -> {
            Map<String, Object> h = OpenApiSchemas.map(header);
            var value = r.headers().firstValue(name);
            if (value.isEmpty()) {
                if (Boolean.TRUE.equals(h.get("required"))) {
                    mismatch(where + ": required header " + name + " is missing");
                }
                return;
            }
            Map<String, Object> schema = OpenApiSchemas.map(h.get("schema"));
            Object v = value.get();
            if ("integer".equals(schema.get("type"))) {
                try {
                    v = Long.parseLong(value.get());
                } catch (NumberFormatException e) {
                    // stays a string: the type check reports it
                }
            }
            for (String error : spec.validate(schema, v)) {
                mismatch(where + " header " + name + " " + error);
            }
        });
        if (mismatches.size() == before) {
            validated.computeIfAbsent(operation, k -> new TreeSet<>()).add(status);
        }
        return json;
    }

    private static void mismatch(String what) {
        System.out.println("[openapi] MISMATCH " + what);
        synchronized (mismatches) {
            mismatches.add(what);
        }
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    // ------------------------------------------------------------------ scenario helpers

    private static Map<String, Object> order(String externalOrderId, String total) throws Exception {
        Map<String, Object> order = new LinkedHashMap<>(Json.parseObject(java.nio.file.Files.readString(
                h.root.resolve("events/webhook-order-paid.json"))));
        order.put("externalOrderId", externalOrderId);
        order.put("createdAt", Instant.now().minusSeconds(60).toString());
        if (total != null) {
            order.put("total", total);
        }
        return order;
    }

    private static String place(String externalOrderId, String total, String status) throws Exception {
        Checked r = webhook("POST /webhooks/{storefrontId}", order(externalOrderId, total), true, 202);
        String orderId = r.get("orderId");
        awaitStatus(orderId, status);
        return orderId;
    }

    /** Polls GET /v1/orders/{orderId} (not recorded: it is validated on its own below). */
    private static void awaitStatus(String orderId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = h.call("GET", "/v1/orders/" + orderId, key, null);
            last = r.body();
            if (r.statusCode() == 200 && status.equals(Json.parseObject(r.body()).get("status"))) {
                return;
            }
            Thread.sleep(150);
        }
        throw new AssertionError(orderId + " never became " + status + ": " + last);
    }

    private static Map<String, String> id(String orderId) {
        return Map.of("orderId", orderId);
    }

    private static Map<String, Object> line(String sku, int quantity, String key, String value) {
        return Map.of("sku", sku, "quantity", quantity, key, value);
    }

    // ------------------------------------------------------------------ the operations

    @Test
    @Order(1)
    void storefront_order_deliveries() throws Exception {
        String op = "POST /webhooks/{storefrontId}";
        orderA = place(EXT_A, null, "UNSHIPPED");
        orderB = place("OAPI-B", null, "UNSHIPPED");
        orderC = place(EXT_C, null, "UNSHIPPED");
        orderH = place("OAPI-H", "99.99", "ON_HOLD"); // a total that does not add up is held
        orderL = place("OAPI-L", null, "UNSHIPPED");
        Checked again = webhook(op, order(EXT_A, null), true, 202);
        assertEquals(Boolean.TRUE, again.body().get("duplicate"));
        Checked ping = exchange(op, Map.of("storefrontId", "any-store"), null,
                Map.of("content-type", "application/x-www-form-urlencoded"),
                "webhook_id=42".getBytes(StandardCharsets.UTF_8), 200);
        assertEquals(null, ping.body().get("orderId"));
        webhook(op, order("OAPI-UNSIGNED", null), false, 401);
        exchange(op, Map.of("storefrontId", store), null, Map.of("content-type", "application/json",
                orderflow.shared.security.WebhookSignature.HEADER, "t=1,v1=00"), "{".getBytes(StandardCharsets.UTF_8),
                401);
    }

    @Test
    @Order(2)
    void reading_orders() throws Exception {
        api("GET /v1/orders", Map.of(), "limit=2", null, 200);
        api("GET /v1/orders", Map.of(), "status=ON_HOLD", null, 200);
        api("GET /v1/orders", Map.of(), "limit=0", null, 400);
        api("GET /v1/orders/{orderId}", id(orderA), null, null, 200);
        Checked raw = api("GET /v1/orders/{orderId}", id(orderH), "include=raw", null, 200);
        assertTrue(raw.body().containsKey("rawPayload"), raw.response().body());
        api("GET /v1/orders/{orderId}", id(UNKNOWN_ORDER), null, null, 404);
        api("GET /v1/orders/{orderId}", id(orderA), "include=everything", null, 400);
        api("GET /v1/orders/{orderId}/history", id(orderA), null, null, 200);
        api("GET /v1/orders/{orderId}/history", id(UNKNOWN_ORDER), null, null, 404);
        Checked csv = api("GET /v1/orders/export", Map.of(), "from=" + Instant.now().minusSeconds(3600), null, 200);
        assertTrue(csv.response().body().contains(EXT_A), csv.response().body());
        api("GET /v1/orders/export", Map.of(), null, null, 400);
    }

    @Test
    @Order(3)
    void acknowledge_release_and_cancel() throws Exception {
        api("POST /v1/orders/{orderId}/acknowledge", id(orderA), null, null, 200);
        api("POST /v1/orders/{orderId}/acknowledge", id(orderA), null, null, 200);
        api("POST /v1/orders/{orderId}/acknowledge", id(UNKNOWN_ORDER), null, null, 404);
        Checked released = api("POST /v1/orders/{orderId}/release", id(orderH), null, Map.of("acceptTotals", true), 200);
        assertTrue(Set.of("READY", "UNSHIPPED").contains(released.get("status")), released.response().body());
        api("POST /v1/orders/{orderId}/release", id(orderA), null, Map.of("acceptTotals", true), 409);
        api("POST /v1/orders/{orderId}/release", id(UNKNOWN_ORDER), null, Map.of(), 404);
        Map<String, Object> cancel = Map.of("reason", "OUT_OF_STOCK", "note", "Sorry, the last one broke.");
        api("POST /v1/orders/{orderId}/cancel", id(orderB), null, Map.of("reason", "BORED"), 400);
        api("POST /v1/orders/{orderId}/cancel", id(orderB), null, cancel, 200);
        Checked repeat = api("POST /v1/orders/{orderId}/cancel", id(orderB), null, cancel, 200);
        assertEquals(Boolean.FALSE, repeat.body().get("changed"));
        api("POST /v1/orders/{orderId}/cancel", id(UNKNOWN_ORDER), null, cancel, 404);
    }

    @Test
    @Order(3)
    void bulk_actions() throws Exception {
        Checked bulk = api("POST /v1/orders/bulk-actions", Map.of(), null,
                Map.of("action", "acknowledge", "orderIds", List.of(orderA, UNKNOWN_ORDER)), 200);
        // orderA: done or unchanged (the single acknowledge may have come first); the unknown one: its 404
        assertEquals(1, ((Map<?, ?>) bulk.body().get("counts")).get("failed"), bulk.response().body());
        api("POST /v1/orders/bulk-actions", Map.of(), null, Map.of("action", "cancel", "orderIds", List.of(orderA)), 400);
    }

    @Test
    @Order(4)
    void the_warehouse() throws Exception {
        awaitStatus(orderH, "UNSHIPPED");
        Checked picks = api("GET /v1/picklist", Map.of(), null, null, 200);
        assertTrue(((Number) picks.body().get("orders")).intValue() >= 3, picks.response().body());
        api("GET /v1/picklist", Map.of(), "orders=" + orderA + "," + orderC, null, 200);
        api("GET /v1/picklist", Map.of(), "status=SHIPPED", null, 400);
        Checked slip = api("GET /v1/orders/{orderId}/packing-slip", id(orderA), null, null, 200);
        assertTrue(slip.response().body().contains(EXT_A), slip.response().body());
        Checked pdf = api("GET /v1/orders/{orderId}/packing-slip", id(orderA), "format=pdf&pageSize=4x6", null, 200);
        assertTrue(pdf.response().body().startsWith("%PDF-"), "a PDF, decoded from the base64 payload");
        api("GET /v1/orders/{orderId}/packing-slip", id(orderA), "format=docx", null, 400);
        Checked pickPdf = api("GET /v1/picklist", Map.of(), "format=pdf&pageSize=A4", null, 200);
        assertTrue(pickPdf.response().body().startsWith("%PDF-"));
        api("GET /v1/picklist", Map.of(), "format=pdf&pageSize=A5", null, 400);
        api("GET /v1/orders/{orderId}/packing-slip", id(orderB), null, null, 409); // canceled
        api("GET /v1/orders/{orderId}/packing-slip", id(UNKNOWN_ORDER), null, null, 404);
        Checked failed = api("POST /v1/orders/{orderId}/pack-checks", id(orderA), null,
                Map.of("scans", List.of("MUG-BLUE", "POSTER-A2")), 200);
        assertEquals(Boolean.FALSE, failed.body().get("passed"));
        Checked passed = api("POST /v1/orders/{orderId}/pack-checks", id(orderA), null,
                Map.of("scans", List.of("MUG-BLUE", "MUG-BLUE", "TEE-BLACK-L")), 200);
        assertEquals(Boolean.TRUE, passed.body().get("passed"));
        api("POST /v1/orders/{orderId}/pack-checks", id(orderA), null, Map.of("scans", List.of()), 400);
        api("POST /v1/orders/{orderId}/pack-checks", id(orderB), null, Map.of("scans", List.of("MUG-BLUE")), 409);
    }

    @Test
    @Order(5)
    void shipping_and_delivery() throws Exception {
        String ship = "POST /v1/orders/{orderId}/shipments";
        Map<String, Object> first = Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                "shipDate", Instant.now().toString(), "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1)));
        api(ship, id(orderA), null, first, 201);
        Checked repeat = api(ship, id(orderA), null, first, 200);
        assertEquals(Boolean.FALSE, repeat.body().get("changed"));
        Checked rest = api(ship, id(orderA), null, Map.of("carrier", "Local courier", "trackingNumber", "LC-42",
                "shipDate", Instant.now().toString()), 201);
        assertEquals("SHIPPED", rest.get("status"));
        api(ship, id(orderB), null, first, 409); // canceled: illegal-transition
        api(ship, id(orderC), null, Map.of("carrier", "UPS", "shipDate", Instant.now().toString()), 400);
        api(ship, id(UNKNOWN_ORDER), null, first, 404);

        String delivery = "POST /v1/orders/{orderId}/delivery";
        Checked delivered = api(delivery, id(orderA), null, Map.of("deliveredAt", Instant.now().toString()), 200);
        assertEquals("DELIVERED", delivered.get("status"));
        Checked again = api(delivery, id(orderA), null, Map.of("deliveredAt", Instant.now().toString()), 200);
        assertEquals(Boolean.FALSE, again.body().get("changed"));
        api(delivery, id(orderA), null, Map.of(), 400);
        api(delivery, id(orderB), null, Map.of("deliveredAt", Instant.now().toString()), 409);
        api(delivery, id(UNKNOWN_ORDER), null, Map.of("deliveredAt", Instant.now().toString()), 404);
    }

    @Test
    @Order(6)
    void returns_and_refunds() throws Exception {
        api("GET /v1/return-policy", Map.of(), null, null, 200);
        Map<String, Object> policy = Map.of("windowDays", 30, "restockingFeePercent", 10,
                "returnShippingPayer", "BUYER", "returnShippingMinor", 500, "nonReturnableSkus", List.of("GIFT-CARD"));
        api("PUT /v1/return-policy", Map.of(), null, policy, 200);
        api("PUT /v1/return-policy", Map.of(), null, Map.of("windowDays", 366), 400);

        String create = "POST /v1/orders/{orderId}/returns";
        Map<String, Object> oneMug = Map.of("lines", List.of(line("MUG-BLUE", 1, "reason", "NO_LONGER_NEEDED")),
                "requestId", "rma-oapi-1");
        Checked rma = api(create, id(orderA), null, oneMug, 201);
        assertEquals(rma.get("rmaId"), api(create, id(orderA), null, oneMug, 200).get("rmaId"));
        api(create, id(orderA), null, Map.of("lines", List.of(line("MUG-BLUE", 5, "reason", "DAMAGED"))), 422);
        api(create, id(orderC), null, Map.of("lines", List.of(line("MUG-BLUE", 1, "reason", "DAMAGED"))), 422);
        api(create, id(orderA), null, Map.of("lines", List.of()), 400);
        api(create, id(UNKNOWN_ORDER), null, Map.of("lines", List.of(line("MUG-BLUE", 1, "reason", "DAMAGED"))), 404);

        String storefront = "POST /webhooks/{storefrontId}/returns";
        Map<String, Object> request = Map.of("returnId", "r-oapi-1", "externalOrderId", EXT_A,
                "lines", List.of(line("TEE-BLACK-L", 1, "reason", "DEFECTIVE")));
        Checked first = webhook(storefront, request, true, 201);
        Checked redelivered = webhook(storefront, request, true, 200);
        assertEquals(first.get("rmaId"), redelivered.get("rmaId"));
        webhook(storefront, Map.of("returnId", "r-oapi-2", "externalOrderId", "NO-SUCH-ORDER",
                "lines", List.of(line("TEE-BLACK-L", 1, "reason", "DEFECTIVE"))), true, 404);
        webhook(storefront, Map.of("returnId", "r-oapi-3", "externalOrderId", EXT_A,
                "lines", List.of(line("TEE-BLACK-L", 9, "reason", "DEFECTIVE"))), true, 422);
        webhook(storefront, Map.of("externalOrderId", EXT_A), true, 400);
        webhook(storefront, request, false, 401);

        String receive = "POST /v1/returns/{rmaId}/receive";
        Map<String, Object> received = Map.of("lines", List.of(line("MUG-BLUE", 1, "condition", "SELLABLE")));
        api(receive, Map.of("rmaId", first.get("rmaId")), null,
                Map.of("lines", List.of(line("TEE-BLACK-L", 2, "condition", "DAMAGED"))), 422);
        api(receive, Map.of("rmaId", rma.get("rmaId")), null, received, 201);
        Checked same = api(receive, Map.of("rmaId", rma.get("rmaId")), null, received, 200);
        assertEquals(Boolean.FALSE, same.body().get("changed"));
        api(receive, Map.of("rmaId", rma.get("rmaId")), null, Map.of("lines", List.of()), 400);
        api(receive, Map.of("rmaId", "rma_nope"), null, received, 404);

        api("GET /v1/orders/{orderId}/returns", id(orderA), null, null, 200);
        api("GET /v1/orders/{orderId}/returns", id(UNKNOWN_ORDER), null, null, 404);
        api("GET /v1/returns", Map.of(), null, null, 200);
        api("GET /v1/returns", Map.of(), "status=RECEIVED&limit=1", null, 200);
        api("GET /v1/returns", Map.of(), "status=BOGUS", null, 400);

        String refund = "POST /v1/orders/{orderId}/refunds";
        Map<String, Object> goodwill = Map.of("amount", Map.of("amount", "1.50", "currency", "USD"),
                "reason", "late delivery", "requestId", "req-oapi-1");
        api(refund, id(orderA), null, goodwill, 201);
        Checked twice = api(refund, id(orderA), null, goodwill, 200);
        assertEquals(Boolean.FALSE, twice.body().get("changed"));
        api(refund, id(orderA), null, Map.of("amount", Map.of("amount", "900.00", "currency", "USD"),
                "reason", "too much", "requestId", "req-oapi-2"), 422);
        api(refund, id(orderA), null, Map.of("amount", 1.5, "reason", "x", "requestId", "req-oapi-3"), 400);
        api(refund, id(UNKNOWN_ORDER), null, goodwill, 404);
        api("GET /v1/orders/{orderId}/refunds", id(orderA), null, null, 200);
        api("GET /v1/orders/{orderId}/refunds", id(UNKNOWN_ORDER), null, null, 404);
    }

    @Test
    @Order(7)
    void buyer_messages() throws Exception {
        String incoming = "POST /webhooks/{storefrontId}/messages";
        Map<String, Object> message = Map.of("externalOrderId", EXT_C, "messageId", "m-oapi-1",
                "body", "Can it ship before Friday?", "sentAt", Instant.now().minusSeconds(600).toString());
        webhook(incoming, message, true, 202);
        Checked again = webhook(incoming, message, true, 202);
        assertEquals(Boolean.TRUE, again.body().get("duplicate"));
        webhook(incoming, Map.of("externalOrderId", "NO-SUCH-ORDER", "messageId", "m-2", "body", "hi"), true, 404);
        webhook(incoming, Map.of("externalOrderId", EXT_C, "messageId", "m-3", "body", "  "), true, 400);
        webhook(incoming, message, false, 401);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) { // the AwaitingReply index can lag a moment
            Checked threads = api("GET /v1/messages", Map.of(), null, null, 200);
            if (threads.response().body().contains(orderC) || System.nanoTime() > deadline) {
                assertTrue(threads.response().body().contains(orderC), threads.response().body());
                break;
            }
            Thread.sleep(200);
        }
        api("GET /v1/messages", Map.of(), "awaitingReply=false", null, 400);
        api("GET /v1/orders/{orderId}/messages", id(orderC), null, null, 200);
        api("GET /v1/orders/{orderId}/messages", id(UNKNOWN_ORDER), null, null, 404);
        String reply = "POST /v1/orders/{orderId}/messages";
        Checked sent = api(reply, id(orderC), null, Map.of("body", "Yes, it leaves tomorrow."), 201);
        assertTrue(sent.body().containsKey("responseSeconds"), sent.response().body());
        api(reply, id(orderC), null, Map.of("body", " "), 400);
        api(reply, id(UNKNOWN_ORDER), null, Map.of("body", "hello"), 404);
    }

    @Test
    @Order(8)
    void stock() throws Exception {
        api("GET /v1/inventory", Map.of(), null, null, 200);
        api("GET /v1/inventory", Map.of(), "lowStock=true", null, 200);
        api("GET /v1/inventory", Map.of(), "limit=0", null, 400);
        String count = "PUT /v1/inventory/{sku}";
        Checked item = api(count, Map.of("sku", "LAMP-OAPI"), null, Map.of("onHand", 3, "lowStockThreshold", 5,
                "binLocation", "B-02-1", "barcode", "0012345678905", "weightGrams", 1200,
                "box", Map.of("lengthMm", 400, "widthMm", 250, "heightMm", 250)), 200);
        assertEquals(1200, ((Number) item.body().get("weightGrams")).intValue());
        assertEquals(Boolean.TRUE, item.body().get("lowStock"));
        api(count, Map.of("sku", "LAMP-OAPI"), null, Map.of("onHand", -1), 400);
        String adjust = "POST /v1/inventory/{sku}/adjustments";
        api(adjust, Map.of("sku", "MUG-BLUE"), null, Map.of("delta", 4, "reason", "received PO 1042"), 200);
        api(adjust, Map.of("sku", "MUG-BLUE"), null, Map.of("delta", 0, "reason", "nothing"), 400);
        api(adjust, Map.of("sku", "NO-SUCH-SKU"), null, Map.of("delta", 1, "reason", "found"), 404);
        api("GET /v1/inventory/{sku}", Map.of("sku", "MUG-BLUE"), null, null, 200);
        api("GET /v1/inventory/{sku}", Map.of("sku", "NO-SUCH-SKU"), null, null, 404);
        api("GET /v1/inventory/{sku}", Map.of("sku", "-bad-"), null, null, 400);
    }

    @Test
    @Order(9)
    void retrying_a_platform_sync() throws Exception {
        // A sync the platform refused, as the sync function leaves it (the demo store has no platform link,
        // so none is written by the actions above).
        String syncId = Fixtures.failedSync(h.dynamo, h.ref("ChannelSyncsTable"), orderA, store);
        String retry = "POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry";
        Checked again = api(retry, Map.of("orderId", orderA, "syncId", syncId), null, null, 202);
        assertEquals("PENDING", again.get("status"));
        assertEquals(Boolean.TRUE, again.body().get("changed"));
        api(retry, Map.of("orderId", orderA, "syncId", "sync_00000000000000000000000000"), null, null, 404);
        api(retry, Map.of("orderId", UNKNOWN_ORDER, "syncId", syncId), null, null, 404);
    }

    @Test
    @Order(9)
    @SuppressWarnings("unchecked")
    void shipping_labels() throws Exception {
        String rates = "POST /v1/orders/{orderId}/rates";
        Map<String, Object> parcel = Map.of("weightGrams", 900, "box", Map.of("lengthMm", 300, "widthMm", 200,
                "heightMm", 100));
        // The local runner gives the demo seller an account at its own EasyPost fake: without one, not-set-up.
        h.dynamo.deleteItem(d -> d.tableName(h.ref("AccountsTable")).key(Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CARRIER#" + h.demo.sellerId()
                        + "#easypost"))));
        api(rates, id(orderL), null, parcel, 409);
        try (orderflow.local.carriers.FakeEasyPost easyPost = new orderflow.local.carriers.FakeEasyPost()) {
            String secret = "whsec-oapi";
            Fixtures.carrierAccount(h.admin(), h.demo.sellerId(), easyPost.baseUrl(),
                    orderflow.local.carriers.FakeEasyPost.API_KEY, secret);
            Checked quote = api(rates, id(orderL), null, parcel, 201);
            api(rates, id(orderL), null, Map.of("weightGrams", 0), 400);
            api(rates, id(UNKNOWN_ORDER), null, parcel, 404);

            String buy = "POST /v1/orders/{orderId}/labels";
            Map<String, Object> rate = ((List<Map<String, Object>>) quote.body().get("rates")).get(0);
            Map<String, Object> purchase = Map.of("quoteId", quote.get("quoteId"), "rateId", rate.get("rateId"));
            Checked bought = api(buy, id(orderL), null, purchase, 201);
            Checked again = api(buy, id(orderL), null, purchase, 200);
            assertEquals(Boolean.FALSE, again.body().get("changed"));
            api(buy, id(orderL), null, Map.of("quoteId", "shp_nope", "rateId", "rate_nope"), 400);
            api(buy, id(UNKNOWN_ORDER), null, purchase, 404);
            api("GET /v1/orders/{orderId}/labels", id(orderL), null, null, 200);
            api("GET /v1/orders/{orderId}/labels", id(UNKNOWN_ORDER), null, null, 404);

            Map<String, Object> label = (Map<String, Object>) bought.body().get("label");
            String tracking = "POST /tracking-events/{provider}/{sellerId}";
            byte[] event = Json.write(Map.of("object", "Event", "id", "evt_oapi", "description", "tracker.updated",
                    "result", Map.of("object", "Tracker", "id", "trk_oapi", "tracking_code", label.get("trackingNumber"),
                            "status", "pre_transit", "tracking_details", List.of(Map.of("object", "TrackingDetail",
                                    "status", "pre_transit", "message", "Label created",
                                    "datetime", Instant.now().toString()))))).getBytes(StandardCharsets.UTF_8);
            Map<String, String> path = Map.of("provider", "easypost", "sellerId", h.demo.sellerId());
            exchange(tracking, path, null, Map.of("content-type", "application/json", "X-Hmac-Signature",
                    orderflow.local.carriers.FakeEasyPost.signature(secret, event)), event, 200);
            exchange(tracking, path, null, Map.of("content-type", "application/json", "X-Hmac-Signature",
                    "hmac-sha256-hex=" + "0".repeat(64)), event, 401);

            String voids = "POST /v1/orders/{orderId}/labels/{labelId}/void";
            Checked voided = api(voids, Map.of("orderId", orderL, "labelId", (String) label.get("labelId")), null, null,
                    200);
            assertEquals("VOIDED", ((Map<String, Object>) voided.body().get("label")).get("status"));
            api(voids, Map.of("orderId", orderL, "labelId", "lbl_000000000000000000000000"), null, null, 404);
        }
    }

    @Test
    @Order(9)
    void metrics() throws Exception {
        api("GET /v1/metrics", Map.of(), null, null, 200);
        api("GET /v1/metrics", Map.of(), "window=7", null, 200);
        api("GET /v1/metrics", Map.of(), "window=0", null, 400);
    }

    @Test
    @Order(9)
    void seller_settings() throws Exception {
        Map<String, Object> before = api("GET /v1/settings", Map.of(), null, null, 200).body();
        api("PATCH /v1/settings", Map.of(), null, Map.of("handlingDays", before.get("handlingDays"),
                "workingDays", before.get("workingDays")), 200);
        api("PATCH /v1/settings", Map.of(), null, Map.of("cutoff", "25:00"), 400);
    }

    @Test
    @Order(10)
    void the_dashboard() throws Exception {
        Checked page = exchange("GET /", Map.of(), null, Map.of(), null, 200);
        String etag = page.response().headers().firstValue("etag").orElseThrow();
        exchange("GET /", Map.of(), null, Map.of("If-None-Match", etag), null, 304);
        for (String file : List.of("main.js", "style.css", "favicon.svg")) {
            exchange("GET /app/{file}", Map.of("file", file), null, Map.of(), null, 200);
        }
        exchange("GET /app/{file}", Map.of("file", "nope.js"), null, Map.of(), null, 404);
    }

    @Test
    @Order(10)
    void uploads() throws Exception {
        byte[] file = "sku,quantity\nOAPI-UPLOAD,4\n".getBytes(StandardCharsets.UTF_8);
        String create = "POST /v1/uploads";
        Checked created = api(create, Map.of(), null, Map.of("kind", "stock-counts", "fileName", "counts.csv",
                "sizeBytes", file.length), 201);
        api(create, Map.of(), null, Map.of("kind", "labels", "fileName", "counts.csv", "sizeBytes", 1), 400);
        String uploadId = created.get("uploadId");
        String process = "POST /v1/uploads/{uploadId}/process";
        api(process, Map.of("uploadId", uploadId), null, null, 409);
        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(created.get("uploadUrl"))).PUT(java.net.http.HttpRequest.BodyPublishers
                        .ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        api(process, Map.of("uploadId", uploadId), null, null, 202);
        api(process, Map.of("uploadId", "upl_" + "0".repeat(27)), null, null, 404);
        String get = "GET /v1/uploads/{uploadId}";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Checked read = api(get, Map.of("uploadId", uploadId), null, null, 200);
        while (!"DONE".equals(read.get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            read = api(get, Map.of("uploadId", uploadId), null, null, 200);
        }
        assertEquals("DONE", read.get("status"), read.response().body());
        assertEquals("1", read.get("accepted"));
        api(get, Map.of("uploadId", "upl_" + "0".repeat(27)), null, null, 404);
        api("GET /v1/uploads", Map.of(), null, null, 200);
    }

    @Test
    @Order(11)
    void every_seller_route_refuses_a_missing_and_an_unknown_key() throws Exception {
        for (String operation : spec.operations()) {
            Object security = spec.operation(operation).get("security");
            if (security instanceof List<?> l && l.isEmpty()) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(operation);
            while (m.find()) {
                params.put(m.group(1), "x");
            }
            exchange(operation, params, null, Map.of(), null, 401);
            exchange(operation, params, null, Map.of("Authorization", "Bearer ofk_" + "A".repeat(43)), null, 403);
        }
    }

    @Test
    @Order(100)
    void every_operation_had_a_success_and_an_error_validated_and_nothing_differed_from_the_document() {
        List<String> uncovered = new ArrayList<>();
        int statuses = 0;
        for (String operation : spec.operations()) {
            Set<Integer> seen = validated.getOrDefault(operation, Set.of());
            statuses += seen.size();
            Map<String, Object> documented = OpenApiSchemas.map(spec.operation(operation).get("responses"));
            if (seen.stream().noneMatch(s -> s >= 200 && s < 300)) {
                uncovered.add(operation + ": no success response validated");
            }
            boolean documents4xx = documented.keySet().stream().anyMatch(s -> s.startsWith("4"));
            if (documents4xx && seen.stream().noneMatch(s -> s >= 400 && s < 500)) {
                uncovered.add(operation + ": no 4xx response validated");
            }
            boolean documentsProblem = documented.entrySet().stream().anyMatch(e -> e.getKey().startsWith("4")
                    && OpenApiSchemas.map(spec.deref(OpenApiSchemas.map(e.getValue())).get("content"))
                    .containsKey("application/problem+json"));
            if (documentsProblem && !problemValidated.contains(operation)) {
                uncovered.add(operation + ": no problem+json 4xx validated");
            }
        }
        System.out.printf("[openapi] %d operations, %d (operation, status) pairs validated: %s%n",
                spec.operations().size(), statuses, validated);
        assertEquals(List.of(), mismatches, "responses that differ from docs/openapi.yaml");
        assertEquals(List.of(), uncovered, "operations of docs/openapi.yaml not covered");
    }
}
