package orderflow.functions.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
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
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The inventory routes against the emulator: counts, adjustments, low-stock alerts, backorders. */
class InventoryIT {

    private final TestCloud cloud = TestCloud.get();
    private final UpdateStockHandler update = new UpdateStockHandler(cloud.adapters("UpdateStockFunction"));
    private final GetInventoryHandler read = new GetInventoryHandler(cloud.adapters("GetInventoryFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("inv");
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    private static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String seller, String sku, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000002"));
        if (sku != null) {
            event.setPathParameters(Map.of("sku", sku));
        }
        if (body != null) {
            event.setBody(Json.write(body));
        }
        return event;
    }

    private APIGatewayV2HTTPResponse put(APIGatewayV2HTTPEvent fixture, String sku, Map<String, Object> body) {
        APIGatewayV2HTTPEvent e = copy(fixture);
        e.getRequestContext().getHttp().setMethod("PUT");
        return update.handleRequest(as(e, seller, sku, body), new TestContext());
    }

    private APIGatewayV2HTTPResponse adjust(APIGatewayV2HTTPEvent fixture, String sku, long delta, String reason) {
        APIGatewayV2HTTPEvent e = copy(fixture);
        e.getRequestContext().getHttp().setMethod("POST");
        return update.handleRequest(as(e, seller, sku, Map.of("delta", delta, "reason", reason)),
                new TestContext());
    }

    /** A fresh event with the fixture's request context (the handlers mutate nothing else). */
    private static APIGatewayV2HTTPEvent copy(APIGatewayV2HTTPEvent fixture) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(fixture.getRequestContext().getHttp()
                .getMethod()).withPath(fixture.getRequestContext().getHttp().getPath()).build();
        e.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(Map.of()).build())
                .withHttp(http).withRequestId("it").build());
        return e;
    }

    private static Map<String, Object> json(APIGatewayV2HTTPResponse r) {
        return Json.parseObject(r.getBody());
    }

    /** A paid order for qty x sku, stored and processed (reserved, or backordered when short). */
    private Order order(String sku, int qty, Instant createdAt) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "I-" + System.nanoTime());
        json.put("createdAt", createdAt.toString());
        json.put("lines", List.of(Map.of("sku", sku, "title", "Item " + sku, "quantity", qty, "unitPrice", "5.00")));
        json.remove("total");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        process(Json.write(Map.of("orderId", order.orderId())));
        return order;
    }

    private void process(String body) {
        var result = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(LambdaStreams.sqsEventOf(body),
                new TestContext());
        assertEquals(List.of(), result.getBatchItemFailures());
    }

    private String status(Order o) {
        return cloud.orders().get(o.orderId()).orElseThrow().status().name();
    }

    private List<Map<String, Object>> lowStockEmails() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> m : Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"))) {
            if ("low-stock".equals(m.get("template"))) {
                alerts.add(m);
            }
        }
        return alerts;
    }

    @ParameterizedTest
    @Event(value = "events/set-stock.json", type = APIGatewayV2HTTPEvent.class)
    void a_count_sets_stock_and_settings_and_is_audited(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse r = update.handleRequest(as(event, seller, "MUG-BLUE", null),
                new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        Map<String, Object> item = json(r);
        assertEquals(40, item.get("onHand"));
        assertEquals(40, item.get("available"));
        assertEquals("A-03-2", item.get("binLocation"));
        Map<?, ?> movement = (Map<?, ?>) ((List<?>) item.get("recentMovements")).get(0);
        assertEquals(40, movement.get("delta"));
        assertEquals("count", movement.get("kind"));
        assertEquals("seller-key:key_it0000000002", movement.get("actor"));

        APIGatewayV2HTTPResponse bad = put(event, "MUG-BLUE", Map.of("onHand", -1, "binLocation", ""));
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getBody().contains("\"onHand\"") && bad.getBody().contains("\"binLocation\""), bad.getBody());
    }

    @ParameterizedTest
    @Event(value = "events/adjust-stock.json", type = APIGatewayV2HTTPEvent.class)
    void on_hand_never_drops_below_what_is_reserved(APIGatewayV2HTTPEvent event) {
        assertEquals(200, put(event, "MUG-BLUE", Map.of("onHand", 3)).getStatusCode());
        order("MUG-BLUE", 2, Instant.now().minusSeconds(60)); // reserves 2
        APIGatewayV2HTTPResponse tooMuch = adjust(event, "MUG-BLUE", -2, "damaged");
        assertEquals(400, tooMuch.getStatusCode(), tooMuch.getBody());
        assertTrue(tooMuch.getBody().contains("\"delta\""), tooMuch.getBody());
        assertEquals(400, put(event, "MUG-BLUE", Map.of("onHand", 1)).getStatusCode());
        APIGatewayV2HTTPResponse ok = adjust(event, "MUG-BLUE", -1, "damaged");
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals(List.of(2, 2, 0), List.of(json(ok).get("onHand"), json(ok).get("reserved"), json(ok).get("available")));
        assertEquals("damaged", ((Map<?, ?>) ((List<?>) json(ok).get("recentMovements")).get(0)).get("reason"));
        assertEquals(404, adjust(event, "NO-SUCH", 5, "found").getStatusCode());
    }

    @ParameterizedTest
    @Event(value = "events/set-stock.json", type = APIGatewayV2HTTPEvent.class)
    void low_stock_alerts_once_per_crossing_and_the_low_stock_list_follows(APIGatewayV2HTTPEvent event) {
        assertEquals(200, put(event, "MUG-BLUE", Map.of("onHand", 6, "lowStockThreshold", 5)).getStatusCode());
        order("MUG-BLUE", 1, Instant.now().minusSeconds(300)); // available 5: not below 5
        assertEquals(0, lowStockEmails().size());
        order("MUG-BLUE", 1, Instant.now().minusSeconds(200)); // 4: crossed
        order("MUG-BLUE", 1, Instant.now().minusSeconds(100)); // 3: still below, no second alert
        List<Map<String, Object>> first = lowStockEmails();
        assertEquals(1, first.size(), first.toString());
        assertEquals("owner@" + seller + ".example", first.get(0).get("toAddress"));

        APIGatewayV2HTTPEvent list = copy(event);
        list.getRequestContext().getHttp().setMethod("GET");
        list.setQueryStringParameters(Map.of("lowStock", "true"));
        APIGatewayV2HTTPResponse low = read.handleRequest(as(list, seller, null, null), new TestContext());
        assertEquals(200, low.getStatusCode(), low.getBody());
        assertEquals(List.of("MUG-BLUE"), ((List<?>) json(low).get("items")).stream().map(i -> ((Map<?, ?>) i).get("sku")).toList());

        assertEquals(200, put(event, "MUG-BLUE", Map.of("onHand", 20)).getStatusCode()); // back above: cleared
        assertEquals(0, ((List<?>) json(read.handleRequest(as(list, seller, null, null), new TestContext()))
                .get("items")).size());
        assertEquals(200, adjust(event, "MUG-BLUE", -14, "cycle count").getStatusCode()); // 20-14-3 = 3: crossed again
        List<Map<String, Object>> second = lowStockEmails();
        assertEquals(1, second.size(), second.toString());
        assertFalse(second.get(0).get("eventId").equals(first.get(0).get("eventId")));
    }

    @ParameterizedTest
    @Event(value = "events/adjust-stock.json", type = APIGatewayV2HTTPEvent.class)
    void new_stock_goes_to_the_longest_waiting_backorders_first(APIGatewayV2HTTPEvent event) {
        assertEquals(200, put(event, "MUG-BLUE", Map.of("onHand", 0)).getStatusCode());
        Instant t = Instant.now().minusSeconds(3600);
        Order oldest = order("MUG-BLUE", 1, t);
        Order middle = order("MUG-BLUE", 1, t.plusSeconds(60));
        Order youngest = order("MUG-BLUE", 1, t.plusSeconds(120));
        assertEquals(List.of("BACKORDERED", "BACKORDERED", "BACKORDERED"),
                List.of(status(oldest), status(middle), status(youngest)));
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));

        assertEquals(200, adjust(event, "MUG-BLUE", 2, "received PO 1042").getStatusCode());
        List<String> arrivals = new ArrayList<>();
        for (Map<String, Object> m : Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"))) {
            if (m.get("stockArrived") instanceof Map<?, ?> a && seller.equals(a.get("sellerId"))) {
                arrivals.add(Json.write(m));
            }
        }
        assertEquals(1, arrivals.size(), arrivals.toString());
        process(arrivals.get(0));
        assertEquals(List.of("UNSHIPPED", "UNSHIPPED", "BACKORDERED"),
                List.of(status(oldest), status(middle), status(youngest)));
    }
}
