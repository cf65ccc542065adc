package orderflow.functions.webhook;

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
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.json.Json;
import orderflow.shared.security.PlatformSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Shopify and WooCommerce deliveries, in their documented shapes (events/), through the webhook
 * handler against the emulator: signatures, topics, de-duplication, the WooCommerce ping.
 */
class PlatformWebhooksIT {

    private static final String SECRET = "shpss_it_0123456789abcdef";
    private final TestCloud cloud = TestCloud.get();
    private final ReceiveWebhookHandler handler = new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("plat");
        cloud.admin().putStock(seller, "MUG-BLUE", 100, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 100, Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
    }

    private String storefront(String type) {
        String id = seller + "-" + type;
        cloud.admin().putStorefront(id, seller, type, SECRET);
        return id;
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(TestCloud.get().root.resolve("events/" + name));
    }

    private APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent template, String storefront, String body,
                                          Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.setRouteKey(template.getRouteKey());
        e.setPathParameters(Map.of("storefrontId", storefront));
        e.setHeaders(new HashMap<>(headers));
        e.setBody(body);
        return handler.handleRequest(e, new TestContext());
    }

    private static Map<String, String> shopify(String topic, String webhookId, String body, String secret) {
        return Map.of("content-type", "application/json", "x-shopify-topic", topic, "x-shopify-webhook-id", webhookId,
                "x-shopify-event-id", "evt-" + webhookId, "x-shopify-shop-domain", "demo.myshopify.com",
                "x-shopify-hmac-sha256", PlatformSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    private void processQueuedOrders() {
        for (Map<String, Object> m : Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"))) {
            var r = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(LambdaStreams.sqsEventOf(Json.write(m)),
                    new TestContext());
            assertEquals(List.of(), r.getBatchItemFailures());
        }
    }

    private long confirmations(String orderId) {
        return Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(m -> ("order-confirmed:" + orderId).equals(m.get("eventId"))).count();
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void shopify_create_then_paid_and_replays_make_one_confirmed_order(APIGatewayV2HTTPEvent event) throws Exception {
        String sf = storefront("shopify");
        String body = fixture("shopify-orders-create.json");
        String orderId = OrderIds.forExternal(sf, String.valueOf(Json.parseObject(body).get("id")));

        APIGatewayV2HTTPResponse created = post(event, sf, body, shopify("orders/create", "w-1", body, SECRET));
        assertEquals(202, created.getStatusCode(), created.getBody());
        assertEquals(orderId, Json.parseObject(created.getBody()).get("orderId"));
        APIGatewayV2HTTPResponse paid = post(event, sf, body, shopify("orders/paid", "w-2", body, SECRET));
        assertEquals(true, Json.parseObject(paid.getBody()).get("duplicate"), paid.getBody());
        APIGatewayV2HTTPResponse replay = post(event, sf, body, shopify("orders/create", "w-1", body, SECRET));
        assertEquals(true, Json.parseObject(replay.getBody()).get("duplicate"), replay.getBody());
        assertTrue(replay.getBody().contains("delivery already handled"), replay.getBody());

        processQueuedOrders();
        assertEquals("UNSHIPPED", cloud.orders().get(orderId).orElseThrow().status().name());
        assertEquals(1, confirmations(orderId), "one confirmation however often it was delivered");
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void shopify_with_a_wrong_signature_is_401_and_writes_nothing(APIGatewayV2HTTPEvent event) throws Exception {
        String sf = storefront("shopify");
        String body = fixture("shopify-orders-create.json");
        APIGatewayV2HTTPResponse r = post(event, sf, body, shopify("orders/create", "w-x", body, "not-the-secret"));
        assertEquals(401, r.getStatusCode(), r.getBody());
        String orderId = OrderIds.forExternal(sf, String.valueOf(Json.parseObject(body).get("id")));
        assertTrue(cloud.orders().get(orderId).isEmpty());
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void shopify_missing_fields_hold_the_order_by_name_and_extra_fields_are_accepted(APIGatewayV2HTTPEvent event)
            throws Exception {
        String sf = storefront("shopify");
        Map<String, Object> json = new HashMap<>(Json.parseObject(fixture("shopify-orders-create.json")));
        json.remove("currency");
        json.remove("line_items");
        json.put("some_future_field", Map.of("nested", true));
        String body = Json.write(json);
        APIGatewayV2HTTPResponse r = post(event, sf, body, shopify("orders/create", "w-bad", body, SECRET));
        assertEquals(202, r.getStatusCode(), r.getBody()); // never refused: Shopify would drop it after 8 tries
        String orderId = (String) Json.parseObject(r.getBody()).get("orderId");
        var held = cloud.orders().get(orderId).orElseThrow();
        assertEquals("ON_HOLD", held.status().name());
        List<String> fields = held.intake().holds().stream().map(h -> h.field()).toList();
        assertTrue(fields.contains("currency") && fields.contains("line_items"), fields.toString());
        assertTrue(fields.stream().noneMatch(f -> f.contains("some_future_field")), fields.toString());
        assertEquals(body, new String(cloud.orders().rawPayload(orderId).orElseThrow(), StandardCharsets.UTF_8),
                "the delivery is kept as it came");
    }

    @ParameterizedTest
    @Event(value = "events/receive-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void woocommerce_ping_created_and_cancelled(APIGatewayV2HTTPEvent event) throws Exception {
        String sf = storefront("woocommerce");
        APIGatewayV2HTTPResponse ping = post(event, sf, "webhook_id=42",
                Map.of("content-type", "application/x-www-form-urlencoded"));
        assertEquals(200, ping.getStatusCode(), ping.getBody());

        String body = fixture("woocommerce-order-created.json");
        Map<String, String> headers = Map.of("content-type", "application/json", "x-wc-webhook-topic", "order.created",
                "x-wc-webhook-delivery-id", "d-1", "x-wc-webhook-signature",
                PlatformSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)));
        APIGatewayV2HTTPResponse created = post(event, sf, body, headers);
        assertEquals(202, created.getStatusCode(), created.getBody());
        String orderId = (String) Json.parseObject(created.getBody()).get("orderId");
        processQueuedOrders();
        assertEquals("UNSHIPPED", cloud.orders().get(orderId).orElseThrow().status().name());

        Map<String, Object> cancelled = new HashMap<>(Json.parseObject(body));
        cancelled.put("status", "cancelled");
        String update = Json.write(cancelled);
        APIGatewayV2HTTPResponse r = post(event, sf, update, Map.of("content-type", "application/json",
                "x-wc-webhook-topic", "order.updated", "x-wc-webhook-delivery-id", "d-2", "x-wc-webhook-signature",
                PlatformSignature.sign(SECRET, update.getBytes(StandardCharsets.UTF_8))));
        assertEquals(202, r.getStatusCode(), r.getBody());
        long[] before = cloud.admin().stock(seller, "MUG-BLUE");
        processQueuedOrders();
        assertEquals("CANCELED", cloud.orders().get(orderId).orElseThrow().status().name());
        assertTrue(cloud.admin().stock(seller, "MUG-BLUE")[1] < before[1], "reserved stock released");
    }
}
