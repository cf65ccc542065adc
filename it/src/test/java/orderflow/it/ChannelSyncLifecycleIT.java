package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.actions.AcknowledgeOrderHandler;
import orderflow.functions.actions.CancelOrderHandler;
import orderflow.functions.actions.ConfirmDeliveryHandler;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.returns.CreateRefundHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.it.fakes.FakeShopifyAdmin;
import orderflow.it.fakes.FakeWooCommerce;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundDelivery;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.security.PlatformSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * What the seller does after the shipment reaches the platform too: an acknowledgement, a cancel and
 * a refund made through the seller API are each written with their channel sync and sent once by the
 * sync function to a fake of the platform (written from its documentation, not from our clients),
 * also when the function dies after the platform took the change.
 */
class ChannelSyncLifecycleIT {

    private static final String WOO_SECRET = "woocommerce-webhook-secret-for-it";
    private static final String SHOPIFY_SECRET = "shopify-app-secret-for-it";
    /** events/woocommerce-order-created.json: order 4217, line 318 = 2 x MUG-BLUE, line 319 = 1 x TEE-BLACK-L. */
    private static final long WOO_ORDER = 4217;
    /** events/shopify-orders-create.json. */
    private static final long SHOPIFY_ORDER = 5923847102534L;
    private static final long MUG_LINE = 14820937461830L;
    private static final long TEE_LINE = 14820937494598L;

    private final TestCloud cloud = TestCloud.get();
    private FakeWooCommerce woo;
    private FakeShopifyAdmin shopify;
    private String seller;
    private String storefront;

    @BeforeEach
    void platforms() throws Exception {
        woo = FakeWooCommerce.empty();
        woo.putProduct(112, "simple", "MUG-BLUE", true, 10);
        woo.putProduct(120, "variable", "TEE-BLACK", false, null);
        woo.putVariation(120, 124, "TEE-BLACK-L", true, 5);
        woo.putOrder(WOO_ORDER, "processing", "USD", List.of(
                new FakeWooCommerce.LineItem(318, 112, 0, "MUG-BLUE", 2, "22.23"),
                new FakeWooCommerce.LineItem(319, 120, 124, "TEE-BLACK-L", 1, "17.76")), true);
        shopify = new FakeShopifyAdmin();
        shopify.addLocation(1, "Warehouse");
        shopify.addOrder(SHOPIFY_ORDER).name("#1001").lineItem(MUG_LINE, "MUG-BLUE", 2, "12.50")
                .lineItem(TEE_LINE, "TEE-BLACK-L", 1, "19.99").transaction(7001, "SALE", "shopify_payments", "44.99");
        shopify.addFulfillmentOrder(900, SHOPIFY_ORDER, 1).lineItem(901, MUG_LINE, 2).lineItem(902, TEE_LINE, 1);
        seller = cloud.newSeller("life");
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("RefundQueue"));
    }

    @AfterEach
    void close() {
        woo.close();
        shopify.close();
    }

    private static ChannelClient clients() {
        return ChannelSyncSteps.clientsWithoutAmazon();
    }

    private SyncChannelHandler syncFunction() {
        return new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients());
    }

    /** An order in by its platform's signed webhook, processed to UNSHIPPED. */
    private String orderFrom(APIGatewayV2HTTPEvent template, String platform) throws Exception {
        storefront = seller + "-" + platform;
        boolean woocommerce = platform.equals(ChannelLink.WOOCOMMERCE);
        String secret = woocommerce ? WOO_SECRET : SHOPIFY_SECRET;
        cloud.admin().putStorefront(storefront, seller, platform, secret);
        cloud.admin().putChannelLink(woocommerce
                ? new ChannelLink(storefront, ChannelLink.WOOCOMMERCE, woo.baseUrl(), Map.of(),
                        Map.of("consumerKey", FakeWooCommerce.CONSUMER_KEY, "consumerSecret",
                                FakeWooCommerce.CONSUMER_SECRET))
                : new ChannelLink(storefront, ChannelLink.SHOPIFY, shopify.baseUrl(),
                        Map.of("shopDomain", "demo.myshopify.com", "apiVersion", "2026-10"),
                        Map.of("accessToken", shopify.accessToken())));
        String body = Files.readString(cloud.root.resolve(woocommerce ? "events/woocommerce-order-created.json"
                : "events/shopify-orders-create.json"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (woocommerce) {
            headers.putAll(Map.of("x-wc-webhook-topic", "order.created", "x-wc-webhook-delivery-id", "d-" + seller,
                    "x-wc-webhook-signature", PlatformSignature.sign(secret, bytes)));
        } else {
            headers.putAll(Map.of("x-shopify-topic", "orders/create", "x-shopify-webhook-id", "w-" + seller,
                    "x-shopify-shop-domain", "demo.myshopify.com",
                    "x-shopify-hmac-sha256", PlatformSignature.sign(secret, bytes)));
        }
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.setRouteKey("POST /webhooks/{storefrontId}");
        e.setPathParameters(Map.of("storefrontId", storefront));
        e.setHeaders(headers);
        e.setBody(body);
        APIGatewayV2HTTPResponse r = new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"))
                .handleRequest(e, new TestContext());
        assertEquals(202, r.getStatusCode(), r.getBody());
        String orderId = OrderIds.forExternal(storefront, Long.toString(woocommerce ? WOO_ORDER : SHOPIFY_ORDER));
        ProcessOrderHandler process = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), ev -> process.handleRequest(ev, new TestContext()),
                () -> cloud.orders().get(orderId).orElseThrow().status().name().equals("UNSHIPPED"), "the order");
        return orderId;
    }

    private APIGatewayV2HTTPResponse acknowledge(APIGatewayV2HTTPEvent template, String orderId) {
        return ChannelSyncSteps.asSeller(template, seller,
                new AcknowledgeOrderHandler(cloud.adapters("AcknowledgeOrderFunction")),
                "POST /v1/orders/{orderId}/acknowledge", orderId, null, Map.of());
    }

    private APIGatewayV2HTTPResponse cancel(APIGatewayV2HTTPEvent template, String orderId) {
        return ChannelSyncSteps.asSeller(template, seller, new CancelOrderHandler(cloud.adapters("CancelOrderFunction")),
                "POST /v1/orders/{orderId}/cancel", orderId, Map.of("reason", "OUT_OF_STOCK", "note", "mold in the mugs"),
                Map.of());
    }

    /** Shipped here and delivered: a goodwill refund may follow. */
    private void shippedAndDelivered(APIGatewayV2HTTPEvent template, String orderId) {
        assertEquals(201, ChannelSyncSteps.ship(cloud, template, seller, orderId, null).getStatusCode());
        APIGatewayV2HTTPResponse delivered = ChannelSyncSteps.asSeller(template, seller,
                new ConfirmDeliveryHandler(cloud.adapters("ConfirmDeliveryFunction")),
                "POST /v1/orders/{orderId}/delivery", orderId, Map.of("deliveredAt", Instant.now().toString()), Map.of());
        assertTrue(delivered.getStatusCode() < 300, delivered.getBody());
    }

    private APIGatewayV2HTTPResponse goodwill(APIGatewayV2HTTPEvent template, String orderId, String amount,
                                              String currency) {
        return ChannelSyncSteps.asSeller(template, seller, new CreateRefundHandler(cloud.adapters("CreateRefundFunction")),
                "POST /v1/orders/{orderId}/refunds", orderId,
                Map.of("amount", Map.of("amount", amount, "currency", currency), "reason", "late delivery"),
                Map.of("idempotency-key", "goodwill-" + seller));
    }

    private List<ChannelSync> syncs(String orderId) {
        return ChannelSyncSteps.syncs(cloud, orderId);
    }

    private ChannelSync only(String orderId, ChannelSync.Kind kind) {
        List<ChannelSync> of = syncs(orderId).stream().filter(s -> s.kind() == kind).toList();
        assertEquals(1, of.size(), "one " + kind + " sync: " + of);
        return of.get(0);
    }

    // ------------------------------------------------------------------ WooCommerce

    @ParameterizedTest
    @Event(value = "events/acknowledge-order.json", type = APIGatewayV2HTTPEvent.class)
    void an_acknowledgement_then_a_cancel_reach_woocommerce_once_each(APIGatewayV2HTTPEvent event) throws Exception {
        String orderId = orderFrom(event, ChannelLink.WOOCOMMERCE);
        assertEquals(200, acknowledge(event, orderId).getStatusCode());
        assertEquals(200, acknowledge(event, orderId).getStatusCode(), "a repeat changes nothing");
        ChannelSyncSteps.sendSyncs(cloud, syncFunction(), orderId);
        assertEquals(ChannelSync.Status.DONE, only(orderId, ChannelSync.Kind.ACKNOWLEDGE).status());
        long ackNotes = woo.notes(WOO_ORDER).stream()
                .filter(n -> String.valueOf(n.get("note")).contains(orderId)).count();
        assertEquals(1, ackNotes, "one note naming our order: " + woo.notes(WOO_ORDER));

        APIGatewayV2HTTPResponse canceled = cancel(event, orderId);
        assertEquals(200, canceled.getStatusCode(), canceled.getBody());
        ChannelSync pending = only(orderId, ChannelSync.Kind.CANCEL);
        assertEquals(ChannelSync.Status.PENDING, pending.status(), "written with the cancel");
        ChannelSyncSteps.sendSyncs(cloud, syncFunction(), orderId);
        ChannelSync done = only(orderId, ChannelSync.Kind.CANCEL);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals("cancelled", woo.order(WOO_ORDER).get("status"));
        assertEquals(1, woo.calls().stream().filter(c -> (c.method().equals("PUT") || c.method().equals("POST"))
                && c.path().equals(FakeWooCommerce.API_PREFIX + "/orders/" + WOO_ORDER)).count(),
                "one status change: " + woo.calls());
    }

    @ParameterizedTest
    @Event(value = "events/create-refund.json", type = APIGatewayV2HTTPEvent.class)
    void a_goodwill_refund_is_paid_once_by_woocommerce_even_when_the_sync_dies_after_it(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFrom(event, ChannelLink.WOOCOMMERCE);
        shippedAndDelivered(event, orderId);
        ChannelSyncSteps.sendSyncs(cloud, syncFunction(), orderId); // the shipment's note
        APIGatewayV2HTTPResponse r = goodwill(event, orderId, "5.00", "USD");
        assertEquals(201, r.getStatusCode(), r.getBody());
        Refund refund = new DynamoRefunds(cloud.dynamo, cloud.ref("RefundsTable"), null, null).forOrder(orderId).get(0);
        assertEquals(RefundDelivery.Status.CHANNEL, refund.delivery().status(), "not also sent to a refund URL");

        ChannelSyncSteps.sendSyncsDyingAfterThePlatform(cloud, clients(), orderId);
        ChannelSync done = only(orderId, ChannelSync.Kind.REFUND);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        List<Map<String, Object>> refunds = woo.refunds(WOO_ORDER);
        assertEquals(1, refunds.size(), "paid once: " + refunds);
        assertEquals("5.00", String.valueOf(refunds.get(0).get("amount")));
    }

    // ------------------------------------------------------------------ Shopify

    @ParameterizedTest
    @Event(value = "events/cancel-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_cancel_made_here_cancels_the_shopify_order_once(APIGatewayV2HTTPEvent event) throws Exception {
        String orderId = orderFrom(event, ChannelLink.SHOPIFY);
        assertEquals(200, cancel(event, orderId).getStatusCode());
        assertEquals(200, cancel(event, orderId).getStatusCode(), "a repeat queues the same sync again");
        ChannelSyncSteps.sendSyncs(cloud, syncFunction(), orderId);
        ChannelSync done = only(orderId, ChannelSync.Kind.CANCEL);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, shopify.cancellations().size(), shopify.cancellations().toString());
        FakeShopifyAdmin.RecordedCancellation c = shopify.cancellations().get(0);
        assertEquals("INVENTORY", c.reason());
        assertTrue(c.restock(), c.toString());
        assertTrue(shopify.isCancelled(FakeShopifyAdmin.gid("Order", SHOPIFY_ORDER)));
    }

    @ParameterizedTest
    @Event(value = "events/create-refund.json", type = APIGatewayV2HTTPEvent.class)
    void a_goodwill_refund_becomes_one_shopify_refund_against_the_sale(APIGatewayV2HTTPEvent event) throws Exception {
        String orderId = orderFrom(event, ChannelLink.SHOPIFY);
        shippedAndDelivered(event, orderId);
        APIGatewayV2HTTPResponse r = goodwill(event, orderId, "4.00", "USD");
        assertEquals(201, r.getStatusCode(), r.getBody());
        ChannelSyncSteps.sendSyncs(cloud, syncFunction(), orderId);
        ChannelSync done = only(orderId, ChannelSync.Kind.REFUND);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, shopify.refunds().size(), shopify.refunds().toString());
        FakeShopifyAdmin.RecordedRefund refund = shopify.refunds().get(0);
        assertEquals(1, refund.transactions().size(), refund.toString());
        assertEquals("4.00", String.valueOf(refund.transactions().get(0).get("amount")), refund.toString());
        assertEquals(List.of(), refund.refundLineItems(), "goodwill returns no goods: " + refund);
    }

}
