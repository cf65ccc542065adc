package orderflow.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import orderflow.functions.actions.ShipOrderHandler;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.SearchBackfill;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Orders;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /v1/orders?q= against the emulator: SearchTable written by the orders' own transactions (create,
 * ship, change), read by ListOrdersHandler; each kind, tenant isolation, the listing filters, backfill.
 */
class SearchIT {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final TestCloud cloud = TestCloud.get();
    private final ListOrdersHandler handler = new ListOrdersHandler(cloud.adapters("ListOrdersFunction",
            Clock.fixed(NOW, ZoneOffset.UTC)));
    private final DynamoOrders orders = cloud.orders();

    /** An order as Shopify's intake makes it: the platform id, the shop's number (#n) and a named buyer. */
    private Order store(String seller, String externalId, String number, String buyer, String email, Instant createdAt) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId);
        json.put("createdAt", createdAt.toString());
        Order o = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, createdAt);
        Order order = new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), new Buyer(buyer, email),
                new Address(buyer, "1 Way", null, "Springfield", "IL", "62701", "US"), o.lines(), o.totals(),
                o.shipBy(), o.confirmationQueuedAt(), o.version(), o.fulfillment(), o.refunded(),
                new Intake(number, false, false, List.of(), null, null, List.of()));
        assertTrue(orders.createIfAbsent(order));
        return order;
    }

    private List<String> search(APIGatewayV2HTTPEvent event, String seller, Map<String, String> query) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller));
        event.setQueryStringParameters(query);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<String> ids = new ArrayList<>();
        for (Object row : (List<?>) Json.parseObject(response.getBody()).get("orders")) {
            ids.add((String) ((Map<?, ?>) row).get("orderId"));
        }
        return ids;
    }

    private List<String> search(APIGatewayV2HTTPEvent event, String seller, String q) {
        return search(event, seller, Map.of("q", q));
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void each_kind_finds_the_sellers_order_and_never_another_sellers(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("sr");
        String other = cloud.newSeller("sx");
        String platformId = "123-" + System.nanoTime();
        Order mine = store(seller, platformId, "#1001", "José Müller", "Jose.Muller@Example.com", NOW.minusSeconds(60));
        store(other, platformId, "#1001", "José Müller", "Jose.Muller@Example.com", NOW.minusSeconds(30));
        List<String> only = List.of(mine.orderId());
        for (String q : List.of("#1001", "1001", platformId, "muller", "MÜLL", "jose mul", "JOSE.MULLER@example.com",
                "mug-blue", "TEE-BLACK-L")) {
            assertEquals(only, search(event, seller, q), q);
        }
        assertEquals(only, search(event, seller, Map.of("q", "1001", "field", "num")));
        assertEquals(List.of(), search(event, seller, Map.of("q", "1001", "field", "sku")));
        assertEquals(List.of(), search(event, seller, "jose smith"), "every word must match");
        assertEquals(List.of(), search(event, seller, "100"), "numbers match whole, not by prefix");
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void a_tracking_number_is_found_once_the_order_ships_and_the_filters_still_apply(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("st");
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        Order order = store(seller, "T-" + System.nanoTime(), null, "Ann Lee", null, Instant.now().minusSeconds(600));
        new orderflow.functions.process.ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(
                orderflow.shared.api.LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))),
                new TestContext());
        String tracking = "1Z999AA1" + (10_000_000 + System.nanoTime() % 89_999_999);
        assertEquals(List.of(), search(event, seller, Map.of("q", tracking, "field", "track")));

        APIGatewayV2HTTPEvent ship = new APIGatewayV2HTTPEvent();
        ship.setRequestContext(event.getRequestContext());
        ship.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        ship.setPathParameters(Map.of("orderId", order.orderId()));
        ship.setBody(Json.write(Map.of("carrier", "Other", "trackingNumber", tracking,
                "shipDate", Instant.now().toString())));
        APIGatewayV2HTTPResponse shipped = new ShipOrderHandler(cloud.adapters("ShipOrderFunction"))
                .handleRequest(ship, new TestContext());
        assertEquals(201, shipped.getStatusCode(), shipped.getBody());

        List<String> only = List.of(order.orderId());
        assertEquals(only, search(event, seller, Map.of("q", tracking.toLowerCase(), "field", "track")));
        assertEquals(only, search(event, seller, tracking), "found without naming the field");
        assertEquals(only, search(event, seller, Map.of("q", tracking, "status", "SHIPPED")));
        assertEquals(List.of(), search(event, seller, Map.of("q", tracking, "status", "UNSHIPPED")));
        assertEquals(List.of(), search(event, seller, Map.of("q", tracking,
                "createdTo", Instant.now().minusSeconds(3600).toString())));
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void a_canceled_order_stays_findable_and_a_changed_buyer_moves_its_entries(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("sc");
        Order order = store(seller, "C-" + System.nanoTime(), "#77", "Ann Lee", "ann@example.com", NOW.minusSeconds(60));
        Order canceled = order.withStatus(OrderStatus.CANCELED, "buyer asked");
        assertEquals(Orders.Done.class, orders.apply(OrderChange.of(order, canceled, NOW, Actor.job("test"), "cancel",
                "test", List.of())).getClass());
        assertEquals(List.of(order.orderId()), search(event, seller, Map.of("q", "#77", "status", "CANCELED")));
        int entriesBefore = entries(seller);

        Order current = orders.get(order.orderId()).orElseThrow();
        Order renamed = new Order(current.orderId(), current.sellerId(), current.storefrontId(),
                current.externalOrderId(), current.status(), current.statusReason(), current.createdAt(),
                current.receivedAt(), current.currency(), new Buyer("Bea Kim", "bea@example.com"),
                new Address("Bea Kim", "1 Way", null, "Springfield", "IL", "62701", "US"), current.lines(),
                current.totals(), current.shipBy(), current.confirmationQueuedAt(), current.version() + 1,
                current.fulfillment(), current.refunded(), current.intake());
        assertEquals(Orders.Done.class, orders.apply(OrderChange.of(current, renamed, NOW, Actor.job("test"),
                "update", "test", List.of())).getClass());
        assertEquals(List.of(), search(event, seller, "lee"));
        assertEquals(List.of(), search(event, seller, "ann@example.com"));
        assertEquals(List.of(order.orderId()), search(event, seller, "kim"));
        assertEquals(List.of(order.orderId()), search(event, seller, "BEA@example.com"));
        assertEquals(entriesBefore, entries(seller), "two words and an email out, as many in");
    }

    @ParameterizedTest
    @Event(value = "events/list-orders.json", type = APIGatewayV2HTTPEvent.class)
    void the_backfill_writes_the_entries_of_orders_stored_without_them(APIGatewayV2HTTPEvent event) {
        String seller = cloud.newSeller("sb");
        Order order = store(seller, "B-" + System.nanoTime(), "#5", "Cy Dunn", null, NOW.minusSeconds(60));
        deleteEntries(seller);
        assertEquals(List.of(), search(event, seller, "dunn"));
        long done = new SearchBackfill(cloud.dynamo, cloud.ref("OrdersTable"), cloud.ref("SearchTable"))
                .run(seller, n -> { });
        assertEquals(1, done);
        assertEquals(List.of(order.orderId()), search(event, seller, "dunn"));
        assertEquals(List.of(order.orderId()), search(event, seller, "5"));
    }

    private List<Map<String, AttributeValue>> entryKeys(String seller) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String kind : List.of("num", "name", "email", "sku", "track")) {
            cloud.dynamo.query(b -> b.tableName(cloud.ref("SearchTable")).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(seller + "#" + kind))))
                    .items().forEach(i -> keys.add(new HashMap<>(Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
        }
        return keys;
    }

    private int entries(String seller) {
        return entryKeys(seller).size();
    }

    private void deleteEntries(String seller) {
        entryKeys(seller).forEach(k -> cloud.dynamo.deleteItem(b -> b.tableName(cloud.ref("SearchTable")).key(k)));
    }
}
