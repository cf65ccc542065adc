package orderflow.it.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.it.fakes.FakeShopifyAdmin.Outcome;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives {@link FakeShopifyAdmin} over HTTP the way a Shopify Admin GraphQL client would. */
class FakeShopifyAdminTest {

    private static final String V = "2026-10";
    private static final String ORDER = "gid://shopify/Order/1001";
    private static final String FO = "gid://shopify/FulfillmentOrder/501";
    private static final String FO_LINE_A = "gid://shopify/FulfillmentOrderLineItem/701";
    private static final String FO_LINE_B = "gid://shopify/FulfillmentOrderLineItem/702";
    private static final String LOCATION = "gid://shopify/Location/1";

    private static final String FULFILLMENT_ORDERS = """
            query FulfillmentOrders($id: ID!) {
              order(id: $id) {
                fulfillmentOrders(first: 5) {
                  nodes { id status lineItems(first: 10) { nodes { id remainingQuantity lineItem { id sku } } } }
                }
              }
            }""";

    private static final String FULFILL = """
            mutation Fulfill($fulfillment: FulfillmentInput!, $message: String) {
              fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
                fulfillment { id status trackingInfo(first: 10) { company number url } }
                userErrors { field message }
              }
            }""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeShopifyAdmin shop;
    private FakeShopifyAdmin.ManualClock clock;

    @BeforeEach
    void seed() throws IOException {
        shop = new FakeShopifyAdmin();
        clock = new FakeShopifyAdmin.ManualClock();
        shop.setClock(clock);
        shop.addLocation(1, "Main warehouse");
        shop.addInventoryLevel(9001, 1, 10);
        shop.addOrder(1001).name("#1001")
                .lineItem(1, "SKU-A", 2, "10.00", 9001L)
                .lineItem(2, "SKU-B", 1, "5.00")
                .transaction(3001, "SALE", "shopify_payments", "25.00")
                .shipping("5.00")
                .fulfillmentOrderForAllLines(501, 1, 701);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    // ------------------------------------------------------------------ HTTP, auth, versions

    @Test
    void refusesAMissingOrWrongAccessToken() throws Exception {
        HttpResponse<String> none = post(V, null, "{ location { id } }", Map.of());
        assertEquals(401, none.statusCode());
        assertEquals("[API] Invalid API key or access token (unrecognized login or wrong password)",
                Json.parseObject(none.body()).get("errors"));
        assertEquals(401, post(V, "shpat_wrong", "{ location { id } }", Map.of()).statusCode());
        assertEquals(200, post(V, shop.accessToken(), "{ location { id } }", Map.of()).statusCode());
        assertEquals(List.of(Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED, Outcome.OK),
                shop.calls().stream().map(FakeShopifyAdmin.Call::outcome).toList());
    }

    @Test
    void retiredVersionsFallForwardAndUnknownOnesAreNotFound() throws Exception {
        HttpResponse<String> retired = post("2024-01", shop.accessToken(), "{ location { name } }", Map.of());
        assertEquals(200, retired.statusCode());
        assertEquals("2026-01", retired.headers().firstValue("X-Shopify-API-Version").orElseThrow());
        assertEquals(404, post("v1", shop.accessToken(), "{ location { name } }", Map.of()).statusCode());
        assertEquals(404, post("2031-01", shop.accessToken(), "{ location { name } }", Map.of()).statusCode());
        HttpResponse<String> current = post(V, shop.accessToken(), "{ location { name } }", Map.of());
        assertEquals(V, current.headers().firstValue("X-Shopify-API-Version").orElseThrow());
    }

    @Test
    void speaksGraphqlOverHttpAsTheChangelogDescribes() throws Exception {
        HttpRequest bare = HttpRequest.newBuilder(URI.create(shop.graphqlUrl(V)))
                .header("Content-Type", "application/graphql").header("X-Shopify-Access-Token", shop.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString("{ location { id } }")).build();
        assertEquals(400, http.send(bare, HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpRequest strict = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/admin/api/" + V + "/graphql"))
                .header("Content-Type", "application/json").header("X-Shopify-Access-Token", shop.accessToken())
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ location { nope } }\"}")).build();
        HttpResponse<String> refused = http.send(strict, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/graphql-response+json"));
        // the same on /graphql.json stays 200 (application/json)
        assertEquals(200, post(V, shop.accessToken(), "{ location { nope } }", Map.of()).statusCode());

        HttpResponse<String> deprecated = post(V, shop.accessToken(), """
                mutation($f: FulfillmentV2Input!) { fulfillmentCreateV2(fulfillment: $f) { userErrors { message } } }""",
                Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO)))));
        assertEquals("Mutation.fulfillmentCreateV2",
                deprecated.headers().firstValue("X-Shopify-API-Deprecated-Reason").orElseThrow());
        assertEquals("fulfillmentCreateV2", shop.fulfillments().get(0).mutation());
        assertEquals(List.of("Mutation.fulfillmentCreateV2"), shop.callsTo("fulfillmentCreateV2").get(0).deprecations());
    }

    // ------------------------------------------------------------------ queries

    @Test
    void readsFulfillmentOrdersAsNodesAndAsEdgesWithCost() throws Exception {
        Map<String, Object> r = gql(FULFILLMENT_ORDERS, Map.of("id", ORDER));
        List<Map<String, Object>> fos = list(get(r, "data.order.fulfillmentOrders.nodes"));
        assertEquals(1, fos.size());
        assertEquals(FO, fos.get(0).get("id"));
        assertEquals("OPEN", fos.get(0).get("status"));
        List<Map<String, Object>> lines = list(get(fos.get(0), "lineItems.nodes"));
        assertEquals(FO_LINE_A, lines.get(0).get("id"));
        assertEquals(2, lines.get(0).get("remainingQuantity"));
        assertEquals(Map.of("id", "gid://shopify/LineItem/1", "sku", "SKU-A"), lines.get(0).get("lineItem"));
        // order 1 + connection 2 + 5 x (node 1 + connection 2 + 10 x (node 1 + lineItem 1)) = 118; actual uses 1 FO, 2 lines
        assertEquals(118, get(r, "extensions.cost.requestedQueryCost"));
        assertEquals(10, get(r, "extensions.cost.actualQueryCost"));
        assertEquals(2000.0, ((Number) get(r, "extensions.cost.throttleStatus.maximumAvailable")).doubleValue());
        assertEquals(1990, get(r, "extensions.cost.throttleStatus.currentlyAvailable"));
        assertEquals(100.0, ((Number) get(r, "extensions.cost.throttleStatus.restoreRate")).doubleValue());

        Map<String, Object> edges = gql("""
                query { order(id: "gid://shopify/Order/1001") {
                  fulfillmentOrders(first: 1) { edges { cursor node { id lineItems(first: 1) { edges { node { id } } pageInfo { hasNextPage } } } } } } }""",
                Map.of());
        Map<String, Object> edge = list(get(edges, "data.order.fulfillmentOrders.edges")).get(0);
        assertNotNull(edge.get("cursor"));
        assertEquals(FO, get(edge, "node.id"));
        assertEquals(FO_LINE_A, get(list(get(edge, "node.lineItems.edges")).get(0), "node.id"));
        assertEquals(true, get(edge, "node.lineItems.pageInfo.hasNextPage"));
        assertNull(get(gql("query($id: ID!) { order(id: $id) { id } }", Map.of("id", "gid://shopify/Order/4040")),
                "data.order"));
    }

    @Test
    void refusesWhatTheSchemaDoesNotHaveWithoutExecuting() throws Exception {
        Map<String, Object> unknownField = gql("{ order(id: \"gid://shopify/Order/1001\") { fulfillmentOrders(first: 1) "
                + "{ nodes { id trackingNumber } } } }", Map.of());
        assertNull(unknownField.get("data"));
        Map<String, Object> err = list(unknownField.get("errors")).get(0);
        assertEquals("Field 'trackingNumber' doesn't exist on type 'FulfillmentOrder'", err.get("message"));
        assertEquals("undefinedField", get(err, "extensions.code"));

        Map<String, Object> noFirst = gql("{ order(id: \"gid://shopify/Order/1001\") { fulfillmentOrders { nodes { id } } } }",
                Map.of());
        assertEquals("you must provide one of first or last", list(noFirst.get("errors")).get(0).get("message"));

        Map<String, Object> wrongMutation = gql("mutation { fulfillmentCreateV3(fulfillment: {lineItemsByFulfillmentOrder: []}) "
                + "{ userErrors { message } } }", Map.of());
        assertEquals("Field 'fulfillmentCreateV3' doesn't exist on type 'Mutation'",
                list(wrongMutation.get("errors")).get(0).get("message"));

        Map<String, Object> mismatch = gql("""
                mutation($f: FulfillmentV2Input!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }""",
                Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO)))));
        assertEquals("variableMismatch", get(list(mismatch.get("errors")).get(0), "extensions.code"));

        Map<String, Object> parse = gql("query { order(id: \"x\") { id }", Map.of());
        assertTrue(((String) list(parse.get("errors")).get(0).get("message")).contains("end of document"));
        assertTrue(shop.fulfillments().isEmpty());
    }

    // ------------------------------------------------------------------ fulfillmentCreate

    @Test
    void fulfillmentCreateRecordsTrackingAndReducesRemainingQuantities() throws Exception {
        Map<String, Object> input = Map.of(
                "lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO,
                        "fulfillmentOrderLineItems", List.of(Map.of("id", FO_LINE_A, "quantity", 1)))),
                "trackingInfo", Map.of("company", "UPS", "number", "1Z999AA10123456784",
                        "url", "https://www.ups.com/track?tracknum=1Z999AA10123456784"),
                "notifyCustomer", true);
        Map<String, Object> r = gql(FULFILL, Map.of("fulfillment", input, "message", "Shipped today"));
        assertEquals(List.of(), get(r, "data.fulfillmentCreate.userErrors"));
        assertEquals("SUCCESS", get(r, "data.fulfillmentCreate.fulfillment.status"));
        assertEquals(List.of(Map.of("company", "UPS", "number", "1Z999AA10123456784",
                        "url", "https://www.ups.com/track?tracknum=1Z999AA10123456784")),
                get(r, "data.fulfillmentCreate.fulfillment.trackingInfo"));
        assertEquals(10, get(r, "extensions.cost.requestedQueryCost"));
        assertEquals(1, shop.remainingQuantity(FO_LINE_A));
        assertEquals("IN_PROGRESS", shop.fulfillmentOrderStatus(FO));

        assertEquals(1, shop.fulfillments().size());
        FakeShopifyAdmin.RecordedFulfillment f = shop.fulfillments().get(0);
        assertEquals("fulfillmentCreate", f.mutation());
        assertEquals(ORDER, f.orderId());
        assertEquals(List.of("1Z999AA10123456784"), f.trackingNumbers());
        assertEquals("UPS", f.trackingCompany());
        assertTrue(f.notifyCustomer());
        assertEquals("Shipped today", f.message());
        assertEquals(List.of(new FakeShopifyAdmin.FulfilledLine(FO, FO_LINE_A, "gid://shopify/LineItem/1", "SKU-A", 1)),
                f.lines());
        assertEquals(List.of(), f.trackingNotes());

        // no line items: everything still remaining on the fulfillment order
        Map<String, Object> rest = gql(FULFILL, Map.of("fulfillment",
                Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO)))));
        assertEquals(List.of(), get(rest, "data.fulfillmentCreate.userErrors"));
        assertEquals(2, shop.fulfillments().get(1).quantity());
        assertEquals("CLOSED", shop.fulfillmentOrderStatus(FO));
        assertEquals(0, shop.remainingQuantity(FO_LINE_B));

        Map<String, Object> closed = gql(FULFILL, Map.of("fulfillment",
                Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO)))));
        assertEquals(List.of("fulfillment", "lineItemsByFulfillmentOrder", "0", "fulfillmentOrderId"),
                list(get(closed, "data.fulfillmentCreate.userErrors")).get(0).get("field"));
        assertEquals(2, shop.fulfillments().size());
    }

    @Test
    void fulfillmentCreateAnswersUserErrorsForTooManyUnitsAndForeignIds() throws Exception {
        Map<String, Object> over = gql(FULFILL, Map.of("fulfillment", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", FO,
                        "fulfillmentOrderLineItems", List.of(Map.of("id", FO_LINE_A, "quantity", 3)))))));
        assertNull(get(over, "data.fulfillmentCreate.fulfillment"));
        Map<String, Object> err = list(get(over, "data.fulfillmentCreate.userErrors")).get(0);
        assertEquals(List.of("fulfillment", "lineItemsByFulfillmentOrder", "0", "fulfillmentOrderLineItems", "0", "quantity"),
                err.get("field"));
        assertTrue(((String) err.get("message")).contains("remaining"));

        // the order's line item id is not a fulfillment order line item id (a classic misreading)
        Map<String, Object> lineItemId = gql(FULFILL, Map.of("fulfillment", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", FO,
                        "fulfillmentOrderLineItems", List.of(Map.of("id", "gid://shopify/LineItem/1", "quantity", 1)))))));
        assertEquals(1, list(get(lineItemId, "data.fulfillmentCreate.userErrors")).size());

        Map<String, Object> unknownFo = gql(FULFILL, Map.of("fulfillment", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", "gid://shopify/FulfillmentOrder/999")))));
        assertEquals(1, list(get(unknownFo, "data.fulfillmentCreate.userErrors")).size());

        // tracking given under a name FulfillmentTrackingInput does not have: refused as a variable error
        Map<String, Object> badShape = gql(FULFILL, Map.of("fulfillment", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", FO)), "trackingInfo", Map.of("trackingNumber", "1Z"))));
        Map<String, Object> varErr = list(badShape.get("errors")).get(0);
        assertTrue(((String) varErr.get("message")).startsWith("Variable $fulfillment of type FulfillmentInput! was provided"
                + " invalid value for trackingInfo.trackingNumber (Field is not defined on FulfillmentTrackingInput)"),
                (String) varErr.get("message"));
        assertNull(badShape.get("data"));

        assertEquals(2, shop.remainingQuantity(FO_LINE_A));
        assertEquals("OPEN", shop.fulfillmentOrderStatus(FO));
        assertTrue(shop.fulfillments().isEmpty());
        assertEquals(Outcome.USER_ERRORS, shop.callsTo("fulfillmentCreate").get(0).outcome());
    }

    // ------------------------------------------------------------------ orderCancel

    @Test
    void orderCancelReturnsAJobAndRecordsTheCancellation() throws Exception {
        String cancel = """
                mutation OrderCancel($orderId: ID!, $refundMethod: OrderCancelRefundMethodInput, $restock: Boolean!,
                                     $reason: OrderCancelReason!, $staffNote: String, $notifyCustomer: Boolean) {
                  orderCancel(orderId: $orderId, refundMethod: $refundMethod, restock: $restock, reason: $reason,
                              staffNote: $staffNote, notifyCustomer: $notifyCustomer) {
                    job { id done }
                    orderCancelUserErrors { field message code }
                  }
                }""";
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("orderId", ORDER);
        vars.put("refundMethod", Map.of("originalPaymentMethodsRefund", true));
        vars.put("restock", true);
        vars.put("reason", "INVENTORY");
        vars.put("staffNote", "out of stock");
        vars.put("notifyCustomer", false);
        Map<String, Object> r = gql(cancel, vars);
        assertEquals(List.of(), get(r, "data.orderCancel.orderCancelUserErrors"));
        assertTrue(((String) get(r, "data.orderCancel.job.id")).startsWith("gid://shopify/Job/"));
        assertEquals(false, get(r, "data.orderCancel.job.done"));
        assertTrue(shop.isCancelled(ORDER));
        assertEquals("CLOSED", shop.fulfillmentOrderStatus(FO));
        assertEquals(12, shop.available(9001, 1)); // the 2 units of SKU-A back on the shelf

        FakeShopifyAdmin.RecordedCancellation c = shop.cancellations().get(0);
        assertEquals("INVENTORY", c.reason());
        assertEquals(Map.of("originalPaymentMethodsRefund", true), c.refundMethod());
        assertNull(c.refund());
        assertEquals("out of stock", c.staffNote());

        Map<String, Object> again = gql(cancel, vars);
        Map<String, Object> err = list(get(again, "data.orderCancel.orderCancelUserErrors")).get(0);
        assertEquals("INVALID", err.get("code"));
        assertEquals(List.of("orderId"), err.get("field"));

        vars.put("orderId", "gid://shopify/Order/4040");
        assertEquals("NOT_FOUND", get(list(get(gql(cancel, vars), "data.orderCancel.orderCancelUserErrors")).get(0), "code"));
        assertEquals(1, shop.cancellations().size());

        Map<String, Object> enumAsTypo = gql(cancel, Map.of("orderId", ORDER, "restock", true, "reason", "OUT_OF_STOCK"));
        Map<String, Object> enumErr = list(enumAsTypo.get("errors")).get(0);
        assertEquals("Variable $reason of type OrderCancelReason! was provided invalid value", enumErr.get("message"));
        assertTrue(((String) list(get(enumErr, "extensions.problems")).get(0).get("explanation")).contains("to be one of"));
    }

    // ------------------------------------------------------------------ tagsAdd

    @Test
    void tagsAddAddsEachTagOnceAndTheOrderShowsThem() throws Exception {
        String add = """
                mutation TagsAdd($id: ID!, $tags: [String!]!) {
                  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
                }""";
        Map<String, Object> r = gql(add, Map.of("id", ORDER, "tags", List.of("vip", "gift, rush ")));
        assertEquals(List.of(), get(r, "data.tagsAdd.userErrors"));
        assertEquals(ORDER, get(r, "data.tagsAdd.node.id"));
        gql(add, Map.of("id", ORDER, "tags", List.of("vip")));
        assertEquals(List.of("vip", "gift", "rush"), shop.tags(ORDER));
        assertEquals(List.of("vip", "gift", "rush"),
                get(gql("query($id: ID!) { order(id: $id) { tags } }", Map.of("id", ORDER)), "data.order.tags"));

        Map<String, Object> unknown = gql(add, Map.of("id", "gid://shopify/Order/4040", "tags", List.of("vip")));
        assertNull(get(unknown, "data.tagsAdd.node"));
        assertEquals(List.of("id"), list(get(unknown, "data.tagsAdd.userErrors")).get(0).get("field"));
    }

    // ------------------------------------------------------------------ refundCreate

    @Test
    void refundCreateRecordsRefundsReplaysIdempotentRetriesAndRefusesOverRefunds() throws Exception {
        String refund = """
                mutation Refund($input: RefundInput!, $key: String!) {
                  refundCreate(input: $input) @idempotent(key: $key) {
                    refund { id totalRefundedSet { shopMoney { amount currencyCode } } }
                    userErrors { field message }
                  }
                }""";
        Map<String, Object> input = Map.of(
                "orderId", ORDER,
                "note", "item never shipped",
                "notify", true,
                "refundLineItems", List.of(Map.of("lineItemId", "gid://shopify/LineItem/2", "quantity", 1,
                        "restockType", "CANCEL", "locationId", LOCATION)),
                "transactions", List.of(Map.of("orderId", ORDER, "parentId", "gid://shopify/OrderTransaction/3001",
                        "amount", "5.00", "kind", "REFUND", "gateway", "shopify_payments")));
        Map<String, Object> r = gql(refund, Map.of("input", input, "key", "refund-1001-a"));
        assertEquals(List.of(), get(r, "data.refundCreate.userErrors"));
        String refundId = (String) get(r, "data.refundCreate.refund.id");
        assertEquals("5.00", get(r, "data.refundCreate.refund.totalRefundedSet.shopMoney.amount"));
        assertEquals(0, shop.remainingQuantity(FO_LINE_B)); // CANCEL takes the unit off the fulfillment order

        Map<String, Object> retry = gql(refund, Map.of("input", input, "key", "refund-1001-a"));
        assertEquals(refundId, get(retry, "data.refundCreate.refund.id"));
        assertEquals(Outcome.IDEMPOTENT_REPLAY, shop.calls().get(1).outcome());
        assertEquals(1, shop.refunds().size());
        FakeShopifyAdmin.RecordedRefund rec = shop.refunds().get(0);
        assertEquals("refund-1001-a", rec.idempotencyKey());
        assertEquals("5.00", rec.totalRefunded());
        assertEquals(List.of(), rec.notes());

        Map<String, Object> tooMuch = Map.of("orderId", ORDER, "transactions", List.of(Map.of("orderId", ORDER,
                "parentId", "gid://shopify/OrderTransaction/3001", "amount", "100.00", "kind", "REFUND",
                "gateway", "shopify_payments")));
        Map<String, Object> over = gql(refund, Map.of("input", tooMuch, "key", "refund-1001-b"));
        assertNull(get(over, "data.refundCreate.refund"));
        assertFalse(list(get(over, "data.refundCreate.userErrors")).isEmpty());

        Map<String, Object> twice = Map.of("orderId", ORDER, "refundLineItems", List.of(
                Map.of("lineItemId", "gid://shopify/LineItem/2", "quantity", 1, "restockType", "NO_RESTOCK")));
        Map<String, Object> again = gql(refund, Map.of("input", twice, "key", "refund-1001-c"));
        assertEquals(List.of("refundLineItems", "0", "quantity"),
                list(get(again, "data.refundCreate.userErrors")).get(0).get("field"));

        Map<String, Object> sameKeyOtherInput = gql(refund, Map.of("input", twice, "key", "refund-1001-a"));
        assertTrue(((String) list(get(sameKeyOtherInput, "data.refundCreate.userErrors")).get(0).get("message"))
                .contains("idempotency key"));

        Map<String, Object> noKey = gql("mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }",
                Map.of("input", input));
        assertNull(get(noKey, "data.refundCreate"));
        assertTrue(((String) list(noKey.get("errors")).get(0).get("message")).contains("@idempotent"));
        assertEquals(1, shop.refunds().size());
    }

    // ------------------------------------------------------------------ inventoryItems (search by SKU)

    @Test
    void inventoryItemsFindsWholeSkusJoinedByOrAndRefusesOtherFilters() throws Exception {
        shop.addInventoryItem(9101, "MUG-BLUE");
        shop.addInventoryItem(9102, "MUG-BLUE-2");
        shop.addInventoryItem(9103, "TEE \"L\"");
        String find = """
                query Find($q: String!) { inventoryItems(first: 10, query: $q) { nodes { id sku } } }""";
        Map<String, Object> r = gql(find, Map.of("q", "sku:\"MUG-BLUE\" OR sku:\"TEE \\\"L\\\"\""));
        assertEquals(List.of(Map.of("id", "gid://shopify/InventoryItem/9101", "sku", "MUG-BLUE"),
                        Map.of("id", "gid://shopify/InventoryItem/9103", "sku", "TEE \"L\"")),
                get(r, "data.inventoryItems.nodes"), "whole SKUs only: MUG-BLUE-2 is not MUG-BLUE");
        Map<String, Object> bare = gql(find, Map.of("q", "sku:MUG-BLUE-2"));
        assertEquals(1, list(get(bare, "data.inventoryItems.nodes")).size());
        Map<String, Object> other = gql(find, Map.of("q", "updated_at:>2020-01-01"));
        assertTrue(String.valueOf(other.get("errors")).contains("only sku: terms"), String.valueOf(other));
        Map<String, Object> noFirst = gql("{ inventoryItems(query: \"sku:X\") { nodes { id } } }", Map.of());
        assertTrue(noFirst.containsKey("errors"), "a connection needs first or last: " + noFirst);
    }

    // ------------------------------------------------------------------ inventorySetQuantities

    @Test
    void inventorySetQuantitiesComparesAndSetsAndRecordsEveryCall() throws Exception {
        String set = """
                mutation Set($input: InventorySetQuantitiesInput!) {
                  inventorySetQuantities(input: $input) {
                    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
                    userErrors { field message code }
                  }
                }""";
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("inventoryItemId", "gid://shopify/InventoryItem/9001");
        q.put("locationId", LOCATION);
        q.put("quantity", 7);
        q.put("changeFromQuantity", 10);
        Map<String, Object> r = gql(set, Map.of("input", Map.of("name", "available", "reason", "correction",
                "referenceDocumentUri", "gid://orderflow/StockSync/42", "quantities", List.of(q))));
        assertEquals(List.of(), get(r, "data.inventorySetQuantities.userErrors"));
        assertEquals(Map.of("name", "available", "delta", -3, "quantityAfterChange", 7),
                list(get(r, "data.inventorySetQuantities.inventoryAdjustmentGroup.changes")).get(0));
        assertEquals(7, shop.available(9001, 1));

        Map<String, Object> stale = gql(set, Map.of("input", Map.of("name", "available", "reason", "correction",
                "quantities", List.of(q))));
        assertEquals("CHANGE_FROM_QUANTITY_STALE", get(list(get(stale, "data.inventorySetQuantities.userErrors")).get(0), "code"));

        Map<String, Object> noCheck = new LinkedHashMap<>(q);
        noCheck.put("changeFromQuantity", null); // explicit null: no comparison
        noCheck.put("quantity", 5);
        gql(set, Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", List.of(noCheck))));
        assertEquals(5, shop.available(9001, 1));

        Map<String, Object> omitted = new LinkedHashMap<>(q);
        omitted.remove("changeFromQuantity");
        Map<String, Object> missing = gql(set, Map.of("input", Map.of("name", "available", "reason", "correction",
                "quantities", List.of(omitted))));
        assertEquals(List.of("input", "quantities", "0", "changeFromQuantity"),
                list(get(missing, "data.inventorySetQuantities.userErrors")).get(0).get("field"));

        Map<String, Object> legacy = new LinkedHashMap<>(omitted);
        legacy.put("compareQuantity", 5);
        Map<String, Object> removed = gql(set, Map.of("input", Map.of("name", "available", "reason", "correction",
                "quantities", List.of(legacy))));
        assertTrue(((String) list(removed.get("errors")).get(0).get("message"))
                .contains("quantities.0.compareQuantity (Field is not defined on InventoryQuantityInput)"));

        // before 2026-04, compareQuantity is the check
        Map<String, Object> old = gql("2026-01", set, Map.of("input", Map.of("name", "available", "reason", "correction",
                "quantities", List.of(legacy))));
        assertEquals(List.of(), get(old, "data.inventorySetQuantities.userErrors"));
        assertEquals(7, shop.available(9001, 1));
        assertEquals(List.of("InventoryQuantityInput.compareQuantity"),
                shop.callsTo("inventorySetQuantities").get(5).deprecations()); // deprecated in 2026-01

        assertEquals(List.of(true, false, true, false, true),
                shop.inventorySetCalls().stream().map(FakeShopifyAdmin.RecordedInventorySet::applied).toList());
        // the call log has all six requests, including the one refused as a variable error before executing
        assertEquals(6, shop.callsTo("inventorySetQuantities").size());
        assertEquals(Outcome.GRAPHQL_ERRORS, shop.callsTo("inventorySetQuantities").get(4).outcome());
        assertEquals("gid://orderflow/StockSync/42", shop.inventorySetCalls().get(0).input().get("referenceDocumentUri"));
    }

    // ------------------------------------------------------------------ throttling and faults

    @Test
    void throttlesWithTheDocumentedShapeAndRefillsWithTheClock() throws Exception {
        shop.setBucket(200, 10);
        shop.throttleNext(1);
        HttpResponse<String> forced = post(V, shop.accessToken(), FULFILLMENT_ORDERS, Map.of("id", ORDER));
        assertEquals(200, forced.statusCode());
        Map<String, Object> t = Json.parseObject(forced.body());
        assertNull(t.get("data"));
        Map<String, Object> err = list(t.get("errors")).get(0);
        assertEquals("Throttled", err.get("message"));
        assertEquals("THROTTLED", get(err, "extensions.code"));
        assertEquals(118, get(t, "extensions.cost.requestedQueryCost"));
        assertTrue(((Map<?, ?>) get(t, "extensions.cost")).containsKey("actualQueryCost"));
        assertNull(get(t, "extensions.cost.actualQueryCost"));
        assertEquals(200, get(t, "extensions.cost.throttleStatus.currentlyAvailable"));

        assertNotNull(gql(FULFILLMENT_ORDERS, Map.of("id", ORDER)).get("data")); // 200 - 118 + (118 - 10) = 190 left
        shop.setCurrentlyAvailable(100);
        Map<String, Object> drained = gql(FULFILLMENT_ORDERS, Map.of("id", ORDER));
        assertEquals("THROTTLED", get(list(drained.get("errors")).get(0), "extensions.code"));
        clock.advance(Duration.ofSeconds(2)); // +20 points
        Map<String, Object> refilled = gql(FULFILLMENT_ORDERS, Map.of("id", ORDER));
        assertNotNull(refilled.get("data"));
        assertEquals(110, get(refilled, "extensions.cost.throttleStatus.currentlyAvailable")); // 120 - 10

        Map<String, Object> tooBig = gql("{ order(id: \"gid://shopify/Order/1001\") { fulfillmentOrders(first: 250) "
                + "{ nodes { lineItems(first: 250) { nodes { id } } } } } }", Map.of());
        assertEquals("MAX_COST_EXCEEDED", get(list(tooBig.get("errors")).get(0), "extensions.code"));
        assertEquals(List.of(Outcome.THROTTLED, Outcome.OK, Outcome.THROTTLED, Outcome.OK, Outcome.MAX_COST_EXCEEDED),
                shop.calls().stream().map(FakeShopifyAdmin.Call::outcome).toList());
    }

    @Test
    void failNextAnswersTheStatusAndFailAfterApplyingLosesTheResponse() throws Exception {
        shop.failNext(2, 503);
        assertEquals(503, post(V, shop.accessToken(), FULFILLMENT_ORDERS, Map.of("id", ORDER)).statusCode());
        assertEquals(503, post(V, shop.accessToken(), FULFILLMENT_ORDERS, Map.of("id", ORDER)).statusCode());
        assertEquals(200, post(V, shop.accessToken(), FULFILLMENT_ORDERS, Map.of("id", ORDER)).statusCode());

        shop.failNextAfterApplying(1, 502);
        Map<String, Object> input = Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", FO,
                "fulfillmentOrderLineItems", List.of(Map.of("id", FO_LINE_A, "quantity", 1)))));
        assertEquals(502, post(V, shop.accessToken(), FULFILL, Map.of("fulfillment", input)).statusCode());
        assertEquals(1, shop.fulfillments().size()); // applied although the client saw 502
        assertEquals(1, shop.remainingQuantity(FO_LINE_A));

        assertEquals(List.of(Outcome.INJECTED_FAILURE, Outcome.INJECTED_FAILURE, Outcome.OK,
                        Outcome.INJECTED_FAILURE_AFTER_APPLYING),
                shop.calls().stream().map(FakeShopifyAdmin.Call::outcome).toList());
        Map<?, ?> sent = (Map<?, ?>) shop.calls().get(3).field("fulfillmentCreate").arguments().get("fulfillment");
        assertEquals(input.get("lineItemsByFulfillmentOrder"), sent.get("lineItemsByFulfillmentOrder"));
        assertEquals(false, sent.get("notifyCustomer")); // the schema default, as the server sees it
    }

    @Test
    void inlineLiteralsAliasesAndFragmentsAreUnderstood() throws Exception {
        Map<String, Object> r = gql("""
                mutation {
                  shipIt: fulfillmentCreate(fulfillment: {
                    lineItemsByFulfillmentOrder: {fulfillmentOrderId: "gid://shopify/FulfillmentOrder/501"}
                    trackingInfo: {company: "DHL", numbers: ["A1", "A2"], urls: ["https://dhl.example/A1", "https://dhl.example/A2"]}
                  }) {
                    fulfillment { ...F }
                    userErrors { field message }
                  }
                }
                fragment F on Fulfillment { id __typename trackingInfo { number url } }""", Map.of());
        assertEquals(List.of(), get(r, "data.shipIt.userErrors"));
        assertEquals("Fulfillment", get(r, "data.shipIt.fulfillment.__typename"));
        assertEquals(2, list(get(r, "data.shipIt.fulfillment.trackingInfo")).size());
        assertEquals(List.of("A1", "A2"), shop.fulfillments().get(0).trackingNumbers());
        assertEquals("shipIt", shop.calls().get(0).field("fulfillmentCreate").alias());
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<String> post(String version, String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(shop.graphqlUrl(version)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FakeShopifyAdmin.toJson(body)));
        if (token != null) {
            b.header("X-Shopify-Access-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> gql(String query, Map<String, Object> variables) throws Exception {
        return gql(V, query, variables);
    }

    private Map<String, Object> gql(String version, String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> r = post(version, shop.accessToken(), query, variables);
        assertEquals(200, r.statusCode(), r.body());
        return Json.parseObject(r.body());
    }

    private static Object get(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
