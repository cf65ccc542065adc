package orderflow.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.params.ParameterizedTest;

/** ListOrdersHandler with events/list-orders.json: the BySellerCreated index, filters and paging. */
class ListOrdersIT {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final TestCloud cloud = TestCloud.get();
    private final ListOrdersHandler handler = new ListOrdersHandler(cloud.adapters("ListOrdersFunction",
            Clock.fixed(NOW, ZoneOffset.UTC)));
    private final DynamoOrders orders = cloud.orders();

    private Order store(String seller, String externalId, Instant createdAt) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId);
        json.put("createdAt", createdAt.toString());
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, createdAt);
        orders.createIfAbsent(order);
        return order;
    }

    private Map<String, Object> list(APIGatewayV2HTTPEvent event, String seller, Map<String, String> query) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller));
        event.setQueryStringParameters(query);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.parseObject(response.getBody());
    }

    private static List<String> ids(Map<String, Object> page) {
        List<String> ids = new ArrayList<>();
        for (Object row : (List<?>) page.get("orders")) {
            ids.add((String) ((Map<?, ?>) row).get("orderId"));
        }
        return ids;
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void lists_newest_first_a_page_at_a_time_and_only_the_sellers_own(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("lo");
        Order a = store(seller, "A", NOW.minusSeconds(300));
        Order b = store(seller, "B", NOW.minusSeconds(200));
        Order c = store(seller, "C", NOW.minusSeconds(100));
        store(cloud.newSeller("other"), "X", NOW.minusSeconds(150));

        Map<String, Object> first = list(event, seller, Map.of("limit", "2"));
        assertEquals(List.of(c.orderId(), b.orderId()), ids(first));
        Map<String, Object> second = list(event, seller, Map.of("limit", "2", "cursor", (String) first.get("nextCursor")));
        assertEquals(List.of(a.orderId()), ids(second));
        assertNull(second.get("nextCursor"));

        Map<String, Object> window = list(event, seller, Map.of("createdFrom", NOW.minusSeconds(250).toString(),
                "createdTo", NOW.minusSeconds(150).toString()));
        assertEquals(List.of(b.orderId()), ids(window));
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void filters_by_status_and_lateness(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("lf");
        Order ready = store(seller, "R", NOW.minusSeconds(3000));
        Order due = store(seller, "D", NOW.minusSeconds(2000));
        // Confirmed (stock reservation is not what this test is about) with a ship-by date already past.
        assertEquals(orderflow.shared.ports.Orders.Done.class, orders.apply(orderflow.shared.domain.OrderChange.of(due,
                due.confirmed(NOW.minusSeconds(60), NOW.plusSeconds(86_400)), NOW,
                orderflow.shared.domain.Actor.job("test"), "reserve", "test", List.of())).getClass());

        assertEquals(List.of(ready.orderId()), ids(list(event, seller, Map.of("status", "READY"))));
        Map<String, Object> late = list(event, seller, Map.of("late", "true"));
        assertEquals(List.of(due.orderId()), ids(late));
        assertEquals(true, ((Map<?, ?>) ((List<?>) late.get("orders")).get(0)).get("late"));
        assertEquals(List.of(ready.orderId()), ids(list(event, seller, Map.of("late", "false"))));
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void bad_parameters_are_a_400_naming_each(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", cloud.newSeller("lb")));
        Map<String, String> query = new HashMap<>(Map.of("status", "nope", "limit", "0", "cursor", "bm90IGEgY3Vyc29y"));
        event.setQueryStringParameters(query);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext());
        assertEquals(400, response.getStatusCode());
        for (String field : List.of("status", "limit", "cursor")) {
            assertTrue(response.getBody().contains("\"field\":\"" + field + "\""), response.getBody());
        }
    }
}
