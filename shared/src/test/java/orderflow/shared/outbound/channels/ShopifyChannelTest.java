package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Request and answer shapes after shopify.dev: the fulfillmentCreate mutation (FulfillmentInput:
 * lineItemsByFulfillmentOrder, trackingInfo {company, number, url}, notifyCustomer), the Order's
 * fulfillmentOrders / fulfillments, GraphQL rate limits (THROTTLED with extensions.cost.throttleStatus).
 */
class ShopifyChannelTest {

    private static final String TOKEN = "shpat_0123456789abcdef";
    private static final String PATH = "POST /admin/api/" + ShopifyChannel.DEFAULT_API_VERSION + "/graphql.json";
    private static final String TRACKING = "1Z999AA10123456784";

    private StubPlatform shopify;
    private final ShopifyChannel channel = new ShopifyChannel(Duration.ofMillis(800), OutboundRules.allowingLoopback());

    @BeforeEach
    void start() throws Exception {
        shopify = new StubPlatform();
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    private ChannelLink link(Map<String, String> settings) {
        return new ChannelLink("sf_1", ChannelLink.SHOPIFY, shopify.url(), settings, Map.of("accessToken", TOKEN));
    }

    private static ShipmentNotice notice(ShipmentNotice.Line... lines) {
        return new ShipmentNotice("shp_1", "UPS", TRACKING, "https://www.ups.com/track?tracknum=" + TRACKING,
                Instant.parse("2026-12-06T10:00:00Z"), List.of(lines), false);
    }

    /** The order as the query reads it: fulfillment orders with their line items, and fulfillments. */
    private static String orderState(String fulfillments, String fulfillmentOrders) {
        return """
                {"data":{"order":{"id":"gid://shopify/Order/450789469",
                  "fulfillments":[%s],
                  "fulfillmentOrders":{"pageInfo":{"hasNextPage":false},"nodes":[%s]}}},
                 "extensions":{"cost":{"requestedQueryCost":461,"actualQueryCost":12,
                  "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}
                """.formatted(fulfillments, fulfillmentOrders);
    }

    private static String fo(long id, String status, String lineItems) {
        return """
                {"id":"gid://shopify/FulfillmentOrder/%d","status":"%s",
                 "lineItems":{"pageInfo":{"hasNextPage":false},"nodes":[%s]}}""".formatted(id, status, lineItems);
    }

    private static String foLine(long id, long lineItemId, String sku, int remaining) {
        return """
                {"id":"gid://shopify/FulfillmentOrderLineItem/%d","remainingQuantity":%d,"sku":"%s",
                 "lineItem":{"id":"gid://shopify/LineItem/%d"}}""".formatted(id, remaining, sku, lineItemId);
    }

    private static final String CREATED = """
            {"data":{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/255858046","status":"SUCCESS"},
              "userErrors":[]}},
             "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
              "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}}""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(StubPlatform.Request r) {
        return (Map<String, Object>) r.json().get("variables");
    }

    @Test
    void creates_a_fulfillment_with_the_tracking_on_the_open_fulfillment_order() {
        shopify.on(PATH, StubPlatform.Answer.of(200, orderState("",
                        fo(1046000778, "CLOSED", foLine(1, 466157049, "SKU-A", 0)) + ","
                                + fo(1046000779, "OPEN", foLine(1025578640, 466157049, "SKU-A", 2)))),
                StubPlatform.Answer.of(200, CREATED));

        PushResult result = channel.confirmShipment(link(Map.of()), "450789469",
                notice(new ShipmentNotice.Line("SKU-A", "466157049", 2)));

        assertEquals(new PushResult.Done("gid://shopify/Fulfillment/255858046"), result);
        assertEquals(2, shopify.requests().size());
        StubPlatform.Request query = shopify.request(0);
        assertEquals(TOKEN, query.header("X-Shopify-Access-Token"));
        assertEquals("application/json", query.header("Content-Type"));
        assertTrue(((String) query.json().get("query")).contains("fulfillmentOrders"));
        assertEquals(Map.of("id", "gid://shopify/Order/450789469"), variables(query));

        StubPlatform.Request mutation = shopify.request(1);
        assertTrue(((String) mutation.json().get("query")).contains("fulfillmentCreate(fulfillment: $fulfillment)"));
        assertEquals(Map.of("fulfillment", Map.of(
                "lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", "gid://shopify/FulfillmentOrder/1046000779",
                        "fulfillmentOrderLineItems", List.of(Map.of("id", "gid://shopify/FulfillmentOrderLineItem/1025578640",
                                "quantity", 2)))),
                "trackingInfo", Map.of("company", "UPS", "number", TRACKING,
                        "url", "https://www.ups.com/track?tracknum=" + TRACKING),
                "notifyCustomer", true)), variables(mutation));
    }

    @Test
    void spreads_a_line_over_open_and_in_progress_fulfillment_orders_and_honours_the_settings() {
        shopify.on("POST /admin/api/2026-07/graphql.json", StubPlatform.Answer.of(200, orderState("",
                        fo(11, "OPEN", foLine(101, 7, "SKU-A", 1) + "," + foLine(102, 8, "SKU-B", 4)) + ","
                                + fo(12, "ON_HOLD", foLine(121, 7, "SKU-A", 9)) + ","
                                + fo(13, "IN_PROGRESS", foLine(131, 7, "SKU-A", 5)))),
                StubPlatform.Answer.of(200, CREATED));

        PushResult result = channel.confirmShipment(link(Map.of("apiVersion", "2026-07", "notifyCustomer", "false")),
                "gid://shopify/Order/450789469",
                notice(new ShipmentNotice.Line("SKU-A", "7", 3), new ShipmentNotice.Line("SKU-B", null, 1)));

        assertInstanceOf(PushResult.Done.class, result);
        assertEquals(Map.of("id", "gid://shopify/Order/450789469"), variables(shopify.request(0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) variables(shopify.request(1)).get("fulfillment");
        assertEquals(List.of(
                Map.of("fulfillmentOrderId", "gid://shopify/FulfillmentOrder/11", "fulfillmentOrderLineItems", List.of(
                        Map.of("id", "gid://shopify/FulfillmentOrderLineItem/101", "quantity", 1),
                        Map.of("id", "gid://shopify/FulfillmentOrderLineItem/102", "quantity", 1))),
                Map.of("fulfillmentOrderId", "gid://shopify/FulfillmentOrder/13", "fulfillmentOrderLineItems", List.of(
                        Map.of("id", "gid://shopify/FulfillmentOrderLineItem/131", "quantity", 2)))),
                input.get("lineItemsByFulfillmentOrder"));
        assertEquals(false, input.get("notifyCustomer"));
    }

    @Test
    void a_fulfillment_already_carrying_the_tracking_number_is_done_without_a_second_one() {
        shopify.on(PATH, 200, orderState("""
                {"id":"gid://shopify/Fulfillment/1","status":"CANCELLED","trackingInfo":[{"number":"%s"}]},
                {"id":"gid://shopify/Fulfillment/255858046","status":"SUCCESS","trackingInfo":[{"number":"1z999aa1 0123456784"}]}
                """.formatted(TRACKING), fo(1, "CLOSED", foLine(1, 466157049, "SKU-A", 0))));

        PushResult result = channel.confirmShipment(link(Map.of()), "450789469",
                notice(new ShipmentNotice.Line("SKU-A", "466157049", 2)));

        assertEquals(new PushResult.Done("gid://shopify/Fulfillment/255858046"), result);
        assertEquals(1, shopify.requests().size());
    }

    @Test
    void user_errors_are_refused_in_shopifys_words() {
        shopify.on(PATH, StubPlatform.Answer.of(200, orderState("", fo(5, "OPEN", foLine(50, 7, "SKU-A", 1)))),
                StubPlatform.Answer.of(200, """
                        {"data":{"fulfillmentCreate":{"fulfillment":null,"userErrors":[
                          {"field":["fulfillment"],"message":"Invalid fulfillment order line item quantity requested."}]}}}"""));

        PushResult result = channel.confirmShipment(link(Map.of()), "450789469",
                notice(new ShipmentNotice.Line("SKU-A", "7", 1)));

        assertEquals(new PushResult.Refused("Shopify refused the fulfillment: fulfillment: Invalid fulfillment order line"
                + " item quantity requested."), result);
    }

    @Test
    void lines_that_cannot_be_placed_are_refused_before_any_mutation() {
        shopify.on(PATH, 200, orderState("", fo(5, "ON_HOLD", foLine(50, 7, "SKU-A", 1)) + ","
                + fo(6, "OPEN", foLine(60, 8, "SKU-B", 0))));

        PushResult result = channel.confirmShipment(link(Map.of()), "450789469", notice(
                new ShipmentNotice.Line("SKU-A", "7", 1), new ShipmentNotice.Line("SKU-B", "8", 1),
                new ShipmentNotice.Line("SKU-C", "9", 1)));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class, result);
        assertTrue(refused.platformMessage().contains("line item 7: 1 of 1 are on fulfillment orders that are ON_HOLD"),
                refused.platformMessage());
        assertTrue(refused.platformMessage().contains("line item 8: 1 of 1 are already fulfilled in Shopify"));
        assertTrue(refused.platformMessage().contains("line item 9 is on none of the order's fulfillment orders"));
        assertEquals(1, shopify.requests().size());
    }

    @Test
    void an_order_the_app_cannot_see_is_refused() {
        shopify.on(PATH, 200, "{\"data\":{\"order\":null}}");

        PushResult result = channel.confirmShipment(link(Map.of()), "1", notice(new ShipmentNotice.Line("A", "7", 1)));

        assertTrue(assertInstanceOf(PushResult.Refused.class, result).platformMessage()
                .startsWith("Shopify has no order gid://shopify/Order/1"));
    }

    @Test
    void throttled_is_retried_with_the_bucket_state() {
        shopify.on(PATH, 200, """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED",
                  "documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions":{"cost":{"requestedQueryCost":752,"actualQueryCost":null,
                  "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":666,"restoreRate":50.0}}}}""");

        PushResult result = channel.confirmShipment(link(Map.of()), "450789469",
                notice(new ShipmentNotice.Line("SKU-A", "7", 1)));

        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class, result);
        assertTrue(retry.reason().contains("Throttled (THROTTLED)"), retry.reason());
        assertTrue(retry.reason().contains("currently available 666 of 1000.0"), retry.reason());
    }

    @Test
    void http_429_5xx_timeouts_and_refused_connections_are_retried() throws Exception {
        ShipmentNotice notice = notice(new ShipmentNotice.Line("SKU-A", "7", 1));
        shopify.on(PATH, StubPlatform.Answer.of(429, "{\"errors\":\"Exceeded 2 calls per second for api client.\"}")
                        .with("Retry-After", "2.0"),
                StubPlatform.Answer.of(503, "<html>unavailable</html>"),
                StubPlatform.Answer.of(200, "{}").delayed(1_200));

        PushResult.Retry throttled = assertInstanceOf(PushResult.Retry.class,
                channel.confirmShipment(link(Map.of()), "1", notice));
        assertTrue(throttled.reason().contains("HTTP 429 (Retry-After 2.0)"), throttled.reason());
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(Map.of()), "1", notice));
        PushResult.Retry slow = assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(Map.of()), "1", notice));
        assertTrue(slow.reason().contains("HttpTimeoutException"), slow.reason());

        ChannelLink nowhere = new ChannelLink("sf_1", ChannelLink.SHOPIFY, "http://127.0.0.1:" + StubPlatform.closedPort(),
                Map.of(), Map.of("accessToken", TOKEN));
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(nowhere, "1", notice));
    }

    @Test
    void auth_failures_are_refused_with_the_scopes_and_never_the_token() {
        ShipmentNotice notice = notice(new ShipmentNotice.Line("SKU-A", "7", 1));
        shopify.on(PATH, StubPlatform.Answer.of(401,
                        "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"),
                StubPlatform.Answer.of(403, "{\"errors\":\"token " + TOKEN + " lacks write_merchant_managed_fulfillment_orders\"}"),
                StubPlatform.Answer.of(200, "{\"errors\":[{\"message\":\"Access denied for fulfillmentOrders field.\","
                        + "\"extensions\":{\"code\":\"ACCESS_DENIED\"}}],\"data\":{\"order\":null}}"));

        PushResult.Refused unauthorized = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(Map.of()), "1", notice));
        assertTrue(unauthorized.platformMessage().startsWith("Shopify refused the access token (401)"));
        assertTrue(unauthorized.platformMessage().contains("write_merchant_managed_fulfillment_orders"));
        PushResult.Refused forbidden = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(Map.of()), "1", notice));
        assertFalse(forbidden.platformMessage().contains(TOKEN), forbidden.platformMessage());
        assertTrue(forbidden.platformMessage().contains("token *** lacks"), forbidden.platformMessage());
        PushResult.Refused denied = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(Map.of()), "1", notice));
        assertTrue(denied.platformMessage().contains("Access denied for fulfillmentOrders field. (ACCESS_DENIED)"));

        assertFalse(link(Map.of()).toString().contains(TOKEN));
        assertFalse(channel.toString().contains(TOKEN));
    }

    @Test
    void without_a_token_or_an_address_nothing_is_sent() {
        ShipmentNotice notice = notice(new ShipmentNotice.Line("SKU-A", "7", 1));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(
                new ChannelLink("sf_1", ChannelLink.SHOPIFY, shopify.url(), Map.of(), Map.of()), "1", notice));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(
                new ChannelLink("sf_1", ChannelLink.SHOPIFY, null, Map.of("shopDomain", "evil.example/x?"),
                        Map.of("accessToken", TOKEN)), "1", notice));
        assertEquals(0, shopify.requests().size());
    }

    @Test
    void the_endpoint_is_the_base_url_or_the_shop_domain() {
        assertEquals("https://shop.myshopify.com/admin/api/2026-10/graphql.json", ShopifyAdmin.endpoint(
                new ChannelLink("s", "shopify", null, Map.of("shopDomain", "shop.myshopify.com"), Map.of())).toString());
        assertEquals("http://127.0.0.1:9/admin/api/2025-07/graphql.json", ShopifyAdmin.endpoint(
                new ChannelLink("s", "shopify", "http://127.0.0.1:9/", Map.of("apiVersion", "2025-07"), Map.of())).toString());
        assertNull(ShopifyAdmin.endpoint(new ChannelLink("s", "shopify", null, Map.of(), Map.of())));
    }

    @Test
    void carriers_are_spelled_as_shopify_lists_them() {
        assertEquals("FedEx", ShopifyChannel.company("fedex"));
        assertEquals("DHL Express", ShopifyChannel.company("DHL"));
        assertEquals("USPS", ShopifyChannel.company("usps"));
        assertEquals("Evri", ShopifyChannel.company(" Evri "));
    }

    @Test
    void the_mutation_body_is_valid_json_with_the_documented_variable_name() {
        Map<String, Object> body = Json.parseObject(Json.write(Map.of("query", ShopifyChannel.FULFILLMENT_CREATE)));
        assertTrue(((String) body.get("query")).contains("$fulfillment: FulfillmentInput!"));
    }
}
