package orderflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.it.fakes.FakeSpApiOutbound;
import orderflow.it.fakes.FakeWooCommerce;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.domain.channels.ShipmentNotice;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.channels.AmazonChannel;
import orderflow.shared.outbound.channels.ChannelClients;
import orderflow.shared.outbound.channels.ShopifyChannel;
import orderflow.shared.outbound.channels.WooCommerceChannel;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.security.PlatformSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import orderflow.shared.outbound.OutboundRules;

/**
 * A shipment made here reaches WooCommerce and Amazon, as {@link ChannelSyncIT} shows it for Shopify:
 * shipped through the seller API, the channel sync written with the shipment, sent by the sync
 * function to a fake of the platform (written from the platform's documentation, not from our
 * clients). WooCommerce: exactly one customer note with the tracking number, the order completed
 * once nothing is left to ship, also when the site is first down and when the sync function crashes
 * after WooCommerce took the note. Amazon: exactly one confirmShipment naming each OrderItemId, also
 * when Amazon first throttles; a line whose OrderItemId was never kept fails the sync for the seller.
 */
class ChannelSyncPlatformsIT {

    private static final String SECRET = "woocommerce-webhook-secret-for-it";
    private static final String TRACKING = "1Z999AA10123456784";
    /** events/woocommerce-order-created.json: order 4217, line 318 = 2 x MUG-BLUE, line 319 = 1 x TEE-BLACK-L. */
    private static final long WOO_ORDER = 4217;
    private static final long MUG_LINE = 318;
    private static final long TEE_LINE = 319;
    /** FakeSpApiOutbound.ORDER_ID_2's items: 2 x the first, 1 x the second. */
    private static final String MUG_ITEM = "68828574383266";
    private static final String TEE_ITEM = "68828574383267";

    private final TestCloud cloud = TestCloud.get();
    private FakeWooCommerce woo;
    private FakeSpApiOutbound amazon;
    private String seller;
    private String storefront;

    @BeforeEach
    void platforms() throws Exception {
        woo = FakeWooCommerce.empty();
        woo.putProduct(112, "simple", "MUG-BLUE", true, 10);
        woo.putProduct(120, "variable", "TEE-BLACK", false, null);
        woo.putVariation(120, 124, "TEE-BLACK-L", true, 5);
        woo.putOrder(WOO_ORDER, "processing", "USD", List.of(
                new FakeWooCommerce.LineItem(MUG_LINE, 112, 0, "MUG-BLUE", 2, "22.23"),
                new FakeWooCommerce.LineItem(TEE_LINE, 120, 124, "TEE-BLACK-L", 1, "17.76")), true);
        amazon = new FakeSpApiOutbound();
        seller = cloud.newSeller("psync");
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue"));
    }

    @AfterEach
    void close() {
        woo.close();
        amazon.close();
    }

    /** Our three clients, Amazon's pointed at the fake's SP-API and Login with Amazon endpoints. */
    private ChannelClient clients() {
        return new ChannelClients(new ShopifyChannel(OutboundRules.allowingLoopback()), new WooCommerceChannel(OutboundRules.allowingLoopback()), new AmazonChannel(
                URI.create(amazon.endpoint()), URI.create(amazon.tokenEndpoint()), FakeSpApiOutbound.CLIENT_ID,
                FakeSpApiOutbound.CLIENT_SECRET, Clock.systemUTC(), OutboundRules.allowingLoopback()));
    }

    // ------------------------------------------------------------------ WooCommerce

    private void wooStorefront() {
        storefront = seller + "-woo";
        cloud.admin().putStorefront(storefront, seller, "woocommerce", SECRET);
        cloud.admin().putChannelLink(new ChannelLink(storefront, ChannelLink.WOOCOMMERCE, woo.baseUrl(), Map.of(),
                Map.of("consumerKey", FakeWooCommerce.CONSUMER_KEY, "consumerSecret", FakeWooCommerce.CONSUMER_SECRET)));
    }

    /** The WooCommerce order in by its signed webhook, processed: UNSHIPPED, its lines with WooCommerce's line ids. */
    private String orderFromWooCommerce(APIGatewayV2HTTPEvent template) throws Exception {
        wooStorefront();
        String body = Files.readString(cloud.root.resolve("events/woocommerce-order-created.json"));
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.setRouteKey("POST /webhooks/{storefrontId}");
        e.setPathParameters(Map.of("storefrontId", storefront));
        e.setHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-wc-webhook-topic", "order.created",
                "x-wc-webhook-delivery-id", "d-" + seller, "x-wc-webhook-signature",
                PlatformSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)))));
        e.setBody(body);
        APIGatewayV2HTTPResponse r = new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"))
                .handleRequest(e, new TestContext());
        assertEquals(202, r.getStatusCode(), r.getBody());
        String orderId = OrderIds.forExternal(storefront, Long.toString(WOO_ORDER));
        assertEquals(orderId, Json.parseObject(r.getBody()).get("orderId"));
        ProcessOrderHandler process = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), ev -> process.handleRequest(ev, new TestContext()),
                () -> cloud.orders().get(orderId).orElseThrow().status().name().equals("UNSHIPPED"), "the order");
        assertEquals(List.of(Long.toString(MUG_LINE), Long.toString(TEE_LINE)),
                cloud.orders().get(orderId).orElseThrow().lines().stream().map(OrderLine::lineId).toList(),
                "the order keeps WooCommerce's line item ids");
        return orderId;
    }

    /** The notes on the WooCommerce order that name the tracking number. */
    private List<Map<String, Object>> trackingNotes() {
        return woo.notes(WOO_ORDER).stream().filter(n -> String.valueOf(n.get("note")).contains(TRACKING)).toList();
    }

    private long wooCalls(String method, String path) {
        return woo.calls().stream().filter(c -> c.method().equals(method)
                && c.path().equals(FakeWooCommerce.API_PREFIX + path)).count();
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_full_shipment_becomes_one_woocommerce_customer_note_and_completes_the_order(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromWooCommerce(event);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        List<ChannelSync> written = syncs(orderId);
        assertEquals(1, written.size(), "the sync is written with the shipment");
        assertEquals(ChannelSync.Status.PENDING, written.get(0).status());
        assertTrue(written.get(0).shipment().fullyShipped(), written.get(0).toString());

        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        List<Map<String, Object>> notes = trackingNotes();
        assertEquals(1, notes.size(), "one note for the buyer: " + woo.notes(WOO_ORDER));
        Map<String, Object> note = notes.get(0);
        assertEquals(true, note.get("customer_note"), "WooCommerce emails only customer notes: " + note);
        assertTrue(String.valueOf(note.get("note")).contains("UPS"), "the carrier: " + note);
        assertEquals(String.valueOf(note.get("id")), done.platformRef());
        assertEquals("completed", woo.order(WOO_ORDER).get("status"), "nothing is left to ship");
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_woocommerce_site_in_maintenance_gets_the_note_once_it_is_back(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromWooCommerce(event);
        woo.failNext(1, 503);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        List<ChannelSync> afterEach = new ArrayList<>();
        SyncChannelHandler handler = new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients());
        QueuePump.until(cloud.sqs, cloud.ref("SyncQueue"), ev -> {
            SQSBatchResponse r = handler.handleRequest(ev, new TestContext());
            afterEach.add(syncs(orderId).get(0));
            return r;
        }, () -> syncs(orderId).stream().allMatch(s -> s.status() != ChannelSync.Status.PENDING), "the sync");

        ChannelSync first = afterEach.get(0);
        assertEquals(ChannelSync.Status.PENDING, first.status(), "the 503 is waited out, not failed: " + first);
        assertEquals(1, first.attempts(), first.toString());
        assertTrue(String.valueOf(first.lastError()).contains("503"), first.toString());
        assertEquals(503, woo.calls().get(0).status(), woo.calls().toString());
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(2, done.attempts(), done.toString());
        assertEquals(1, trackingNotes().size(), "one note for the buyer: " + woo.notes(WOO_ORDER));
        assertEquals("completed", woo.order(WOO_ORDER).get("status"));
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_partial_shipment_adds_the_woocommerce_note_but_leaves_the_order_open(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromWooCommerce(event);
        assertEquals(201, ship(event, orderId, List.of(Map.of("sku", "MUG-BLUE", "quantity", 2))).getStatusCode());
        ChannelSync written = syncs(orderId).get(0);
        assertFalse(written.shipment().fullyShipped(), "the tee is still to ship: " + written);
        assertEquals(List.of(new ShipmentNotice.Line("MUG-BLUE",
                Long.toString(MUG_LINE), 2)), written.shipment().lines());

        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, trackingNotes().size(), "one note for the buyer: " + woo.notes(WOO_ORDER));
        assertEquals("processing", woo.order(WOO_ORDER).get("status"), "not completed while a line is left");
        assertEquals(0, wooCalls("PUT", "/orders/" + WOO_ORDER), "no status change asked: " + woo.calls());
        assertEquals("PARTIALLY_SHIPPED", cloud.orders().get(orderId).orElseThrow().status().name(),
                "the order here is not shipped in full either");
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_crash_after_woocommerce_took_the_note_never_adds_a_second(APIGatewayV2HTTPEvent event) throws Exception {
        String orderId = orderFromWooCommerce(event);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        // The outcome's write is lost (the function dies right after WooCommerce answered): SQS redelivers.
        ChannelSyncSteps.sendSyncsDyingAfterThePlatform(cloud, clients(), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(2, wooCalls("GET", "/orders/" + WOO_ORDER + "/notes"),
                "both deliveries reached WooCommerce: " + woo.calls());
        assertEquals(1, wooCalls("POST", "/orders/" + WOO_ORDER + "/notes"),
                "the redelivery found the note and did not add another: " + woo.calls());
        assertEquals(1, trackingNotes().size(), "one note for the buyer: " + woo.notes(WOO_ORDER));
        assertEquals(String.valueOf(trackingNotes().get(0).get("id")), done.platformRef());
        assertEquals("completed", woo.order(WOO_ORDER).get("status"));
    }

    // ------------------------------------------------------------------ Amazon

    /**
     * An Amazon order (FakeSpApiOutbound.ORDER_ID_2: 2 x MUG-BLUE, 1 x TEE-BLACK-L) stored as intake
     * stores it, each line with the given OrderItemId (null: not kept), processed to UNSHIPPED.
     */
    private String orderFromAmazon(String mugItem, String teeItem) {
        storefront = seller + "-amzn";
        cloud.admin().putAmazonStorefront(storefront, seller, "A" + seller.toUpperCase().replaceAll("[^A-Z0-9]", ""),
                FakeSpApiOutbound.REFRESH_TOKEN);
        cloud.admin().putChannelLink(new ChannelLink(storefront, ChannelLink.AMAZON, null,
                Map.of("marketplaceId", FakeSpApiOutbound.MARKETPLACE_ID),
                Map.of("refreshToken", FakeSpApiOutbound.REFRESH_TOKEN)));
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", FakeSpApiOutbound.ORDER_ID_2);
        IncomingOrder parsed = GenericOrderPayload.parse(json);
        Map<String, String> itemIds = new HashMap<>();
        itemIds.put("MUG-BLUE", mugItem);
        itemIds.put("TEE-BLACK-L", teeItem);
        List<OrderLine> lines = parsed.lines().stream().map(l -> new OrderLine(l.sku(), l.title(), l.quantity(),
                l.unitPrice(), l.ref(), itemIds.get(l.sku()))).toList();
        Order order = new IncomingOrder(parsed.externalOrderId(), parsed.createdAt(), parsed.paid(), parsed.currency(),
                parsed.buyer(), parsed.shipTo(), lines, parsed.totals(), parsed.intake())
                .toOrder(storefront, seller, Instant.now());
        assertTrue(cloud.orders().createIfAbsent(order), "stored");
        SQSEvent processing = LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId())));
        SQSBatchResponse r = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"))
                .handleRequest(processing, new TestContext());
        assertEquals(List.of(), r.getBatchItemFailures());
        assertEquals("UNSHIPPED", cloud.orders().get(order.orderId()).orElseThrow().status().name());
        return order.orderId();
    }

    private List<Map<String, Object>> confirmations() {
        return amazon.shipmentConfirmations(FakeSpApiOutbound.ORDER_ID_2);
    }

    private List<FakeSpApiOutbound.Call> confirmCalls() {
        return amazon.calls().stream().filter(c -> c.path().endsWith("/shipmentConfirmation")).toList();
    }

    /** orderItemId to quantity, from a confirmShipment body. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> items(Map<String, Object> confirmation) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> pkg = (Map<String, Object>) confirmation.get("packageDetail");
        for (Object i : (List<Object>) pkg.get("orderItems")) {
            Map<String, Object> item = (Map<String, Object>) i;
            out.put((String) item.get("orderItemId"), ((Number) item.get("quantity")).intValue());
        }
        return out;
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    @SuppressWarnings("unchecked")
    void a_shipment_made_here_becomes_one_amazon_shipment_confirmation_naming_each_order_item(
            APIGatewayV2HTTPEvent event) {
        String orderId = orderFromAmazon(MUG_ITEM, TEE_ITEM);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        assertEquals(ChannelSync.Status.PENDING, syncs(orderId).get(0).status());

        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(1, confirmations().size(), "one package: " + confirmations());
        Map<String, Object> confirmation = confirmations().get(0);
        assertEquals(FakeSpApiOutbound.MARKETPLACE_ID, confirmation.get("marketplaceId"));
        Map<String, Object> pkg = (Map<String, Object>) confirmation.get("packageDetail");
        assertEquals(TRACKING, pkg.get("trackingNumber"));
        assertEquals("UPS", pkg.get("carrierCode"));
        assertEquals(Map.of(MUG_ITEM, 2, TEE_ITEM, 1), items(confirmation));
        assertEquals(done.platformRef(), pkg.get("packageReferenceId"));
        assertEquals(1, amazon.tokensIssued(), "one LWA token for the call");
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    @SuppressWarnings("unchecked")
    void a_crash_after_amazon_took_the_confirmation_ends_done_with_one_package(APIGatewayV2HTTPEvent event)
            throws Exception {
        String orderId = orderFromAmazon(MUG_ITEM, TEE_ITEM);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        // The outcome's write is lost after Amazon answered 204: the redelivery confirms the same package
        // reference again, which Amazon documents as an update of that package, not a second one.
        ChannelSyncSteps.sendSyncsDyingAfterThePlatform(cloud, clients(), orderId);
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(2, confirmations().size(), "both deliveries confirmed: " + confirmations());
        Map<String, Object> first = (Map<String, Object>) confirmations().get(0).get("packageDetail");
        Map<String, Object> second = (Map<String, Object>) confirmations().get(1).get("packageDetail");
        assertEquals(first.get("packageReferenceId"), second.get("packageReferenceId"), "the same package, updated");
        assertEquals(Map.of(MUG_ITEM, 2, TEE_ITEM, 1), items(confirmations().get(1)));
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_throttled_amazon_confirm_shipment_is_retried_and_confirmed_once(APIGatewayV2HTTPEvent event) {
        String orderId = orderFromAmazon(MUG_ITEM, TEE_ITEM);
        // The seller's confirmShipment quota is used up (a burst of 0): Amazon answers 429 QuotaExceeded
        // until the quota is back, which it is once the first call was throttled.
        amazon.setUsagePlan(FakeSpApiOutbound.Operation.CONFIRM_SHIPMENT, 2, 0);
        AtomicBoolean quotaBack = new AtomicBoolean();
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        List<ChannelSync> afterEach = new ArrayList<>();
        SyncChannelHandler handler = new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients());
        QueuePump.until(cloud.sqs, cloud.ref("SyncQueue"), ev -> {
            SQSBatchResponse r = handler.handleRequest(ev, new TestContext());
            afterEach.add(syncs(orderId).get(0));
            if (!confirmCalls().isEmpty() && quotaBack.compareAndSet(false, true)) {
                amazon.setUsagePlan(FakeSpApiOutbound.Operation.CONFIRM_SHIPMENT, 2, 10);
            }
            return r;
        }, () -> syncs(orderId).stream().allMatch(s -> s.status() != ChannelSync.Status.PENDING), "the sync");

        ChannelSync first = afterEach.get(0);
        assertEquals(ChannelSync.Status.PENDING, first.status(), "the 429 is waited out, not failed: " + first);
        assertTrue(String.valueOf(first.lastError()).contains("429"), first.toString());
        assertEquals(List.of(429, 204), confirmCalls().stream().map(FakeSpApiOutbound.Call::status).toList(),
                amazon.calls().toString());
        ChannelSync done = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.DONE, done.status(), String.valueOf(done.lastError()));
        assertEquals(2, done.attempts(), done.toString());
        assertEquals(1, confirmations().size(), "one package: " + confirmations());
        assertEquals(Map.of(MUG_ITEM, 2, TEE_ITEM, 1), items(confirmations().get(0)));
        assertEquals(1, amazon.tokensIssued(), "the retry used the cached LWA token");
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void an_amazon_line_without_its_order_item_id_fails_the_sync_and_confirms_nothing(APIGatewayV2HTTPEvent event) {
        // Taken before OrderItemIds were kept: the tee's line has none.
        String orderId = orderFromAmazon(MUG_ITEM, null);
        assertEquals(201, ship(event, orderId, null).getStatusCode());
        sendSyncs(new SyncChannelHandler(cloud.adapters("SyncChannelFunction"), clients()), orderId);
        ChannelSync failed = syncs(orderId).get(0);
        assertEquals(ChannelSync.Status.FAILED, failed.status(), failed.toString());
        assertTrue(String.valueOf(failed.lastError()).contains("OrderItemId"), failed.lastError());
        assertEquals(1, failed.attempts(), "refused for good, not retried: " + failed);
        assertEquals(List.of(), confirmations());
        assertEquals(List.of(), confirmCalls(), "not even a partial confirmation: " + amazon.calls());
    }

    // ------------------------------------------------------------------ shared

    private APIGatewayV2HTTPResponse ship(APIGatewayV2HTTPEvent template, String orderId, List<Map<String, Object>> lines) {
        return ChannelSyncSteps.ship(cloud, template, seller, orderId, lines);
    }

    private List<ChannelSync> syncs(String orderId) {
        return ChannelSyncSteps.syncs(cloud, orderId);
    }

    private void sendSyncs(SyncChannelHandler handler, String orderId) {
        ChannelSyncSteps.sendSyncs(cloud, handler, orderId);
    }

}
