package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import orderflow.shared.domain.channels.ShipmentNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Acknowledge, cancel and refund against WooCommerce REST v3 shapes from its docs: order notes
 * (customer_note false = private), orders update (status), order refunds (amount as a string,
 * reason, line_items {id, quantity, refund_total}, api_refund, api_restock; response example id 726)
 * and errors {code, message, data.status}. A refund its gateway turns down is HTTP 500
 * woocommerce_rest_cannot_create_order_refund (the refunds controller wraps wc_create_refund's error).
 */
class WooCommerceNoticesTest {

    private static final String KEY = "ck_4f2a9d7c1e8b0a6d3c5e7f9a1b2c3d4e5f6a7b8c";
    private static final String SECRET = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
    private static final String ORDER = "/wp-json/wc/v3/orders/723";
    private static final String NOTES = ORDER + "/notes";
    private static final String REFUNDS = ORDER + "/refunds";

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
        return new ChannelLink("sf_2", ChannelLink.WOOCOMMERCE, woo.url(), Map.of(),
                Map.of("consumerKey", KEY, "consumerSecret", SECRET));
    }

    private static final List<ShipmentNotice.Line> LINES = List.of(new ShipmentNotice.Line("SKU-A", "315", 1),
            new ShipmentNotice.Line("SKU-B", "316", 2));

    private static String note(int id, String text, boolean customer) {
        return "{\"id\":" + id + ",\"author\":\"WooCommerce\",\"date_created\":\"2017-03-21T16:46:41\","
                + "\"note\":\"" + text + "\",\"customer_note\":" + customer + "}";
    }

    private static List<String> calls(StubPlatform platform) {
        return platform.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static RefundNotice refund(boolean goodwill) {
        return new RefundNotice("ref_7Q", new Money(2500, "USD"), "Damaged in transit", goodwill, List.of(
                new RefundNotice.Line("SKU-A", "315", goodwill ? 0 : 1, new Money(1500, "USD")),
                new RefundNotice.Line("SKU-B", "316", 0, new Money(1000, "USD"))));
    }

    private static final String REFUND_726 = """
            {"id":726,"date_created":"2017-03-21T17:07:11","date_created_gmt":"2017-03-21T20:07:11","amount":"25.00",
             "reason":"Damaged in transit [ref_7Q]","refunded_by":1,"refunded_payment":true,"meta_data":[],
             "line_items":[]}""";

    @Test
    void acknowledge_adds_a_private_note_naming_our_order() {
        woo.on("GET " + NOTES, 200, "[" + note(280, "Order status changed from Pending payment to Processing.", false)
                + "]").on("POST " + NOTES, 201, note(290, "Acknowledged in orderflow as ord_1", false));

        assertEquals(new PushResult.Done("290"), channel.acknowledge(link(), "723", new AcknowledgeNotice("ord_1", LINES)));
        assertEquals(List.of("GET " + NOTES, "POST " + NOTES), calls(woo));
        assertEquals("{\"note\":\"Acknowledged in orderflow as ord_1\",\"customer_note\":false}", woo.request(1).body());
    }

    @Test
    void acknowledge_is_not_noted_twice_after_a_lost_answer() {
        woo.on("GET " + NOTES, 200, "[" + note(290, "Acknowledged in orderflow as ord_1", false) + "]");

        assertEquals(new PushResult.Done("290"), channel.acknowledge(link(), "723", new AcknowledgeNotice("ord_1", LINES)));
        assertEquals(List.of("GET " + NOTES), calls(woo));
    }

    @Test
    void cancel_sets_the_status_then_adds_a_private_note_with_the_reason() {
        CancelNotice notice = new CancelNotice("ord_1", "OUT_OF_STOCK", "supplier lost the batch", false, LINES);
        String text = "Cancelled in orderflow as ord_1: OUT_OF_STOCK: supplier lost the batch";
        woo.on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"processing\"}")
                .on("PUT " + ORDER, 200, "{\"id\":723,\"status\":\"cancelled\"}")
                .on("GET " + NOTES, 200, "[]")
                .on("POST " + NOTES, 201, note(291, text, false));

        assertEquals(new PushResult.Done("291"), channel.cancel(link(), "723", notice));
        assertEquals(List.of("GET " + ORDER, "PUT " + ORDER, "GET " + NOTES, "POST " + NOTES), calls(woo));
        assertEquals("{\"status\":\"cancelled\"}", woo.request(1).body());
        assertEquals("{\"note\":\"" + text + "\",\"customer_note\":false}", woo.request(3).body());
    }

    @Test
    void cancel_is_not_sent_twice_after_a_lost_answer() {
        CancelNotice notice = new CancelNotice("ord_1", "BUYER_REQUESTED", null, true, LINES);
        woo.on("GET " + ORDER, 200, "{\"id\":723,\"status\":\"cancelled\"}")
                .on("GET " + NOTES, 200, "[" + note(291, "Cancelled in orderflow as ord_1: BUYER_REQUESTED", false) + "]");

        assertEquals(new PushResult.Done("291"), channel.cancel(link(), "723", notice));
        assertEquals(List.of("GET " + ORDER, "GET " + NOTES), calls(woo));
    }

    @Test
    void a_completed_or_refunded_order_is_not_cancelled() {
        CancelNotice notice = new CancelNotice("ord_1", "OTHER", null, false, LINES);
        woo.on("GET " + ORDER, StubPlatform.Answer.of(200, "{\"id\":723,\"status\":\"completed\"}"),
                StubPlatform.Answer.of(200, "{\"id\":723,\"status\":\"refunded\"}"));

        assertEquals(new PushResult.Refused("The WooCommerce order is completed: it cannot be cancelled any more"
                + " (refund the buyer instead)."), channel.cancel(link(), "723", notice));
        assertInstanceOf(PushResult.Refused.class, channel.cancel(link(), "723", notice));
        assertEquals(List.of("GET " + ORDER, "GET " + ORDER), calls(woo));
    }

    @Test
    void refund_goes_through_the_gateway_without_restocking_with_our_id_in_the_reason() {
        woo.on("GET " + REFUNDS, 200, "[]").on("POST " + REFUNDS, 201, REFUND_726);

        assertEquals(new PushResult.Done("726"), channel.refund(link(), "723", refund(false)));
        assertEquals(List.of("GET " + REFUNDS, "POST " + REFUNDS), calls(woo));
        assertEquals("{\"amount\":\"25.00\",\"reason\":\"Damaged in transit [ref_7Q]\",\"api_refund\":true,"
                + "\"api_restock\":false,\"line_items\":[{\"id\":315,\"quantity\":1,\"refund_total\":\"15.00\"}]}",
                woo.request(1).body());
        assertEquals("application/json", woo.request(1).header("Content-Type"));
    }

    @Test
    void a_goodwill_refund_is_money_only() {
        woo.on("GET " + REFUNDS, 200, "[]").on("POST " + REFUNDS, 201, REFUND_726);

        channel.refund(link(), "723", refund(true));
        assertEquals("{\"amount\":\"25.00\",\"reason\":\"Damaged in transit [ref_7Q]\",\"api_refund\":true,"
                + "\"api_restock\":false}", woo.request(1).body());
    }

    @Test
    void refund_is_not_sent_twice_after_a_lost_answer() {
        woo.on("GET " + REFUNDS, 200, "[{\"id\":700,\"amount\":\"5.00\",\"reason\":\"Order fully refunded.\"},"
                + REFUND_726 + "]");

        assertEquals(new PushResult.Done("726"), channel.refund(link(), "723", refund(false)));
        assertEquals(List.of("GET " + REFUNDS), calls(woo));
    }

    @Test
    void a_gateway_without_automatic_refunds_is_refused_in_woocommerces_words() {
        woo.on("GET " + REFUNDS, 200, "[]").on("POST " + REFUNDS, 500, "{\"code\":\"woocommerce_rest_cannot_create_order"
                + "_refund\",\"message\":\"The payment gateway for this order does not support automatic refunds.\","
                + "\"data\":{\"status\":500}}");

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.refund(link(), "723", refund(false)));
        assertTrue(refused.platformMessage().contains("The payment gateway for this order does not support automatic"
                + " refunds."), refused.platformMessage());
        assertTrue(refused.platformMessage().contains("pay the buyer by hand"), refused.platformMessage());
    }

    @Test
    void throttling_and_server_errors_are_retried_and_never_show_the_credentials() {
        woo.on("GET " + REFUNDS, StubPlatform.Answer.of(429, "{\"code\":\"rate_limited\",\"message\":\"Too many"
                        + " requests\"}").with("Retry-After", "30"),
                StubPlatform.Answer.of(200, "[]"));
        woo.on("POST " + REFUNDS, 503, "<html>upstream " + KEY + " down</html>");
        woo.on("GET " + ORDER, 401, "{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry, you cannot view"
                + " this resource (" + SECRET + ").\",\"data\":{\"status\":401}}");

        PushResult.Retry throttled = assertInstanceOf(PushResult.Retry.class, channel.refund(link(), "723", refund(false)));
        assertTrue(throttled.reason().contains("HTTP 429 while reading the order's refunds (Retry-After 30)"),
                throttled.reason());
        PushResult down = channel.refund(link(), "723", refund(false));
        assertInstanceOf(PushResult.Retry.class, down);
        PushResult unauthorized = channel.cancel(link(), "723", new CancelNotice("ord_1", "OTHER", null, false, LINES));
        assertInstanceOf(PushResult.Refused.class, unauthorized);
        for (PushResult r : List.of(throttled, down, unauthorized)) {
            assertFalse(r.toString().contains(KEY), r.toString());
            assertFalse(r.toString().contains(SECRET), r.toString());
        }
    }
}
