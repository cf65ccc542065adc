package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.functions.orders.GetOrderHandler;
import orderflow.it.fakes.FakeShopifyAdmin;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.ports.ChannelClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A shipment made here reaches Shopify: order in by a signed Shopify webhook, shipped through the
 * seller API, the channel sync written with the shipment, sent by the sync function to a fake of
 * Shopify's Admin GraphQL API (written from Shopify's documentation, not from our client). Exactly
 * one fulfillment with the tracking number, even when Shopify first throttles and fails, and when
 * the sync function crashes after Shopify took the fulfillment.
 */
class ChannelSyncIT {

    private static final String SECRET = "shopify-app-secret-for-it";
    private static final long SHOPIFY_ORDER = 5923847102534L;
    private static final long MUG_LINE = 14820937461830L;
    private static final long TEE_LINE = 14820937494598L;

    private final TestCloud cloud = TestCloud.get();
    private FakeShopifyAdmin shopify;
    private String seller;
    private String storefront;

    @BeforeEach
    void shop() throws Exception {
        shopify = new FakeShopifyAdmin();
        shopify.addLocation(1, "Warehouse");
        shopify.addOrder(SHOPIFY_ORDER).name("#1001").lineItem(MUG_LINE, "MUG-BLUE", 2, "12.50")
                .lineItem(TEE_LINE, "TEE-BLACK-L", 1, "19.99");
        shopify.addFulfillmentOrder(900, SHOPIFY_ORDER, 1).lineItem(901, MUG_LINE, 2).lineItem(902, TEE_LINE, 1);
        seller = cloud.newSeller("sync");
        storefront = seller + "-shopify";
        cloud.admin().putStorefront(storefront, seller, "shopify", SECRET);
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        cloud.admin().putChannelLink(new ChannelLink(storefront, ChannelLink.SHOPIFY, shopify.baseUrl(),
                Map.of("shopDomain", "demo.myshopify.com", "apiVersion", "2026-10", "notifyCustomer", "true"),
                Map.of("accessToken", shopify.accessToken())));
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue"));
    }

    @AfterEach
    void close() {
        shopify.close();
    }

    private static ChannelClient clients() {
        return ChannelSyncSteps.clientsWithoutAmazon();
    }

    /** The Shopify order in by its signed webhook, processed: UNSHIPPED, its lines with Shopify's line ids. */
    private String orderFromShopify(APIGatewayV2HTTPEvent template) throws Exception {
        return ChannelSyncSteps.orderFromShopify(cloud, template, storefront, SECRET, "w-" + seller, SHOPIFY_ORDER);
    }

    private APIGatewayV2HTTPResponse ship(APIGatewayV2HTTPEvent template, String orderId) {
        return ChannelSyncSteps.ship(cloud, template, seller, orderId, null);
    }

    private List<ChannelSync> syncs(String orderId) {
        return ChannelSyncSteps.syncs(cloud, orderId);
    }

    private void sendSyncs(SyncChannelHandler handler, String orderId) {
        ChannelSyncSteps.sendSyncs(cloud, handler, orderId);
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_shipment_made_here_becomes_exactly_one_shopify_fulfillment_with_its_tracking(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromShopify(event);
        assertEquals(201, ship(event, orderId).getStatusCode());
        List<ChannelSync> written = syncs(orderId);
        assertEquals(1, written.size(), "the sync is written with the shipment");
        assertEquals(ChannelSync.Status.PENDING, written.get(0).status());

        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, shopify.fulfillments().size(), shopify.fulfillments().toString());
        FakeShopifyAdmin.RecordedFulfillment f = shopify.fulfillments().get(0);
        assertEquals(List.of("1Z999AA10123456784"), f.trackingNumbers());
        assertEquals("UPS", f.trackingCompany());
        assertEquals(3, f.quantity(), "both lines, every unit: " + f.lines());
        assertEquals(done.platformRef(), f.id());

        // The order shows what Shopify was told.
        APIGatewayV2HTTPEvent get = new APIGatewayV2HTTPEvent();
        get.setRequestContext(event.getRequestContext());
        get.setRouteKey("GET /v1/orders/{orderId}");
        get.setPathParameters(Map.of("orderId", orderId));
        APIGatewayV2HTTPResponse view = new GetOrderHandler(cloud.adapters("GetOrderFunction"))
                .handleRequest(get, new TestContext());
        assertEquals(200, view.getStatusCode(), view.getBody());
        assertTrue(view.getBody().contains("\"status\":\"DONE\"") && view.getBody().contains(done.syncId()), view.getBody());
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void throttled_then_failing_shopify_still_gets_exactly_one_fulfillment(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromShopify(event);
        shopify.throttleNext(1).failNext(1, 500);
        assertEquals(201, ship(event, orderId).getStatusCode());
        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertTrue(done.attempts() >= 2, "the throttle and the 500 were each an attempt: " + done);
        assertEquals(1, shopify.fulfillments().size(), shopify.fulfillments().toString());
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_crash_after_shopify_took_the_fulfillment_never_makes_a_second(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromShopify(event);
        assertEquals(201, ship(event, orderId).getStatusCode());
        // The outcome's write is lost (the function dies right after Shopify answered): SQS redelivers.
        ChannelSyncSteps.sendSyncsDyingAfterThePlatform(cloud, clients(), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, shopify.fulfillments().size(), "a second fulfillment: " + shopify.fulfillments());
        assertEquals(1, shopify.callsTo("fulfillmentCreate").size(),
                "the redelivery found the fulfillment and did not ask again: " + shopify.calls());
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_sync_whose_queueing_was_lost_is_queued_again_by_the_retried_shipment_request(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromShopify(event);
        assertEquals(201, ship(event, orderId).getStatusCode());
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue")); // as if the function died before its send
        assertEquals(ChannelSync.Status.PENDING, syncs(orderId).get(0).status());

        APIGatewayV2HTTPResponse repeat = ship(event, orderId); // the client retries the same shipment
        assertTrue(repeat.getStatusCode() / 100 == 2, repeat.getBody());
        assertEquals(1, syncs(orderId).size(), "a repeat writes no second sync");
        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        assertEquals(ChannelSync.Status.DONE, syncs(orderId).get(0).status());
        assertEquals(1, shopify.fulfillments().size(), shopify.fulfillments().toString());
    }
}
