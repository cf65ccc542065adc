package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.RefundNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/**
 * Refunds through ShopifyChannel. Shapes after shopify.dev: Order.refunds {id note}, Order.transactions
 * {id kind status gateway amountSet {shopMoney} parentTransaction}, refundCreate(input: RefundInput!)
 * {refund {id}, userErrors} with RefundLineItemInput {lineItemId quantity restockType} and
 * OrderTransactionInput {orderId parentId gateway amount kind}; @idempotent(key:) accepted from 2026-01.
 */
class ShopifyRefundsTest {

    private static final String TOKEN = "shpat_0123456789abcdef";
    private static final String PATH = "POST /admin/api/" + ShopifyChannel.DEFAULT_API_VERSION + "/graphql.json";
    private static final String ORDER = "gid://shopify/Order/450789469";
    private static final String SALE = "gid://shopify/OrderTransaction/389404469";

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

    /** 12.50 USD back for one returned unit of line 466157049; nothing for line 518995019. */
    private static RefundNotice notice() {
        return new RefundNotice("ref_7", new Money(1250, "USD"), "Damaged in transit", false, List.of(
                new RefundNotice.Line("SKU-A", "466157049", 1, new Money(1000, "USD")),
                new RefundNotice.Line("SKU-B", "518995019", 0, new Money(250, "USD"))));
    }

    private static String tx(String id, String kind, String status, String amount, String parent) {
        return """
                {"id":"%s","kind":"%s","status":"%s","gateway":"shopify_payments",
                 "amountSet":{"shopMoney":{"amount":"%s","currencyCode":"USD"}},
                 "parentTransaction":%s}""".formatted(id, kind, status, amount,
                parent == null ? "null" : "{\"id\":\"" + parent + "\"}");
    }

    private static String state(String refunds, String... transactions) {
        return """
                {"data":{"order":{"id":"%s","currencyCode":"USD","refunds":[%s],"transactions":[%s]}}}"""
                .formatted(ORDER, refunds, String.join(",", transactions));
    }

    private static final String PAID = state("",
            tx("gid://shopify/OrderTransaction/389404468", "AUTHORIZATION", "SUCCESS", "50.00", null),
            tx(SALE, "CAPTURE", "SUCCESS", "50.00", "gid://shopify/OrderTransaction/389404468"));

    private static final String CREATED = """
            {"data":{"refundCreate":{"refund":{"id":"gid://shopify/Refund/929361464"},"userErrors":[]}}}""";

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

    @Test
    void refund_sends_the_lines_without_restock_and_the_money_on_the_capture_with_an_idempotency_key() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID), StubPlatform.Answer.of(200, CREATED));

        PushResult result = channel.refund(link(Map.of()), "450789469", notice());

        assertEquals(new PushResult.Done("gid://shopify/Refund/929361464"), result);
        assertEquals(Map.of("id", ORDER), variables(shopify.request(0)));
        String mutation = query(shopify.request(1));
        assertTrue(mutation.contains("refundCreate(input: $input) @idempotent(key: \""
                + ShopifyRefunds.idempotencyKey(ORDER, "ref_7") + "\")"), mutation);
        assertEquals(Map.of("input", Map.of(
                "orderId", ORDER,
                "note", "Damaged in transit [ref_7]",
                "refundLineItems", List.of(Map.of("lineItemId", "gid://shopify/LineItem/466157049", "quantity", 1,
                        "restockType", "NO_RESTOCK")),
                "transactions", List.of(Map.of("orderId", ORDER, "parentId", SALE, "gateway", "shopify_payments",
                        "amount", "12.50", "kind", "REFUND")))), variables(shopify.request(1)));
    }

    @Test
    void the_idempotency_key_is_the_same_for_every_attempt_and_differs_per_refund() {
        assertEquals(ShopifyRefunds.idempotencyKey(ORDER, "ref_7"), ShopifyRefunds.idempotencyKey(ORDER, "ref_7"));
        assertFalse(ShopifyRefunds.idempotencyKey(ORDER, "ref_7").equals(ShopifyRefunds.idempotencyKey(ORDER, "ref_8")));
        assertTrue(ShopifyRefunds.idempotencyKey(ORDER, "ref_7").matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void versions_before_2026_01_get_no_idempotent_directive() {
        shopify.on("POST /admin/api/2025-10/graphql.json", StubPlatform.Answer.of(200, PAID),
                StubPlatform.Answer.of(200, CREATED));

        channel.refund(link(Map.of("apiVersion", "2025-10")), "450789469", notice());

        assertFalse(query(shopify.request(1)).contains("@idempotent"), query(shopify.request(1)));
        assertTrue(ShopifyRefunds.refundCreate("unstable", ORDER, "ref_7").contains("@idempotent"));
        assertTrue(ShopifyRefunds.refundCreate("2026-01", ORDER, "ref_7").contains("@idempotent"));
    }

    @Test
    void a_refund_whose_note_carries_our_id_is_done_without_a_second() {
        shopify.on(PATH, 200, state("""
                {"id":"gid://shopify/Refund/1","note":"Goodwill [ref_70]"},
                {"id":"gid://shopify/Refund/929361464","note":"Damaged in transit [ref_7]"}""",
                tx(SALE, "SALE", "SUCCESS", "50.00", null),
                tx("gid://shopify/OrderTransaction/9", "REFUND", "SUCCESS", "12.50", SALE)));

        assertEquals(new PushResult.Done("gid://shopify/Refund/929361464"),
                channel.refund(link(Map.of()), "450789469", notice()));
        assertEquals(1, shopify.requests().size());
    }

    @Test
    void refund_is_not_sent_twice_after_a_lost_answer() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID), StubPlatform.Answer.of(200, CREATED).delayed(1_200),
                StubPlatform.Answer.of(200, state("{\"id\":\"gid://shopify/Refund/929361464\",\"note\":\"Damaged in transit [ref_7]\"}",
                        tx(SALE, "SALE", "SUCCESS", "50.00", null))));

        assertInstanceOf(PushResult.Retry.class, channel.refund(link(Map.of()), "450789469", notice()));
        assertEquals(new PushResult.Done("gid://shopify/Refund/929361464"),
                channel.refund(link(Map.of()), "450789469", notice()));

        assertEquals(1, mutations());
    }

    @Test
    void more_than_is_left_to_refund_is_refused_before_any_mutation() {
        shopify.on(PATH, 200, state("{\"id\":\"gid://shopify/Refund/1\",\"note\":\"Goodwill [ref_6]\"}",
                tx(SALE, "SALE", "SUCCESS", "50.00", null),
                tx("gid://shopify/OrderTransaction/9", "REFUND", "SUCCESS", "40.00", SALE),
                tx("gid://shopify/OrderTransaction/10", "REFUND", "FAILURE", "5.00", SALE)));

        assertEquals(new PushResult.Refused("Shopify has 10.00 USD left to refund on order " + ORDER
                + ", less than the 12.50 USD of this refund."), channel.refund(link(Map.of()), "450789469", notice()));
        assertEquals(0, mutations());
    }

    @Test
    void an_order_without_a_successful_payment_is_refused() {
        shopify.on(PATH, 200, state("",
                tx("gid://shopify/OrderTransaction/1", "AUTHORIZATION", "SUCCESS", "50.00", null),
                tx("gid://shopify/OrderTransaction/2", "SALE", "FAILURE", "50.00", null)));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.refund(link(Map.of()), "450789469", notice()));
        assertTrue(refused.platformMessage().startsWith("Shopify shows no successful payment (sale or capture)"),
                refused.platformMessage());
        assertEquals(0, mutations());
    }

    @Test
    void a_refund_larger_than_one_payment_is_spread_over_the_order_payments() {
        shopify.on(PATH, StubPlatform.Answer.of(200, state("",
                        tx("gid://shopify/OrderTransaction/1", "SALE", "SUCCESS", "5.00", null).replace("shopify_payments", "gift_card"),
                        tx("gid://shopify/OrderTransaction/2", "SALE", "SUCCESS", "10.00", null))),
                StubPlatform.Answer.of(200, CREATED));

        channel.refund(link(Map.of()), "450789469", notice());

        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) variables(shopify.request(1)).get("input");
        assertEquals(List.of(
                Map.of("orderId", ORDER, "parentId", "gid://shopify/OrderTransaction/1", "gateway", "gift_card",
                        "amount", "5.00", "kind", "REFUND"),
                Map.of("orderId", ORDER, "parentId", "gid://shopify/OrderTransaction/2", "gateway", "shopify_payments",
                        "amount", "7.50", "kind", "REFUND")), input.get("transactions"));
    }

    @Test
    void a_refund_in_another_currency_than_the_shops_is_refused() {
        shopify.on(PATH, 200, PAID.replace("\"currencyCode\":\"USD\",\"refunds\"", "\"currencyCode\":\"CAD\",\"refunds\""));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.refund(link(Map.of()), "450789469", notice()));
        assertTrue(refused.platformMessage().startsWith("The refund is in USD but the Shopify order is in CAD"),
                refused.platformMessage());
    }

    @Test
    void refund_user_errors_are_refused_in_shopifys_words() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID), StubPlatform.Answer.of(200, """
                {"data":{"refundCreate":{"refund":null,"userErrors":[{"field":["refundLineItems","0","quantity"],
                  "message":"Quantity cannot refund more items than were purchased"}]}}}"""));

        assertEquals(new PushResult.Refused("Shopify refused the refund: refundLineItems.0.quantity: Quantity cannot"
                + " refund more items than were purchased"), channel.refund(link(Map.of()), "450789469", notice()));
    }

    @Test
    void refund_throttled_is_retried() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID), StubPlatform.Answer.of(200, """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
                 "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,
                  "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":2,"restoreRate":100.0}}}}"""));

        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class,
                channel.refund(link(Map.of()), "450789469", notice()));
        assertTrue(retry.reason().contains("currently available 2 of 2000.0"), retry.reason());
    }

    @Test
    void refund_answers_never_carry_the_token() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID),
                StubPlatform.Answer.of(403, "{\"errors\":\"token " + TOKEN + " lacks write_orders\"}"),
                StubPlatform.Answer.of(503, "{\"errors\":\"upstream " + TOKEN + " unavailable\"}"));

        PushResult.Refused refused = assertInstanceOf(PushResult.Refused.class,
                channel.refund(link(Map.of()), "450789469", notice()));
        assertFalse(refused.platformMessage().contains(TOKEN), refused.platformMessage());
        assertTrue(refused.platformMessage().contains("read_orders and write_orders"), refused.platformMessage());
        PushResult.Retry retry = assertInstanceOf(PushResult.Retry.class,
                channel.refund(link(Map.of()), "450789469", notice()));
        assertFalse(retry.reason().contains(TOKEN), retry.reason());
    }

    @Test
    void a_goodwill_refund_sends_money_only() {
        shopify.on(PATH, StubPlatform.Answer.of(200, PAID), StubPlatform.Answer.of(200, CREATED));
        RefundNotice goodwill = new RefundNotice("ref_9", new Money(300, "USD"), null, true,
                List.of(new RefundNotice.Line("SKU-A", "466157049", 0, new Money(300, "USD"))));

        channel.refund(link(Map.of()), "450789469", goodwill);

        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) variables(shopify.request(1)).get("input");
        assertFalse(input.containsKey("refundLineItems"));
        assertEquals("Refund [ref_9]", input.get("note"));
        assertEquals(1, ((List<?>) input.get("transactions")).size());
    }
}
