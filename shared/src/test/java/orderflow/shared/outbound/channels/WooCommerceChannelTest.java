package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Request and answer shapes after the WooCommerce REST API v3 docs: order notes (list, create with
 * customer_note; JSON response example id 281), orders update (status), errors {code, message, data}.
 */
class WooCommerceChannelTest {

    private static final String KEY = "ck_4f2a9d7c1e8b0a6d3c5e7f9a1b2c3d4e5f6a7b8c";
    private static final String SECRET = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
    private static final String TRACKING = "9400111899223818273748";
    private static final String NOTES = "/wp-json/wc/v3/orders/723/notes";
    private static final String ORDER = "/wp-json/wc/v3/orders/723";

    private StubPlatform woo;
    private final WooCommerceChannel channel = new WooCommerceChannel(Duration.ofMillis(800), OutboundRules.allowingLoopback());

    @BeforeEach
    void start() throws Exception {
        woo = new StubPlatform();
    }

    @AfterEach
    void stop() {
        woo.close();
    }

    private ChannelLink link() {
        return new ChannelLink("sf_2", ChannelLink.WOOCOMMERCE, woo.url() + "/", Map.of(),
                Map.of("consumerKey", KEY, "consumerSecret", SECRET));
    }

    private static ShipmentNotice notice(boolean fullyShipped) {
        return new ShipmentNotice("shp_1", "USPS", TRACKING,
                "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + TRACKING, Instant.parse("2026-12-06T10:00:00Z"),
                List.of(new ShipmentNotice.Line("SKU-A", "315", 1)), fullyShipped);
    }

    private static final String NOTE_281 = """
            {"id":281,"author":"system","date_created":"2017-03-21T16:46:41","date_created_gmt":"2017-03-21T19:46:41",
             "note":"Shipped with USPS, tracking %s","customer_note":true,
             "_links":{"self":[{"href":"https://example.com/wp-json/wc/v3/orders/723/notes/281"}]}}""".formatted(TRACKING);

    private static final String OTHER_NOTES = """
            [{"id":280,"author":"system","date_created":"2017-03-21T16:46:41","date_created_gmt":"2017-03-21T19:46:41",
              "note":"Order status changed from Pending payment to Processing.","customer_note":false}]""";

    @Test
    void adds_a_customer_note_and_completes_a_fully_shipped_order() {
        woo.on("GET " + NOTES, 200, OTHER_NOTES)
                .on("POST " + NOTES, 201, NOTE_281)
                .on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"processing\"}")
                .on("PUT " + ORDER, 200, "{\"id\":723,\"status\":\"completed\"}");

        PushResult result = channel.confirmShipment(link(), "723", notice(true));

        assertEquals(new PushResult.Done("281"), result);
        List<StubPlatform.Request> requests = woo.requests();
        assertEquals(List.of("GET " + NOTES, "POST " + NOTES, "GET " + ORDER, "PUT " + ORDER),
                requests.stream().map(r -> r.method() + " " + r.path()).toList());
        String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        requests.forEach(r -> assertEquals(basic, r.header("Authorization")));
        assertEquals(Map.of("note", "Shipped with USPS, tracking " + TRACKING
                        + " https://tools.usps.com/go/TrackConfirmAction?tLabels=" + TRACKING, "customer_note", true),
                requests.get(1).json());
        assertEquals("application/json", requests.get(1).header("Content-Type"));
        assertEquals(Map.of("status", "completed"), requests.get(3).json());
    }

    @Test
    void a_partial_shipment_adds_the_note_only() {
        woo.on("GET " + NOTES, 200, "[]").on("POST " + NOTES, 201, NOTE_281);

        assertEquals(new PushResult.Done("281"), channel.confirmShipment(link(), "723", notice(false)));
        assertEquals(2, woo.requests().size());
    }

    @Test
    void a_note_already_naming_the_tracking_number_is_not_added_again_and_a_completed_order_is_left() {
        woo.on("GET " + NOTES, 200, "[" + NOTE_281.replace(TRACKING, TRACKING.toLowerCase()) + "]")
                .on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"completed\"}");

        assertEquals(new PushResult.Done("281"), channel.confirmShipment(link(), "723", notice(true)));
        assertEquals(List.of("GET", "GET"), woo.requests().stream().map(StubPlatform.Request::method).toList());
    }

    @Test
    void a_retry_after_the_note_still_completes_the_order() {
        woo.on("GET " + NOTES, 200, "[" + NOTE_281 + "]")
                .on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"on-hold\"}")
                .on("PUT " + ORDER, 200, "{\"id\":723,\"status\":\"completed\"}");

        assertEquals(new PushResult.Done("281"), channel.confirmShipment(link(), "723", notice(true)));
        assertEquals("PUT", woo.request(2).method());
    }

    @Test
    void woocommerce_errors_are_refused_in_its_words() {
        woo.on("GET " + NOTES, 404,
                "{\"code\":\"woocommerce_rest_shop_order_invalid_id\",\"message\":\"Invalid ID.\",\"data\":{\"status\":404}}");

        assertEquals(new PushResult.Refused("WooCommerce refused reading the order's notes (HTTP 404): Invalid ID."
                + " (woocommerce_rest_shop_order_invalid_id)"), channel.confirmShipment(link(), "723", notice(true)));
    }

    @Test
    void a_failed_status_change_is_refused_after_the_note() {
        woo.on("GET " + NOTES, 200, "[]").on("POST " + NOTES, 201, NOTE_281)
                .on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"processing\"}")
                .on("PUT " + ORDER, 400, "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid parameter(s): status\","
                        + "\"data\":{\"status\":400}}");

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), "723", notice(true)));
        assertTrue(refused.platformMessage().contains("completing the order (HTTP 400): Invalid parameter(s): status"));
    }

    @Test
    void auth_failures_are_refused_without_the_credentials() {
        woo.on("GET " + NOTES, StubPlatform.Answer.of(401, "{\"code\":\"woocommerce_rest_cannot_view\","
                        + "\"message\":\"Sorry, you cannot list resources. (key " + KEY + ")\",\"data\":{\"status\":401}}"),
                StubPlatform.Answer.of(403, "{\"code\":\"woocommerce_rest_cannot_create\",\"message\":\"Sorry, you are"
                        + " not allowed to create resources.\",\"data\":{\"status\":403}}"));

        PushResult.Refused unauthorized = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), "723", notice(false)));
        assertTrue(unauthorized.platformMessage().startsWith("WooCommerce refused the consumer key (401)"));
        assertFalse(unauthorized.platformMessage().contains(KEY), unauthorized.platformMessage());
        PushResult.Refused forbidden = assertInstanceOf(PushResult.Refused.class,
                channel.confirmShipment(link(), "723", notice(false)));
        assertTrue(forbidden.platformMessage().contains("Read/Write"));
        for (PushResult r : List.of(unauthorized, forbidden)) {
            assertFalse(r.toString().contains(SECRET));
        }
        assertFalse(link().toString().contains(KEY));
        assertFalse(link().toString().contains(SECRET));
    }

    @Test
    void throttling_server_errors_timeouts_and_refused_connections_are_retried() throws Exception {
        woo.on("GET " + NOTES, StubPlatform.Answer.of(429, "{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}")
                        .with("Retry-After", "30"),
                StubPlatform.Answer.of(500, "<html><body>Critical error</body></html>"),
                StubPlatform.Answer.of(200, "[]").delayed(1_200));

        PushResult.Retry throttled = assertInstanceOf(PushResult.Retry.class,
                channel.confirmShipment(link(), "723", notice(false)));
        assertTrue(throttled.reason().contains("HTTP 429 while reading the order's notes (Retry-After 30)"),
                throttled.reason());
        PushResult.Retry failed = assertInstanceOf(PushResult.Retry.class,
                channel.confirmShipment(link(), "723", notice(false)));
        assertTrue(failed.reason().contains("Critical error"), failed.reason());
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(link(), "723", notice(false)));

        ChannelLink nowhere = new ChannelLink("sf_2", ChannelLink.WOOCOMMERCE, null,
                Map.of("siteUrl", "http://127.0.0.1:" + StubPlatform.closedPort()),
                Map.of("consumerKey", KEY, "consumerSecret", SECRET));
        assertInstanceOf(PushResult.Retry.class, channel.confirmShipment(nowhere, "723", notice(false)));
    }

    @Test
    void nothing_is_sent_without_credentials_an_address_or_a_numeric_order_id() {
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(new ChannelLink("sf_2", "woocommerce",
                woo.url(), Map.of(), Map.of("consumerKey", KEY)), "723", notice(false)));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(new ChannelLink("sf_2", "woocommerce",
                null, Map.of(), Map.of("consumerKey", KEY, "consumerSecret", SECRET)), "723", notice(false)));
        assertInstanceOf(PushResult.Refused.class, channel.confirmShipment(link(), "723/../../users", notice(false)));
        assertEquals(0, woo.requests().size());
    }

    @Test
    void the_api_root_comes_from_the_base_url_or_the_site_url() {
        assertEquals("https://shop.example/wp-json/wc/v3", WooCommerceChannel.api(
                new ChannelLink("s", "woocommerce", null, Map.of("siteUrl", "https://shop.example/"), Map.of())));
        assertEquals("https://shop.example/wp-json/wc/v3", WooCommerceChannel.api(
                new ChannelLink("s", "woocommerce", "https://shop.example/wp-json/wc/v3", Map.of(), Map.of())));
        assertNull(WooCommerceChannel.api(new ChannelLink("s", "woocommerce", "ftp://shop.example", Map.of(), Map.of())));
    }

    @Test
    void the_note_names_carrier_tracking_and_link() {
        assertEquals("Shipped with the carrier, tracking X1", WooCommerceChannel.noteText(
                new ShipmentNotice("s", null, " X1 ", null, Instant.EPOCH, List.of(), false)));
    }
}
