package orderflow.functions.shipping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.local.carriers.FakeAmazonShipping;
import orderflow.local.carriers.FakeEasyPost;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.aws.DynamoChannelSyncs;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.InventoryRequests;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.domain.shipping.ShippingProfile;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buying shipping against the emulator and the carrier fakes (EasyPost, Amazon Shipping v2): rates
 * from the SKUs' weights and boxes, one purchase whatever the retries (also after a 500 that came
 * after the charge), no trace of a refused purchase, void before the parcel moves, signed tracking
 * scans delivering the order at the carrier's time, forged and repeated scans changing nothing.
 */
class LabelsIT {

    private static final String WEBHOOK_SECRET = "whsec-labels-it";
    private static FakeEasyPost easyPost;
    private static FakeAmazonShipping amazon;

    private final TestCloud cloud = TestCloud.get();
    private final Map<String, String> lwa = Map.of("LWA_ENDPOINT", amazon.tokenEndpoint(),
            "LWA_CLIENT_ID", FakeAmazonShipping.CLIENT_ID, "LWA_CLIENT_SECRET_PARAMETER",
            cloud.secureString("/it/labels/lwa-client-secret", FakeAmazonShipping.CLIENT_SECRET));
    private final GetRatesHandler rates = new GetRatesHandler(cloud.adapters("GetRatesFunction", lwa, cloud.dynamo,
            cloud.sqs, java.time.Clock.systemUTC()));
    private final BuyLabelHandler labels = new BuyLabelHandler(cloud.adapters("BuyLabelFunction", lwa, cloud.dynamo,
            cloud.sqs, java.time.Clock.systemUTC()));
    private final ReceiveTrackingEventHandler tracking =
            new ReceiveTrackingEventHandler(cloud.adapters("ReceiveTrackingEventFunction"));
    private String seller;

    @BeforeAll
    static void fakes() throws Exception {
        easyPost = new FakeEasyPost();
        amazon = new FakeAmazonShipping();
    }

    @AfterAll
    static void stop() {
        easyPost.close();
        amazon.close();
    }

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("lbl");
        var inventory = cloud.adapters("UpdateStockFunction").inventoryWithMovements();
        Instant now = Instant.now();
        inventory.put(seller, "MUG-BLUE", new InventoryRequests.Put(10, null, null, null,
                new ShippingProfile(450, 200, 150, 120)), 0, "test", now);
        inventory.put(seller, "TEE-BLACK-L", new InventoryRequests.Put(10, null, null, null,
                new ShippingProfile(200, 300, 250, 50)), 0, "test", now);
        cloud.admin().putCarrierAccount(new CarrierAccount(seller, CarrierAccount.EASYPOST, easyPost.baseUrl(),
                Map.of(), Map.of("apiKey", FakeEasyPost.API_KEY, "webhookSecret", WEBHOOK_SECRET)));
        cloud.admin().putShipFrom(seller, new ShipAddress(new Address("Lbl Store", "1 Dock St", null, "Seattle", "WA",
                "98101", "US"), null, "2065550100", null));
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    @Test
    void rates_come_from_the_skus_weights_and_the_largest_box() {
        Order order = unshipped(null);
        Map<String, Object> quote = json(call(rates, "POST", order.orderId(), null, Map.of()));
        // 2 x 450 g + 1 x 200 g, in the largest box of the two SKUs
        assertEquals(Map.of("weightGrams", 1100, "lengthMm", 300, "widthMm", 250, "heightMm", 50), quote.get("parcel"));
        assertTrue(!((List<?>) quote.get("rates")).isEmpty(), "the fake offers rates");
        assertEquals("easypost", quote.get("provider"));
    }

    @Test
    void a_purchase_whose_answer_was_lost_after_the_charge_is_finished_by_the_retry_never_bought_twice() throws Exception {
        Order order = unshipped(null);
        Map<String, Object> buy = cheapest(order.orderId());
        int before = easyPost.purchases();
        easyPost.failNextBuyAfterCharging();
        APIGatewayV2HTTPResponse lost = call(labels, "POST", order.orderId(), null, buy);
        assertEquals(502, lost.getStatusCode(), lost.getBody());
        assertEquals("/problems/carrier-unavailable", json(lost).get("type"));
        assertEquals("UNSHIPPED", status(order.orderId()), "no shipment until the label is known");

        APIGatewayV2HTTPResponse retried = call(labels, "POST", order.orderId(), null, buy);
        assertEquals(201, retried.getStatusCode(), retried.getBody());
        assertEquals(before + 1, easyPost.purchases(), "one charge for both attempts");
        Map<String, Object> label = map(json(retried).get("label"));
        assertEquals("PURCHASED", label.get("status"));
        assertEquals("SHIPPED", status(order.orderId()));
        Order shipped = cloud.orders().get(order.orderId()).orElseThrow();
        var shipment = shipped.fulfillment().shipments().get(0);
        assertEquals(label.get("trackingNumber"), shipment.trackingNumber());
        assertEquals(label.get("labelId"), shipment.label().labelId());
        assertTrue(shipment.label().cost().minor() > 0, "the label's cost is on the shipment");
        assertEquals(List.of(0L, 0L), List.of(stock("MUG-BLUE")[1], stock("TEE-BLACK-L")[1]),
                "the reserved units left with the parcel");

        byte[] pdf = download((String) label.get("labelUrl"));
        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(pdf, 4),
                "the presigned link serves the stored PDF");

        APIGatewayV2HTTPResponse again = call(labels, "POST", order.orderId(), null, buy);
        assertEquals(200, again.getStatusCode());
        assertEquals(false, json(again).get("changed"));
        assertEquals(before + 1, easyPost.purchases());
        long shippedEmails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(m -> "order-shipped".equals(m.get("template"))).map(m -> m.get("eventId")).distinct().count();
        assertEquals(1, shippedEmails, "the buyer hears of the parcel once");
    }

    @Test
    void a_purchase_the_carrier_refuses_leaves_no_label_and_no_shipment() {
        Order order = unshipped(null);
        Map<String, Object> buy = cheapest(order.orderId());
        easyPost.failNext(1, 422);
        APIGatewayV2HTTPResponse refused = call(labels, "POST", order.orderId(), null, buy);
        assertEquals(422, refused.getStatusCode(), refused.getBody());
        assertEquals("/problems/carrier-refused", json(refused).get("type"));
        assertEquals("UNSHIPPED", status(order.orderId()));
        assertEquals(List.of(), json(call(labels, "GET", order.orderId(), null, null)).get("labels"));
        assertEquals(201, call(labels, "POST", order.orderId(), null, buy).getStatusCode(), "the same quote can be bought after");
    }

    @Test
    void voiding_before_the_parcel_moves_takes_the_shipment_back_and_the_moved_parcel_cannot_be_voided() {
        Order first = unshipped(null);
        Map<String, Object> bought = json(call(labels, "POST", first.orderId(), null, cheapest(first.orderId())));
        String labelId = (String) map(bought.get("label")).get("labelId");
        long[] shipped = stock("MUG-BLUE");
        APIGatewayV2HTTPResponse voided = call(labels, "POST", first.orderId(), labelId, null);
        assertEquals(200, voided.getStatusCode(), voided.getBody());
        assertEquals("VOIDED", map(json(voided).get("label")).get("status"));
        assertEquals("UNSHIPPED", status(first.orderId()));
        long[] back = stock("MUG-BLUE");
        assertEquals(shipped[0] + 2, back[0], "on hand again");
        assertEquals(shipped[1] + 2, back[1], "reserved for the order again");
        assertEquals(200, call(labels, "POST", first.orderId(), labelId, null).getStatusCode(), "a repeat changes nothing");

        Order second = unshipped(null);
        Map<String, Object> label = map(json(call(labels, "POST", second.orderId(), null, cheapest(second.orderId())))
                .get("label"));
        scan(easyPost.advance((String) label.get("trackingNumber"), "in_transit"));
        APIGatewayV2HTTPResponse late = call(labels, "POST", second.orderId(), (String) label.get("labelId"), null);
        assertEquals(409, late.getStatusCode(), late.getBody());
        assertEquals("SHIPPED", status(second.orderId()));
    }

    @Test
    void signed_scans_deliver_the_order_at_the_carriers_time_and_repeats_or_late_scans_change_nothing() {
        Order order = unshipped(null);
        String tracking = (String) map(json(call(labels, "POST", order.orderId(), null, cheapest(order.orderId())))
                .get("label")).get("trackingNumber");
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        Map<String, Object> inTransit = easyPost.advance(tracking, "in_transit");
        Map<String, Object> delivered = easyPost.advance(tracking, "delivered");
        // The event carries every scan so far; none was seen yet, so each lands in the history.
        assertTrue(((Number) scan(delivered).get("changed")).intValue() >= 2, "in transit and delivered applied");
        Order after = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals("DELIVERED", after.status().name());
        var shipment = after.fulfillment().shipments().get(0);
        assertEquals("DELIVERED", shipment.label().trackingStatus().name());
        Instant scanned = shipment.label().trackingAt();
        // at the scan's time (never before the ship date: the fake's clock has whole seconds)
        assertEquals(scanned.isBefore(shipment.shipDate()) ? shipment.shipDate() : scanned, shipment.deliveredAt());
        long version = after.version();

        assertEquals(0, ((Number) scan(delivered).get("changed")).intValue(), "a repeated event changes nothing");
        assertEquals(0, ((Number) scan(inTransit).get("changed")).intValue(), "an older event changes nothing");
        assertEquals(version, cloud.orders().get(order.orderId()).orElseThrow().version());
        assertTrue(Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .anyMatch(m -> "order-delivered".equals(m.get("template"))), "the buyer's delivered email");
    }

    @Test
    void a_forged_scan_is_refused_with_401_and_writes_nothing() {
        Order order = unshipped(null);
        String tracking = (String) map(json(call(labels, "POST", order.orderId(), null, cheapest(order.orderId())))
                .get("label")).get("trackingNumber");
        long version = cloud.orders().get(order.orderId()).orElseThrow().version();
        byte[] body = Json.write(easyPost.advance(tracking, "delivered")).getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse forged = tracking(body, FakeEasyPost.signature("not-the-secret", body), seller);
        assertEquals(401, forged.getStatusCode());
        APIGatewayV2HTTPResponse otherSeller = tracking(body, FakeEasyPost.signature(WEBHOOK_SECRET, body), "nobody");
        assertEquals(401, otherSeller.getStatusCode(), "an unknown seller is answered like a bad signature");
        assertEquals(version, cloud.orders().get(order.orderId()).orElseThrow().version());
        assertEquals("SHIPPED", status(order.orderId()));
    }

    @Test
    void an_exception_scan_alerts_the_seller_once() {
        Order order = unshipped(null);
        String tracking = (String) map(json(call(labels, "POST", order.orderId(), null, cheapest(order.orderId())))
                .get("label")).get("trackingNumber");
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        Map<String, Object> returned = easyPost.advance(tracking, "return_to_sender");
        scan(returned);
        scan(returned);
        var alerts = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(m -> "parcel-exception".equals(m.get("template"))).map(m -> m.get("eventId")).distinct().toList();
        assertEquals(1, alerts.size(), "one alert: " + alerts);
        assertEquals("RETURNED", cloud.orders().get(order.orderId()).orElseThrow().fulfillment().shipments().get(0)
                .label().trackingStatus().name());
    }

    @Test
    void an_amazon_label_is_bought_once_through_amazon_shipping_and_writes_no_channel_sync() {
        String storefront = seller + "-sf";
        cloud.admin().putChannelLink(new ChannelLink(storefront, ChannelLink.AMAZON, amazon.baseUrl(),
                Map.of("marketplaceId", "ATVPDKIKX0DER", "sellerId", "A1MERCHANT"),
                Map.of("refreshToken", FakeAmazonShipping.REFRESH_TOKEN)));
        Order order = unshipped("113-" + System.nanoTime());
        Map<String, Object> quote = json(call(rates, "POST", order.orderId(), null, Map.of()));
        assertEquals("amazon-shipping", quote.get("provider"));
        Map<String, Object> rate = map(((List<?>) quote.get("rates")).get(0));
        Map<String, Object> buy = Map.of("quoteId", quote.get("quoteId"), "rateId", rate.get("rateId"));
        int before = amazon.purchases();
        amazon.failNextPurchaseAfterCharging();
        assertEquals(502, call(labels, "POST", order.orderId(), null, buy).getStatusCode());
        APIGatewayV2HTTPResponse bought = call(labels, "POST", order.orderId(), null, buy);
        assertEquals(201, bought.getStatusCode(), bought.getBody());
        assertEquals(before + 1, amazon.purchases(), "the idempotency key made the retry the same purchase");
        assertEquals("SHIPPED", status(order.orderId()));
        var syncs = new DynamoChannelSyncs(cloud.dynamo, cloud.ref("ChannelSyncsTable"), null).ofOrder(order.orderId());
        assertEquals(List.of(), syncs, "Buy Shipping confirmed the shipment on Amazon itself");
        byte[] pdf = download((String) map(json(bought).get("label")).get("labelUrl"));
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void a_pick_wave_prints_the_pick_list_the_slips_and_the_bought_labels_in_one_pdf() throws Exception {
        Order labelled = unshipped(null);
        String tracking = (String) map(json(call(labels, "POST", labelled.orderId(), null,
                cheapest(labelled.orderId()))).get("label")).get("trackingNumber");
        Order open = unshipped(null);
        var pickList = new orderflow.functions.fulfillment.GetPickListHandler(cloud.adapters("GetPickListFunction"));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withQueryStringParameters(Map.of("orders", labelled.orderId() + "," + open.orderId(), "format", "pdf",
                        "include", "slips,labels", "pageSize", "4x6"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001")).build()).build())
                .build();
        APIGatewayV2HTTPResponse r = pickList.handleRequest(event, new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("application/pdf", r.getHeaders().get("content-type"));
        byte[] pdf = java.util.Base64.getDecoder().decode(r.getBody());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains(labelled.orderId()) && text.contains(open.orderId()), "both slips");
            assertTrue(text.contains(tracking), "the bought label is in the file");
            assertTrue(text.contains("MUG-BLUE"), "the pick list");
        }
    }

    // --- steps

    /** The sample order (2 x MUG-BLUE, 1 x TEE-BLACK-L) confirmed by ProcessOrder: UNSHIPPED. */
    private Order unshipped(String externalId) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId == null ? "L-" + System.nanoTime() : externalId);
        json.put("createdAt", Instant.now().minusSeconds(600).toString());
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        var result = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))), new TestContext());
        assertEquals(List.of(), result.getBatchItemFailures());
        assertEquals("UNSHIPPED", status(order.orderId()));
        return cloud.orders().get(order.orderId()).orElseThrow();
    }

    /** Rates for everything left, and the purchase of the cheapest. */
    private Map<String, Object> cheapest(String orderId) {
        Map<String, Object> quote = json(call(rates, "POST", orderId, null, Map.of()));
        Map<String, Object> best = null;
        for (Object o : (List<?>) quote.get("rates")) {
            Map<String, Object> r = map(o);
            if (best == null || Double.parseDouble((String) map(r.get("cost")).get("amount"))
                    < Double.parseDouble((String) map(best.get("cost")).get("amount"))) {
                best = r;
            }
        }
        return Map.of("quoteId", quote.get("quoteId"), "rateId", best.get("rateId"));
    }

    private Map<String, Object> scan(Map<String, Object> event) {
        byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse r = tracking(body, FakeEasyPost.signature(WEBHOOK_SECRET, body), seller);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return json(r);
    }

    private APIGatewayV2HTTPResponse tracking(byte[] body, String signature, String sellerId) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /tracking-events/{provider}/{sellerId}")
                .withPathParameters(Map.of("provider", "easypost", "sellerId", sellerId))
                .withHeaders(Map.of("x-hmac-signature", signature, "content-type", "application/json"))
                .withBody(new String(body, StandardCharsets.UTF_8)).build();
        return tracking.handleRequest(event, new TestContext());
    }

    private APIGatewayV2HTTPResponse call(orderflow.shared.api.SellerRoute handler, String method, String orderId,
                                          String labelId, Object body) {
        Map<String, String> path = new HashMap<>(Map.of("orderId", orderId));
        if (labelId != null) {
            path.put("labelId", labelId);
        }
        APIGatewayV2HTTPEvent event = Fixtures.sellerRequest(method, path, seller, body);
        return handler.handleRequest(event, new TestContext());
    }

    private String status(String orderId) {
        return cloud.orders().get(orderId).orElseThrow().status().name();
    }

    private long[] stock(String sku) {
        return cloud.admin().stock(seller, sku);
    }

    private static byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(APIGatewayV2HTTPResponse r) {
        assertNull(r.getStatusCode() >= 500 && r.getStatusCode() != 502 ? r.getBody() : null);
        return Json.parseObject(r.getBody());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
