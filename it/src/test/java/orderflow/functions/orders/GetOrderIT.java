package orderflow.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.params.ParameterizedTest;

/** GetOrderHandler with events/get-order.json: a seller sees its own orders and nobody else's. */
class GetOrderIT {

    private final TestCloud cloud = TestCloud.get();
    private final GetOrderHandler handler = new GetOrderHandler(cloud.adapters("GetOrderFunction"));

    private Order storeOrder(String seller) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "G-" + System.nanoTime());
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        return order;
    }

    private APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String seller, String orderId) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller));
        event.setPathParameters(Map.of("orderId", orderId));
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/get-order.json", type = APIGatewayV2HTTPEvent.class)
    void seller_reads_its_own_order(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("go");
        Order order = storeOrder(seller);
        APIGatewayV2HTTPResponse response = handler.handleRequest(as(event, seller, order.orderId()), new TestContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        Map<String, Object> body = Json.parseObject(response.getBody());
        assertEquals(order.orderId(), body.get("orderId"));
        assertEquals("READY", body.get("status"));
        assertEquals(Map.of("amount", "53.58", "currency", "USD"), ((Map<?, ?>) body.get("totals")).get("total"));
    }

    @ParameterizedTest
    @Event(value = "events/get-order.json", type = APIGatewayV2HTTPEvent.class)
    void another_sellers_order_is_404_like_a_missing_one(APIGatewayV2HTTPEvent event) {
        Order order = storeOrder(cloud.newSeller("owner"));
        String intruder = cloud.newSeller("intruder");
        APIGatewayV2HTTPResponse foreign = handler.handleRequest(as(event, intruder, order.orderId()), new TestContext());
        APIGatewayV2HTTPResponse missing = handler.handleRequest(as(event, intruder, "ord_00000000000000000000000000"),
                new TestContext());
        assertEquals(404, foreign.getStatusCode());
        assertEquals(404, missing.getStatusCode());
        assertEquals("application/problem+json", foreign.getHeaders().get("content-type"));
        assertEquals(Json.parseObject(foreign.getBody()).get("type"), Json.parseObject(missing.getBody()).get("type"));
    }
}
