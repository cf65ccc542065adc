package orderflow.it;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import orderflow.functions.actions.ShipOrderHandler;
import orderflow.functions.channels.SyncChannelHandler;
import orderflow.shared.api.SellerRoute;
import orderflow.shared.aws.DynamoChannelSyncs;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.json.Json;

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

    /** The order's channel syncs as stored, oldest first. */
    static List<ChannelSync> syncs(TestCloud cloud, String orderId) {
        return new DynamoChannelSyncs(cloud.dynamo, cloud.ref("ChannelSyncsTable"), null).ofOrder(orderId);
    }

    /** SyncQueue through the handler until none of the order's syncs is PENDING (bounded). */
    static void sendSyncs(TestCloud cloud, SyncChannelHandler handler, String orderId) {
        QueuePump.until(cloud.sqs, cloud.ref("SyncQueue"), ev -> handler.handleRequest(ev, new TestContext()),
                () -> syncs(cloud, orderId).stream().allMatch(s -> s.status() != ChannelSync.Status.PENDING),
                "the sync");
    }
}
