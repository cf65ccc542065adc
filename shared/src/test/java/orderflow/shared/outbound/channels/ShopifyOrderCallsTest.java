package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.AcknowledgeNotice;
import orderflow.shared.domain.channels.CancelNotice;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.ShipmentNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Acknowledge (tagsAdd on the order) and cancel (orderCancel) through ShopifyChannel. Shapes after
 * shopify.dev: Order.tags, tagsAdd(id:, tags:) {node, userErrors}, Order.cancelledAt,
 * orderCancel(orderId, reason, restock, notifyCustomer, staffNote, refund | refundMethod from 2025-07)
 * {job {id done}, orderCancelUserErrors {field message code}}.
 */
class ShopifyOrderCallsTest {

    private static final String TOKEN = "shpat_0123456789abcdef";
    private static final String PATH = "POST /admin/api/" + ShopifyChannel.DEFAULT_API_VERSION + "/graphql.json";
    private static final String ORDER = "gid://shopify/Order/450789469";
    private static final AcknowledgeNotice ACK = new AcknowledgeNotice("ord_1",
            List.of(new ShipmentNotice.Line("SKU-A", "466157049", 2)));
    private static final String THROTTLED = """
            {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
             "extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":null,
              "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":3,"restoreRate":100.0}}}}""";

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

    private static CancelNotice cancelNotice(String note) {
        return new CancelNotice("ord_1", "BUYER_REQUESTED", note, true,
                List.of(new ShipmentNotice.Line("SKU-A", "466157049", 2)));
    }

    private static String tags(String... tags) {
        return "{\"data\":{\"order\":{\"id\":\"" + ORDER + "\",\"tags\":[" + String.join(",",
                java.util.Arrays.stream(tags).map(t -> "\"" + t + "\"").toList()) + "]}}}";
    }

    private static String cancelledAt(String at) {
        return "{\"data\":{\"order\":{\"id\":\"" + ORDER + "\",\"cancelledAt\":" + (at == null ? "null" : "\"" + at + "\"")
                + "}}}";
    }

    private static final String TAGGED = """
            {"data":{"tagsAdd":{"node":{"id":"gid://shopify/Order/450789469"},"userErrors":[]}}}""";

    private static final String JOB = """
            {"data":{"orderCancel":{"job":{"id":"gid://shopify/Job/0d5b3b2e-1c1e-4c0e-9d53-6c1f2b1d0a11","done":false},
              "orderCancelUserErrors":[]}}}""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(StubPlatform.Request r) {
        return (Map<String, Object>) r.json().get("variables");
    }

    private static String query(StubPlatform.Request r) {
        return (String) r.json().get("query");
    }

    private long mutations() {
        return shopify.requests().stream().filter(r -> query(r).strip().startsWith("mutation")).count();
    }

    // ---- acknowledge

    @Test
    void acknowledge_adds_the_tag_to_the_order() {
        shopify.on(PATH, StubPlatform.Answer.of(200, tags("vip")), StubPlatform.Answer.of(200, TAGGED));

        PushResult result = channel.acknowledge(link(Map.of()), "450789469", ACK);

        assertEquals(new PushResult.Done(ORDER), result);
        assertEquals(2, shopify.requests().size());
        assertEquals(TOKEN, shopify.request(0).header("X-Shopify-Access-Token"));
        assertEquals(Map.of("id", ORDER), variables(shopify.request(0)));
        assertTrue(query(shopify.request(1)).contains("tagsAdd(id: $id, tags: $tags)"));
        assertEquals(Map.of("id", ORDER, "tags", List.of("orderflow:acknowledged")), variables(shopify.request(1)));
    }

    @Test
    void acknowledge_uses_the_links_own_tag() {
        shopify.on(PATH, StubPlatform.Answer.of(200, tags()), StubPlatform.Answer.of(200, TAGGED));

        channel.acknowledge(link(Map.of("acknowledgeTag", " seen-by-warehouse ")), ORDER, ACK);

        assertEquals(Map.of("id", ORDER, "tags", List.of("seen-by-warehouse")), variables(shopify.request(1)));
    }

    @Test
    void acknowledge_is_not_sent_twice_when_the_order_already_has_the_tag() {
        shopify.on(PATH, 200, tags("vip", "OrderFlow:Acknowledged"));

        PushResult result = channel.acknowledge(link(Map.of()), "450789469", ACK);

        assertEquals(new PushResult.Done(ORDER), result);
        assertEquals(1, shopify.requests().size());
    }

    @Test
    void acknowledge_after_a_lost_answer_finds_the_tag_and_writes_nothing_more() {
        shopify.on(PATH, StubPlatform.Answer.of(200, tags()), StubPlatform.Answer.of(200, TAGGED).delayed(1_200),
                StubPlatform.Answer.of(200, tags("orderflow:acknowledged")));

        assertInstanceOf(PushResult.Retry.class, channel.acknowledge(link(Map.of()), "450789469", ACK));
        assertEquals(new PushResult.Done(ORDER), channel.acknowledge(link(Map.of()), "450789469", ACK));

        assertEquals(1, mutations());
    }

    @Test
    void acknowledge_throttled_is_retried() {
        shopify.on(PATH, 200, THROTTLED);

        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class,
                channel.acknowledge(link(Map.of()), "450789469", ACK));
        assertTrue(retry.reason().contains("Throttled (THROTTLED)"), retry.reason());
    }

    @Test
    void acknowledge_user_errors_are_refused_in_shopifys_words() {
        shopify.on(PATH, StubPlatform.Answer.of(200, tags()), StubPlatform.Answer.of(200, """
                {"data":{"tagsAdd":{"node":null,"userErrors":[{"field":["tags"],"message":"Tags is invalid"}]}}}"""));

        assertEquals(new PushResult.Refused("Shopify refused the tag: tags: Tags is invalid"),
                channel.acknowledge(link(Map.of()), "450789469", ACK));
    }

    @Test
    void acknowledge_without_write_orders_is_refused_with_the_scopes_and_never_the_token() {
        shopify.on(PATH, StubPlatform.Answer.of(200, tags()), StubPlatform.Answer.of(200, """
                {"errors":[{"message":"Access denied for tagsAdd field. Required access: `write_orders` access scope. Token %s",
                  "extensions":{"code":"ACCESS_DENIED"}}],"data":{"tagsAdd":null}}""".formatted(TOKEN)));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.acknowledge(link(Map.of()), "450789469", ACK));
        assertFalse(refused.platformMessage().contains(TOKEN), refused.platformMessage());
        assertTrue(refused.platformMessage().contains("(ACCESS_DENIED)"), refused.platformMessage());
        assertTrue(refused.platformMessage().contains("write_orders"), refused.platformMessage());
    }

    @Test
    void acknowledge_of_an_order_the_app_cannot_see_is_refused() {
        shopify.on(PATH, 200, "{\"data\":{\"order\":null}}");

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.acknowledge(link(Map.of()), "1", ACK));
        assertTrue(refused.platformMessage().startsWith("Shopify has no order gid://shopify/Order/1"));
    }

    // ---- cancel

    @Test
    void cancel_sends_orderCancel_with_refundMethod_in_current_versions() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, JOB));

        PushResult result = channel.cancel(link(Map.of()), "450789469", cancelNotice("changed their mind"));

        assertEquals(new PushResult.Done("gid://shopify/Job/0d5b3b2e-1c1e-4c0e-9d53-6c1f2b1d0a11"), result);
        assertTrue(query(shopify.request(0)).contains("cancelledAt"));
        String mutation = query(shopify.request(1));
        assertTrue(mutation.contains("refundMethod: $refundMethod"), mutation);
        assertFalse(mutation.contains("refund: $refund"), mutation);
        assertEquals(Map.of("orderId", ORDER, "reason", "CUSTOMER", "restock", true, "notifyCustomer", true,
                "staffNote", "BUYER_REQUESTED: changed their mind",
                "refundMethod", Map.of("originalPaymentMethodsRefund", true)), variables(shopify.request(1)));
    }

    @Test
    void cancel_sends_the_deprecated_refund_flag_before_2025_07_and_honours_the_settings() {
        shopify.on("POST /admin/api/2025-04/graphql.json", StubPlatform.Answer.of(200, cancelledAt(null)),
                StubPlatform.Answer.of(200, JOB));

        channel.cancel(link(Map.of("apiVersion", "2025-04", "refundOnCancel", "false", "notifyCustomer", "FALSE")),
                "450789469", cancelNotice(null));

        String mutation = query(shopify.request(1));
        assertTrue(mutation.contains("$refund: Boolean!") && mutation.contains("refund: $refund"), mutation);
        assertFalse(mutation.contains("refundMethod"), mutation);
        assertEquals(Map.of("orderId", ORDER, "reason", "CUSTOMER", "restock", true, "notifyCustomer", false,
                "staffNote", "BUYER_REQUESTED", "refund", false), variables(shopify.request(1)));
    }

    @Test
    void cancel_without_refund_in_current_versions_says_so_in_refundMethod() {
        shopify.on("POST /admin/api/2025-07/graphql.json", StubPlatform.Answer.of(200, cancelledAt(null)),
                StubPlatform.Answer.of(200, JOB));

        channel.cancel(link(Map.of("apiVersion", "2025-07", "refundOnCancel", "false")), "450789469", cancelNotice(null));

        assertEquals(Map.of("originalPaymentMethodsRefund", false), variables(shopify.request(1)).get("refundMethod"));
    }

    @Test
    void cancel_of_an_order_already_canceled_is_done_without_a_mutation() {
        shopify.on(PATH, 200, cancelledAt("2026-12-06T10:00:00Z"));

        assertEquals(new PushResult.Done(ORDER), channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
        assertEquals(1, shopify.requests().size());
    }

    @Test
    void cancel_is_not_sent_twice_after_a_lost_answer() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, JOB).delayed(1_200),
                StubPlatform.Answer.of(200, cancelledAt("2026-12-06T10:00:01Z")));

        assertInstanceOf(PushResult.Retry.class, channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
        assertEquals(new PushResult.Done(ORDER), channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));

        assertEquals(1, mutations());
    }

    @Test
    void cancel_user_errors_are_refused_in_shopifys_words() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, """
                        {"data":{"orderCancel":{"job":null,"orderCancelUserErrors":[{"field":["orderId"],
                          "message":"Cannot cancel an order that has fulfillments.","code":"INVALID"}]}}}"""),
                StubPlatform.Answer.of(200, cancelledAt(null)));

        assertEquals(new PushResult.Refused("Shopify refused the cancel: orderId: Cannot cancel an order that has"
                + " fulfillments."), channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
    }

    @Test
    void cancel_refused_because_an_earlier_job_canceled_it_meanwhile_is_done() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, """
                        {"data":{"orderCancel":{"job":null,"orderCancelUserErrors":[{"field":["orderId"],
                          "message":"Order has already been cancelled.","code":"INVALID"}]}}}"""),
                StubPlatform.Answer.of(200, cancelledAt("2026-12-06T10:00:01Z")));

        assertEquals(new PushResult.Done(ORDER), channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
    }

    @Test
    void cancel_throttled_or_failing_is_retried() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, THROTTLED),
                StubPlatform.Answer.of(502, "<html>Bad gateway</html>"));

        assertInstanceOf(PushResult.Retry.class, channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
        assertInstanceOf(PushResult.Retry.class, channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
        assertEquals(1, mutations());
    }

    @Test
    void cancel_cuts_a_long_seller_note_to_the_staff_note_limit() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, JOB));

        channel.cancel(link(Map.of()), "450789469", cancelNotice("x".repeat(1_000)));

        String note = (String) variables(shopify.request(1)).get("staffNote");
        assertEquals(ShopifyOrderCalls.STAFF_NOTE_LIMIT, note.length());
        assertTrue(note.startsWith("BUYER_REQUESTED: xxx") && note.endsWith("…"));
    }

    @Test
    void cancel_refusals_never_carry_the_token() {
        shopify.on(PATH, StubPlatform.Answer.of(200, cancelledAt(null)), StubPlatform.Answer.of(200, """
                        {"data":{"orderCancel":{"job":null,"orderCancelUserErrors":[{"field":null,
                          "message":"Refund not permitted for token %s","code":"NO_REFUND_PERMISSION"}]}}}"""
                        .formatted(TOKEN)),
                StubPlatform.Answer.of(200, cancelledAt(null)));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.cancel(link(Map.of()), "450789469", cancelNotice(null)));
        assertEquals("Shopify refused the cancel: Refund not permitted for token ***", refused.platformMessage());
    }

    @Test
    void nothing_is_sent_without_a_token_or_an_order_id() {
        assertInstanceOf(PushResult.Refused.class, channel.cancel(
                new ChannelLink("sf_1", ChannelLink.SHOPIFY, shopify.url(), Map.of(), Map.of()), "1", cancelNotice(null)));
        assertInstanceOf(PushResult.Refused.class, channel.acknowledge(link(Map.of()), " ", ACK));
        assertInstanceOf(PushResult.Refused.class, channel.acknowledge(link(Map.of("acknowledgeTag", "a,b")), "1", ACK));
        assertEquals(0, shopify.requests().size());
    }
}
