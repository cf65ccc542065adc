package orderflow.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.actions.ShipOrderHandler;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.functions.webhook.ReceiveWebhookHandler;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.DynamoChannelSyncs;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.channels.AmazonChannel;
import orderflow.shared.outbound.channels.ChannelClients;
import orderflow.shared.outbound.channels.ShopifyChannel;
import orderflow.shared.outbound.channels.WooCommerceChannel;
import orderflow.shared.ports.ChannelClient;
import orderflow.shared.security.PlatformSignature;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import orderflow.shared.outbound.OutboundRules;

/** The steps every channel sync test takes: ship through the seller API, read the syncs, send them. */
final class ChannelSyncSteps {

    static final String TRACKING = "1Z999AA10123456784";

    private ChannelSyncSteps() {
    }

    /** POST /v1/orders/{orderId}/shipments by UPS as the seller; lines null ships everything left. */
    static APIGatewayV2HTTPResponse ship(TestCloud cloud, APIGatewayV2HTTPEvent template, String seller, String orderId,
                                         List<Map<String, Object>> lines) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        e.setRouteKey("POST /v1/orders/{orderId}/shipments");
        e.setPathParameters(Map.of("orderId", orderId));
        e.setHeaders(Map.of("content-type", "application/json"));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("carrier", "UPS", "trackingNumber", TRACKING,
                "shipDate", Instant.now().toString()));
        if (lines != null) {
            body.put("lines", lines);
        }
        e.setBody(Json.write(body));
        return new ShipOrderHandler(cloud.adapters("ShipOrderFunction")).handleRequest(e, new TestContext());
    }

    /** A seller route called as the seller: routeKey such as "POST /v1/orders/{orderId}/cancel". */
    static APIGatewayV2HTTPResponse asSeller(APIGatewayV2HTTPEvent template, String seller, SellerRoute handler,
                                             String routeKey, String orderId, Map<String, Object> body,
                                             Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        e.setRouteKey(routeKey);
        e.setPathParameters(Map.of("orderId", orderId));
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "application/json");
        e.setHeaders(h);
        e.setBody(body == null ? null : Json.write(body));
        return handler.handleRequest(e, new TestContext());
    }

    /** Our three clients; Amazon's pointed nowhere (tests that need it build their own, at FakeSpApiOutbound). */
    static ChannelClient clientsWithoutAmazon() {
        return new ChannelClients(new ShopifyChannel(OutboundRules.allowingLoopback()), new WooCommerceChannel(OutboundRules.allowingLoopback()), new AmazonChannel(
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), "id", "secret", Clock.systemUTC(), OutboundRules.allowingLoopback()));
    }

    /**
     * events/shopify-orders-create.json in by its signed webhook to the storefront (Shopify app secret
     * given), processed to UNSHIPPED; its order id.
     */
    static String orderFromShopify(TestCloud cloud, APIGatewayV2HTTPEvent template, String storefront, String secret,
                                   String deliveryId, long shopifyOrderId) throws Exception {
        String body = Files.readString(cloud.root.resolve("events/shopify-orders-create.json"));
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(template.getRequestContext());
        e.setRouteKey("POST /webhooks/{storefrontId}");
        e.setPathParameters(Map.of("storefrontId", storefront));
        e.setHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-shopify-topic", "orders/create",
                "x-shopify-webhook-id", deliveryId, "x-shopify-shop-domain", "demo.myshopify.com",
                "x-shopify-hmac-sha256", PlatformSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)))));
        e.setBody(body);
        APIGatewayV2HTTPResponse r = new ReceiveWebhookHandler(cloud.adapters("ReceiveWebhookFunction"))
                .handleRequest(e, new TestContext());
        if (r.getStatusCode() != 202) {
            throw new AssertionError("the webhook answered " + r.getStatusCode() + " " + r.getBody());
        }
        ProcessOrderHandler process = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction"));
        String orderId = OrderIds.forExternal(storefront, Long.toString(shopifyOrderId));
        QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), ev -> process.handleRequest(ev, new TestContext()),
                () -> cloud.orders().get(orderId).orElseThrow().status().name().equals("UNSHIPPED"), "the order");
        return orderId;
    }

    /** The order's channel syncs as stored, oldest first. */
    static List<ChannelSync> syncs(TestCloud cloud, String orderId) {
        return new DynamoChannelSyncs(cloud.dynamo, cloud.ref("ChannelSyncsTable"), null).ofOrder(orderId);
    }

    /**
     * SyncQueue through the sync function, whose first delivery dies right after the platform took the
     * change: the attempt took the sync (its first PutItem went through), the outcome's PutItem is lost.
     * As on AWS, the message comes back after SyncQueue's visibility timeout (360 s), past the attempt's
     * lease, to another execution environment (a clock that far ahead). Until no sync is PENDING.
     */
    static void sendSyncsDyingAfterThePlatform(TestCloud cloud, ChannelClient clients, String orderId)
            throws Exception {
        try (FaultInjector faults = new FaultInjector(URI.create(cloud.endpoint))
                .failAfter("PutItem", FaultInjector.Fault.BEFORE_SEND, 1, 1);
             DynamoDbClient faulty = cloud.dynamoWith(faults)) {
            SyncChannelHandler dying = new SyncChannelHandler(cloud.adapters("SyncChannelFunction", Map.of(), faulty,
                    cloud.sqs, Clock.systemUTC()), clients);
            SyncChannelHandler later = new SyncChannelHandler(cloud.adapters("SyncChannelFunction", Map.of(),
                    cloud.dynamo, cloud.sqs, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(361))), clients);
            AtomicInteger deliveries = new AtomicInteger();
            QueuePump.until(cloud.sqs, cloud.ref("SyncQueue"),
                    ev -> (deliveries.getAndIncrement() == 0 ? dying : later).handleRequest(ev, new TestContext()),
                    () -> syncs(cloud, orderId).stream().allMatch(s -> s.status() != ChannelSync.Status.PENDING),
                    "the sync");
            if (!faults.unfired().isEmpty()) {
                throw new AssertionError("the fault did not reach the sync function: " + faults.unfired());
            }
        }
    }

    /** SyncQueue through the handler until none of the order's syncs is PENDING (bounded). */
    static void sendSyncs(TestCloud cloud, SyncChannelHandler handler, String orderId) {
        QueuePump.until(cloud.sqs, cloud.ref("SyncQueue"), ev -> handler.handleRequest(ev, new TestContext()),
                () -> syncs(cloud, orderId).stream().allMatch(s -> s.status() != ChannelSync.Status.PENDING),
                "the sync");
    }
}
