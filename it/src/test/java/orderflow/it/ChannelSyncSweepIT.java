package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.channels.RetryChannelSyncHandler;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.functions.jobs.FlagOverdueHandler;
import orderflow.functions.jobs.SweepChannelSyncsHandler;
import orderflow.it.fakes.FakeShopifyAdmin;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.json.Json;
import orderflow.shared.ports.ChannelClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The outbox's two safety nets against the emulator and a fake of Shopify's Admin GraphQL API: a
 * shipment's sync whose queue message never went out is found by the sweep once it has been idle for
 * 10 minutes and is then sent (one fulfillment); a sync Shopify refused is in the seller's digest
 * once, and again only after a retry that fails again.
 */
class ChannelSyncSweepIT {

    private static final String SECRET = "shopify-app-secret-for-sweep-it";
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
        seller = cloud.newSeller("sweep");
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

    /** The Shopify order in by its signed webhook, processed: UNSHIPPED. */
    private String orderFromShopify(APIGatewayV2HTTPEvent template) throws Exception {
        return ChannelSyncSteps.orderFromShopify(cloud, template, storefront, SECRET, "w-" + seller, SHOPIFY_ORDER);
    }

    private ChannelSync theSync(String orderId) {
        List<ChannelSync> syncs = ChannelSyncSteps.syncs(cloud, orderId);
        assertEquals(1, syncs.size(), syncs.toString());
        return syncs.get(0);
    }

    private Map<String, Object> sweepAt(Instant now) {
        return new SweepChannelSyncsHandler(cloud.adapters("SweepChannelSyncsFunction", Clock.fixed(now, ZoneOffset.UTC)))
                .handleRequest(Map.of("id", "sweep-" + System.nanoTime()), new TestContext());
    }

    /**
     * SyncQueue through the sync function, this order's messages only: the sweep also re-queues what
     * other tests left pending, and those are not this test's to send. Returns this order's messages.
     */
    private List<Map<String, Object>> sendThisOrdersMessages(String orderId) {
        SyncChannelHandler handler = new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients());
        List<Map<String, Object>> ours = new ArrayList<>();
        QueuePump.drive(cloud.sqs, cloud.ref("SyncQueue"), ev -> {
            List<SQSEvent.SQSMessage> mine = ev.getRecords().stream()
                    .filter(m -> orderId.equals(Json.parseObject(m.getBody()).get("orderId"))).toList();
            mine.forEach(m -> ours.add(Json.parseObject(m.getBody())));
            if (mine.isEmpty()) {
                return new SQSBatchResponse(new ArrayList<>());
            }
            SQSEvent only = new SQSEvent();
            only.setRecords(mine);
            return handler.handleRequest(only, new TestContext());
        });
        return ours;
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_sync_never_queued_is_queued_again_by_the_sweep_after_ten_idle_minutes_and_then_sent_once(
            APIGatewayV2HTTPEvent event) throws Exception {
        shopify.addOrder(SHOPIFY_ORDER).name("#1001").lineItem(MUG_LINE, "MUG-BLUE", 2, "12.50")
                .lineItem(TEE_LINE, "TEE-BLACK-L", 1, "19.99");
        shopify.addFulfillmentOrder(900, SHOPIFY_ORDER, 1).lineItem(901, MUG_LINE, 2).lineItem(902, TEE_LINE, 1);
        String orderId = orderFromShopify(event);
        assertEquals(201, ChannelSyncSteps.ship(cloud, event, seller, orderId, null).getStatusCode());
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue")); // as if the API died before its send, and nobody retried
        ChannelSync written = theSync(orderId);
        assertEquals(ChannelSync.Status.PENDING, written.status());

        // Five minutes on: it may still be in someone's hands, so the sweep leaves it.
        sweepAt(written.updatedAt().plus(Duration.ofMinutes(5)));
        assertEquals(List.of(), sendThisOrdersMessages(orderId));
        assertEquals(ChannelSync.Status.PENDING, theSync(orderId).status());

        // Eleven minutes on: idle past any lease, so it goes back on the queue, and is sent.
        Map<String, Object> report = sweepAt(written.updatedAt().plus(Duration.ofMinutes(11)));
        assertTrue((Integer) report.get("requeued") >= 1, report.toString());
        assertEquals(List.of(Map.of("orderId", orderId, "syncId", written.syncId())), sendThisOrdersMessages(orderId));
        ChannelSync done = theSync(orderId);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, shopify.fulfillments().size(), shopify.fulfillments().toString());
        assertEquals(done.platformRef(), shopify.fulfillments().get(0).id());

        // Done: out of the open index, so a later sweep sends nothing more.
        sweepAt(Instant.now().plus(Duration.ofHours(1)));
        assertEquals(List.of(), sendThisOrdersMessages(orderId));
        assertEquals(1, shopify.fulfillments().size());
    }

    private List<Map<String, Object>> digestRun() {
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        new FlagOverdueHandler(cloud.adapters("FlagOverdueFunction"))
                .handleRequest(Map.of("id", "digest-" + System.nanoTime()), new TestContext());
        return Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(e -> String.valueOf(e.get("eventId")).startsWith("seller-digest:" + seller + ":")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> refused(Map<String, Object> digest) {
        return (List<Map<String, Object>>) ((Map<String, Object>) digest.get("data")).get("refused");
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_sync_shopify_refused_is_in_one_digest_and_again_only_after_a_retry_that_fails_again(
            APIGatewayV2HTTPEvent event) throws Exception {
        // Shopify does not know the order (deleted there): the shipment is refused for good.
        String orderId = orderFromShopify(event);
        assertEquals(201, ChannelSyncSteps.ship(cloud, event, seller, orderId, null).getStatusCode());
        ChannelSyncSteps.sendSyncs(cloud, new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()),
                orderId);
        ChannelSync failed = theSync(orderId);
        assertEquals(ChannelSync.Status.FAILED, failed.status(), failed.toString());

        List<Map<String, Object>> digests = digestRun();
        assertEquals(1, digests.size(), "a seller with only a refused sync still gets a digest");
        List<Map<String, Object>> listed = refused(digests.get(0));
        assertEquals(1, listed.size(), listed.toString());
        Map<String, Object> entry = listed.get(0);
        assertEquals(cloud.orders().get(orderId).orElseThrow().displayNumber(), entry.get("externalOrderId"));
        assertEquals("Shopify", entry.get("platform"));
        assertEquals("shipment", entry.get("kind"));
        assertTrue(String.valueOf(entry.get("error")).startsWith("Shopify has no order"), entry.toString());
        assertEquals("POST /v1/orders/" + orderId + "/channel-syncs/" + failed.syncId() + "/retry", entry.get("retry"));

        assertEquals(List.of(), digestRun(), "reported once: the next run has nothing for this seller");

        // The seller retries; Shopify still has no such order: a new failure, in the next digest.
        APIGatewayV2HTTPResponse retried = retry(event, orderId, failed.syncId());
        assertEquals(202, retried.getStatusCode(), retried.getBody());
        ChannelSyncSteps.sendSyncs(cloud, new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()),
                orderId);
        assertEquals(ChannelSync.Status.FAILED, theSync(orderId).status());
        List<Map<String, Object>> again = digestRun();
        assertEquals(1, again.size());
        assertEquals(1, refused(again.get(0)).size());
        assertEquals(List.of(), digestRun());
    }

    private APIGatewayV2HTTPResponse retry(APIGatewayV2HTTPEvent template, String orderId, String syncId) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        e.setRouteKey("POST /v1/orders/{orderId}/channel-syncs/{syncId}/retry");
        e.setPathParameters(Map.of("orderId", orderId, "syncId", syncId));
        e.setHeaders(Map.of("content-type", "application/json"));
        return new RetryChannelSyncHandler(cloud.adapters("RetryChannelSyncFunction")).handleRequest(e, new TestContext());
    }
}
