package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Request and answer shapes after amzn/selling-partner-api-models models/orders-api-model/ordersV0.json
 * (confirmShipment: ConfirmShipmentRequest, PackageDetail, 204, ErrorList; its sandbox examples) and
 * Login with Amazon's refresh-token grant.
 */
class AmazonChannelTest {

    private static final String CLIENT_ID = "amzn1.application-oa2-client.0123456789abcdef";
    private static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.fedcba9876543210fedcba9876543210";
    private static final String REFRESH = "Atzr|IwEBIA-refresh-token-of-the-seller";
    private static final String ACCESS = "Atza|IwEBIA-access-token-one";
    private static final String ORDER_ID = "902-1106328-1059050";
    private static final String CONFIRM = "POST /orders/v0/orders/" + ORDER_ID + "/shipmentConfirmation";
    private static final String TOKEN = "POST /auth/o2/token";

    private StubPlatform amazon;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private AmazonChannel channel;

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        amazon = new StubPlatform();
        channel = new AmazonChannel(URI.create(amazon.url()), URI.create(amazon.url() + "/auth/o2/token"), CLIENT_ID,
                CLIENT_SECRET, clock, Duration.ofMillis(800), OutboundRules.allowingLoopback());
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private static ChannelLink link() {
        return new ChannelLink("sf_3", ChannelLink.AMAZON, null, Map.of("marketplaceId", "ATVPDKIKX0DER"),
                Map.of("refreshToken", REFRESH));
    }

    private static ShipmentNotice notice(String carrier, ShipmentNotice.Line... lines) {
        return new ShipmentNotice("shp_1", carrier, "112345678", null, Instant.parse("2022-02-11T01:00:00.123Z"),
                List.of(lines), true);
    }

    private static String token(String value, int expiresIn) {
        return "{\"access_token\":\"" + value + "\",\"refresh_token\":\"" + REFRESH
                + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}";
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> b, LinkedHashMap::new));
    }

    @Test
    void confirms_the_package_with_a_fresh_access_token() {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM, 204, "");

        PushResult result = channel.confirmShipment(link(), ORDER_ID, notice("FedEx",
                new ShipmentNotice.Line("SKU-A", "79039765272157", 1)));

        assertEquals(new PushResult.Done("1"), result);
        StubPlatform.Request lwa = amazon.request(0);
        assertEquals("/auth/o2/token", lwa.path());
        assertTrue(lwa.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", REFRESH, "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET), form(lwa.body()));

        StubPlatform.Request confirm = amazon.request(1);
        assertEquals(ACCESS, confirm.header("x-amz-access-token"));
        assertEquals("application/json", confirm.header("Content-Type"));
        assertEquals(Map.of("marketplaceId", "ATVPDKIKX0DER", "packageDetail", Map.of(
                "packageReferenceId", "1",
                "carrierCode", "FedEx",
                "carrierName", "FedEx",
                "trackingNumber", "112345678",
                "shipDate", "2022-02-11T01:00:00Z",
                "orderItems", List.of(Map.of("orderItemId", "79039765272157", "quantity", 1)))), confirm.json());
    }

    @Test
    void the_access_token_is_kept_until_a_minute_before_it_expires() {
        amazon.on(TOKEN, StubPlatform.Answer.of(200, token(ACCESS, 3600)),
                StubPlatform.Answer.of(200, token("Atza|second", 3600))).on(CONFIRM, 204, "");
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));

        channel.confirmShipment(link(), ORDER_ID, notice);
        clock.now = clock.now.plusSeconds(3539);
        channel.confirmShipment(link(), ORDER_ID, notice);
        clock.now = clock.now.plusSeconds(2);
        channel.confirmShipment(link(), ORDER_ID, notice);

        List<String> calls = amazon.requests().stream().map(r -> r.path()).toList();
        assertEquals(List.of("/auth/o2/token", "/orders/v0/orders/" + ORDER_ID + "/shipmentConfirmation",
                "/orders/v0/orders/" + ORDER_ID + "/shipmentConfirmation", "/auth/o2/token",
                "/orders/v0/orders/" + ORDER_ID + "/shipmentConfirmation"), calls);
        assertEquals("Atza|second", amazon.request(4).header("x-amz-access-token"));
    }

    @Test
    void an_expired_cached_token_is_replaced_and_the_call_made_once_more() {
        amazon.on(TOKEN, StubPlatform.Answer.of(200, token(ACCESS, 3600)),
                        StubPlatform.Answer.of(200, token("Atza|second", 3600)))
                .on(CONFIRM, StubPlatform.Answer.of(204, ""),
                        StubPlatform.Answer.of(403, "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to"
                                + " requested resource is denied.\",\"details\":\"The access token you provided has expired.\"}]}"),
                        StubPlatform.Answer.of(204, ""));
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));

        assertInstanceOf(PushResult.Done.class, channel.confirmShipment(link(), ORDER_ID, notice));
        assertEquals(new PushResult.Done("1"), channel.confirmShipment(link(), ORDER_ID, notice));
        assertEquals(5, amazon.requests().size());
        assertEquals("Atza|second", amazon.request(4).header("x-amz-access-token"));
    }

    @Test
    void throttling_is_retried_with_the_rate_limit() {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM, StubPlatform.Answer.of(429,
                "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested"
                        + " resource.\",\"details\":\"\"}]}").with("x-amzn-RateLimit-Limit", "2.0"));

        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(), ORDER_ID,
                notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1))));
        assertTrue(retry.reason().startsWith("Amazon throttled confirmShipment (429, x-amzn-RateLimit-Limit 2.0)"),
                retry.reason());
        assertTrue(retry.reason().contains("QuotaExceeded"));
    }

    @Test
    void invalid_input_is_refused_in_amazons_words() {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM, 400,
                "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid Input\"}]}");

        assertEquals(new PushResult.Refused("Amazon refused confirmShipment (HTTP 400): InvalidInput: Invalid Input"),
                channel.confirmShipment(link(), ORDER_ID, notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1))));
    }

    @Test
    void an_order_already_confirmed_is_done() {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM, 400, "{\"errors\":[{\"code\":\"InvalidInput\","
                + "\"message\":\"Failed to create package due to not finding a matching package or order already"
                + " fulfilled.\",\"details\":\"\"}]}");

        assertEquals(new PushResult.Done("1"), channel.confirmShipment(link(), ORDER_ID,
                notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1))));
    }

    @Test
    void server_errors_and_an_unreachable_amazon_are_retried() throws Exception {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM,
                StubPlatform.Answer.of(503, "{\"errors\":[{\"code\":\"ServiceUnavailable\",\"message\":\"Service"
                        + " temporarily unavailable.\"}]}"),
                StubPlatform.Answer.of(204, "").delayed(1_200));
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));

        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(), ORDER_ID, notice));
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(), ORDER_ID, notice));

        AmazonChannel nowhere = new AmazonChannel(URI.create("http://127.0.0.1:" + StubPlatform.closedPort()),
                URI.create(amazon.url() + "/auth/o2/token"), CLIENT_ID, CLIENT_SECRET, clock, Duration.ofMillis(800), OutboundRules.allowingLoopback());
        assertInstanceOf(PushResult.Retry.class, nowhere.confirmShipment(link(), ORDER_ID, notice));
    }

    @Test
    void a_revoked_refresh_token_is_refused_and_a_failing_login_retried() {
        amazon.on(TOKEN, StubPlatform.Answer.of(400, "{\"error_description\":\"The request has an invalid grant"
                        + " parameter : refresh_token " + REFRESH + "\",\"error\":\"invalid_grant\"}"),
                StubPlatform.Answer.of(401, "{\"error_description\":\"Client authentication failed\","
                        + "\"error\":\"invalid_client\"}"),
                StubPlatform.Answer.of(500, "{\"error\":\"server_error\"}"));
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));

        PushResult.Refused grant = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), ORDER_ID, notice));
        assertTrue(grant.platformMessage().contains("invalid_grant"), grant.platformMessage());
        assertTrue(grant.platformMessage().contains("authorize the app again"));
        assertFalse(grant.platformMessage().contains(REFRESH), grant.platformMessage());
        PushResult.Refused client = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), ORDER_ID, notice));
        assertTrue(client.platformMessage().contains("client id and secret"));
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(), ORDER_ID, notice));
        assertEquals(3, amazon.requests().size());
    }

    @Test
    void a_line_without_an_order_item_id_is_refused_without_a_call() {
        PushResult result = channel.confirmShipment(link(), ORDER_ID, notice("UPS",
                new ShipmentNotice.Line("SKU-A", "1", 1), new ShipmentNotice.Line("SKU-B", null, 1)));

        assertEquals(new PushResult.Refused("Amazon needs the OrderItemId of every line; this order was taken before it"
                + " was kept"), result);
        assertEquals(0, amazon.requests().size());
    }

    @Test
    void other_refusals_name_amazons_errors_and_never_a_secret() {
        amazon.on(TOKEN, 200, token(ACCESS, 3600)).on(CONFIRM,
                StubPlatform.Answer.of(403, "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested"
                        + " resource is denied.\",\"details\":\"\"}]}"),
                StubPlatform.Answer.of(404, "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"Order " + ORDER_ID
                        + " not found for token " + ACCESS + "\"}]}"));
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));

        PushResult.Refused denied = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), ORDER_ID, notice));
        assertTrue(denied.platformMessage().contains("Inventory and Order Tracking"));
        PushResult.Refused missing = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), ORDER_ID, notice));
        assertTrue(missing.platformMessage().contains("NotFound"));
        for (String secret : List.of(ACCESS, REFRESH, CLIENT_SECRET)) {
            assertFalse(missing.platformMessage().contains(secret), missing.platformMessage());
            assertFalse(channel.toString().contains(secret));
            assertFalse(link().toString().contains(secret));
        }
    }

    @Test
    void unconfigured_apps_and_links_are_refused_without_a_call() {
        ShipmentNotice notice = notice("UPS", new ShipmentNotice.Line("SKU-A", "1", 1));
        AmazonChannel unconfigured = new AmazonChannel(URI.create(amazon.url()), URI.create(amazon.url()), "-", "",
                clock, OutboundRules.allowingLoopback());
        assertInstanceOf(PushResult.Refused.class, unconfigured.confirmShipment(link(), ORDER_ID, notice));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(new ChannelLink("sf_3", "amazon", null,
                Map.of(), Map.of("refreshToken", REFRESH)), ORDER_ID, notice));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(new ChannelLink("sf_3", "amazon", null,
                Map.of("marketplaceId", "ATVPDKIKX0DER"), Map.of()), ORDER_ID, notice));
        assertEquals(0, amazon.requests().size());
    }

    @Test
    void the_link_may_name_its_api_endpoint_but_never_where_the_client_secret_goes() throws Exception {
        try (StubPlatform other = new StubPlatform()) {
            other.on("POST /lwa", 200, token(ACCESS, 3600)).on(CONFIRM, 204, "");
            ChannelLink own = new ChannelLink("sf_3", ChannelLink.AMAZON, other.url(),
                    Map.of("marketplaceId", "A1F83G8C2ARO7P", "lwaEndpoint", other.url() + "/lwa"),
                    Map.of("refreshToken", REFRESH));

            channel.confirmShipment(own, ORDER_ID, notice("Royal Mail", new ShipmentNotice.Line("SKU-A", "1", 2)));
            // The token request went to the stack's endpoint, never to the link's "lwaEndpoint".
            assertEquals(0, other.requests().stream().filter(r -> r.toString().contains("/lwa")).count());
        }
    }

    @Test
    void carriers_map_to_amazon_codes_or_other_with_the_name() {
        assertEquals("UPS", AmazonChannel.carrierCode("ups"));
        assertEquals("FedEx", AmazonChannel.carrierCode("FEDEX"));
        assertEquals("DHL eCommerce", AmazonChannel.carrierCode("dhl ecommerce"));
        assertEquals("Royal Mail", AmazonChannel.carrierCode("RoyalMail"));
        assertEquals("Other", AmazonChannel.carrierCode("Evri"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) AmazonChannel.request("ATVPDKIKX0DER", "3",
                notice("Evri", new ShipmentNotice.Line("A", "1", 1)), Instant.EPOCH, Map.of("1", 1)).get("packageDetail");
        assertEquals("Other", detail.get("carrierCode"));
        assertEquals("Evri", detail.get("carrierName"));
    }

    @Test
    void the_package_reference_is_a_stable_positive_number() {
        assertEquals("1", AmazonChannel.packageReferenceId("shp_1"));
        assertEquals("12", AmazonChannel.packageReferenceId("shp_012"));
        assertEquals("40", AmazonChannel.packageReferenceId("40"));
        String derived = AmazonChannel.packageReferenceId("parcel-A7");
        assertEquals(derived, AmazonChannel.packageReferenceId("parcel-A7"));
        assertTrue(derived.matches("[1-9][0-9]{0,9}") && Long.parseLong(derived) <= 2_000_000_000L, derived);
        assertTrue(AmazonChannel.packageReferenceId("shp_0").matches("[1-9][0-9]*"));
    }
}
