package orderflow.functions.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.orders.GetOrderHistoryHandler;
import orderflow.functions.process.ProcessOrderHandler;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The seller actions (acknowledge, cancel, ship, delivery) and the history against the emulator,
 * each with its events/ fixture: state machine, stock, emails, optimistic locking, validation.
 */
class OrderActionsIT {

    private final TestCloud cloud = TestCloud.get();
    private final AcknowledgeOrderHandler acknowledgeHandler =
            new AcknowledgeOrderHandler(cloud.adapters("AcknowledgeOrderFunction"));
    private final CancelOrderHandler cancelHandler = new CancelOrderHandler(cloud.adapters("CancelOrderFunction"));
    private final ShipOrderHandler shipHandler = new ShipOrderHandler(cloud.adapters("ShipOrderFunction"));
    private final ConfirmDeliveryHandler deliveryHandler =
            new ConfirmDeliveryHandler(cloud.adapters("ConfirmDeliveryFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("act");
        Instant now = Instant.now();
        cloud.admin().putStock(seller, "MUG-BLUE", 10, now);
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, now);
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    /** The sample order (2 x MUG-BLUE, 1 x TEE-BLACK-L) received and confirmed by ProcessOrder: UNSHIPPED. */
    private Order unshipped(String createdAt) {
        return unshipped(createdAt, null);
    }

    /** shipBy: a marketplace's ship-by date (Amazon's LatestShipDate), which the order keeps; null: the seller's. */
    private Order unshipped(String createdAt, Instant shipBy) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "A-" + System.nanoTime());
        json.put("createdAt", createdAt);
        IncomingOrder read = GenericOrderPayload.parse(json);
        IncomingOrder incoming = shipBy == null ? read : new IncomingOrder(read.externalOrderId(), read.createdAt(),
                read.paid(), read.currency(), read.buyer(), read.shipTo(), read.lines(), read.totals(),
                new Intake(null, false, false, List.of(), shipBy, null, List.of()));
        Order order = incoming.toOrder(seller + "-sf", seller, Instant.now());
        cloud.orders().createIfAbsent(order);
        var result = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))), new TestContext());
        assertEquals(List.of(), result.getBatchItemFailures());
        assertEquals("UNSHIPPED", status(order.orderId()));
        return cloud.orders().get(order.orderId()).orElseThrow();
    }

    private Order unshipped() {
        return unshipped(Instant.now().minusSeconds(600).toString());
    }

    private String status(String orderId) {
        return cloud.orders().get(orderId).orElseThrow().status().name();
    }

    private static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String seller, String orderId, Object body) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        event.setPathParameters(Map.of("orderId", orderId));
        if (body != null) {
            event.setBody(body instanceof String s ? s : Json.write(body));
        } else if (event.getBody() != null) {
            // The fixture's dates are examples; the API refuses dates in the future, so use now.
            Map<String, Object> fixture = new HashMap<>(Json.parseObject(event.getBody()));
            fixture.replaceAll((k, v) -> k.equals("shipDate") || k.equals("deliveredAt") ? Instant.now().toString() : v);
            event.setBody(Json.write(fixture));
        }
        return event;
    }

    private static Map<String, Object> json(APIGatewayV2HTTPResponse r) {
        return Json.parseObject(r.getBody());
    }

    private long[] stock(String sku) {
        return cloud.admin().stock(seller, sku);
    }

    private List<String> queuedEmailIds() {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> m : Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"))) {
            ids.add((String) m.get("eventId"));
        }
        return ids;
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void partial_then_full_shipment_commits_stock_and_emails_each_package(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        queuedEmailIds(); // the confirmation
        long[] mugs = stock("MUG-BLUE");

        APIGatewayV2HTTPResponse first = shipHandler.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext()); // the fixture ships 1 x MUG-BLUE with a valid UPS number
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals("PARTIALLY_SHIPPED", json(first).get("status"));
        assertEquals(true, ((Map<?, ?>) json(first).get("shipment")).get("trackingValid"));
        assertArrayEquals(new long[] {mugs[0] - 1, mugs[1] - 1, mugs[2]}, stock("MUG-BLUE"));

        APIGatewayV2HTTPResponse rest = shipHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("carrier", "Acme Freight", "trackingNumber", "ACME-778", "shipDate", Instant.now().toString())),
                new TestContext());
        assertEquals(201, rest.getStatusCode(), rest.getBody());
        assertEquals("SHIPPED", json(rest).get("status"));
        Map<?, ?> second = (Map<?, ?>) json(rest).get("shipment");
        assertEquals(false, second.get("trackingValid"), "unknown carriers are accepted but not valid tracking");
        assertEquals(List.of(Map.of("sku", "MUG-BLUE", "quantity", 1), Map.of("sku", "TEE-BLACK-L", "quantity", 1)),
                second.get("lines"));
        assertArrayEquals(new long[] {mugs[0] - 2, mugs[1] - 2, mugs[2]}, stock("MUG-BLUE"));
        assertEquals(List.of("order-shipped:" + order.orderId() + ":shp_1", "order-shipped:" + order.orderId() + ":shp_2"),
                queuedEmailIds().stream().sorted().toList());
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void a_retried_shipment_with_the_same_tracking_number_changes_nothing(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        assertEquals(201, shipHandler.handleRequest(as(event, seller, order.orderId(), null), new TestContext())
                .getStatusCode());
        long[] after = stock("MUG-BLUE");
        APIGatewayV2HTTPResponse again = shipHandler.handleRequest(as(event, seller, order.orderId(),
                event.getBody().replace("1Z999AA10123456784", "1z 999 aa1 0123 456 784")
                        .replaceAll("\"shipDate\":\"[^\"]+\"", "\"shipDate\":\"" + Instant.now() + "\"")), new TestContext());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(false, json(again).get("changed"));
        assertEquals(1, ((List<?>) json(again).get("shipments")).size());
        assertArrayEquals(after, stock("MUG-BLUE"));
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void shipment_after_the_ship_by_date_is_recorded_late(APIGatewayV2HTTPEvent event) {
        // The handling time counts from when the order could ship (now, here), so the date missed is
        // the marketplace's, as an Amazon order that sat unshipped past its LatestShipDate.
        Order order = unshipped("2026-10-01T10:00:00Z", Instant.parse("2026-10-03T06:59:59Z"));
        APIGatewayV2HTTPResponse r = shipHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("carrier", "USPS", "trackingNumber", "9400111899223397623913", "shipDate", Instant.now().toString())),
                new TestContext());
        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals(true, ((Map<?, ?>) json(r).get("shipment")).get("late"));
        assertEquals(true, json(r).get("shippedLate"));
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void invalid_shipment_is_400_naming_every_field_and_writes_nothing(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        APIGatewayV2HTTPResponse r = shipHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("trackingNumber", 12, "shipDate", "yesterday", "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 0)))),
                new TestContext());
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        List<Object> fields = new ArrayList<>();
        for (Object e : (List<?>) json(r).get("errors")) {
            fields.add(((Map<?, ?>) e).get("field"));
        }
        assertEquals(List.of("carrier", "trackingNumber", "shipDate", "lines[0].quantity"), fields);

        APIGatewayV2HTTPResponse tooMany = shipHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784", "shipDate", Instant.now().toString(),
                        "lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 3)))), new TestContext());
        assertEquals(400, tooMany.getStatusCode(), tooMany.getBody());
        assertTrue(tooMany.getBody().contains("lines[0].quantity"), tooMany.getBody());
        assertEquals(order.version(), cloud.orders().get(order.orderId()).orElseThrow().version());
    }

    @ParameterizedTest
    @Event(value = "events/cancel-order.json", type = APIGatewayV2HTTPEvent.class)
    void cancel_releases_reserved_stock_emails_the_buyer_once_and_a_retry_changes_nothing(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        queuedEmailIds();
        long[] mugs = stock("MUG-BLUE");
        APIGatewayV2HTTPResponse r = cancelHandler.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("CANCELED", json(r).get("status"));
        assertEquals(false, ((Map<?, ?>) json(r).get("cancellation")).get("buyerRequested"));
        assertArrayEquals(new long[] {mugs[0], mugs[1] - 2, mugs[2] + 2}, stock("MUG-BLUE"));

        APIGatewayV2HTTPResponse again = cancelHandler.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(false, json(again).get("changed"));
        assertArrayEquals(new long[] {mugs[0], mugs[1] - 2, mugs[2] + 2}, stock("MUG-BLUE"));
        // Queued twice with one event id: the sender's send log lets one email out.
        assertEquals(List.of("order-canceled:" + order.orderId(), "order-canceled:" + order.orderId()), queuedEmailIds());
    }

    @ParameterizedTest
    @Event(value = "events/cancel-order.json", type = APIGatewayV2HTTPEvent.class)
    void cancel_after_shipment_is_409_with_allowed_actions_and_changes_nothing(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        APIGatewayV2HTTPEvent ship = new APIGatewayV2HTTPEvent();
        ship.setRequestContext(event.getRequestContext());
        as(ship, seller, order.orderId(), Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                "shipDate", Instant.now().toString()));
        assertEquals(201, shipHandler.handleRequest(ship, new TestContext()).getStatusCode());
        Order shipped = cloud.orders().get(order.orderId()).orElseThrow();

        APIGatewayV2HTTPResponse r = cancelHandler.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext());
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertEquals("/problems/illegal-transition", json(r).get("type"));
        assertEquals("SHIPPED", json(r).get("orderStatus"));
        assertEquals(List.of("confirm-delivery"), json(r).get("allowedActions"));
        assertEquals(shipped.version(), cloud.orders().get(order.orderId()).orElseThrow().version());
    }

    @ParameterizedTest
    @Event(value = "events/ship-order.json", type = APIGatewayV2HTTPEvent.class)
    void of_two_concurrent_shipments_one_wins_the_other_is_409_and_nothing_is_doubled(APIGatewayV2HTTPEvent event)
            throws Exception {
        Order order = unshipped();
        long[] mugs = stock("MUG-BLUE");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (String tracking : List.of("1Z999AA10123456784", "1Z12345E0205271688")) {
                APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
                e.setRequestContext(event.getRequestContext());
                as(e, seller, order.orderId(), Map.of("carrier", "UPS", "trackingNumber", tracking,
                        "shipDate", Instant.now().toString()));
                calls.add(pool.submit((Callable<APIGatewayV2HTTPResponse>) () ->
                        shipHandler.handleRequest(e, new TestContext())));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> f : calls) {
                codes.add(f.get().getStatusCode());
            }
            assertEquals(List.of(201, 409), codes.stream().sorted().toList(), codes.toString());
        } finally {
            pool.shutdown();
        }
        Order after = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals(1, after.fulfillment().shipments().size());
        assertEquals("SHIPPED", after.status().name());
        assertArrayEquals(new long[] {mugs[0] - 2, mugs[1] - 2, mugs[2]}, stock("MUG-BLUE"));
    }

    @ParameterizedTest
    @Event(value = "events/confirm-delivery.json", type = APIGatewayV2HTTPEvent.class)
    void delivery_of_every_shipment_makes_the_order_delivered_with_history_of_each_step(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        APIGatewayV2HTTPEvent ack = new APIGatewayV2HTTPEvent();
        ack.setRequestContext(event.getRequestContext());
        assertEquals(200, acknowledgeHandler.handleRequest(as(ack, seller, order.orderId(), null),
                new TestContext()).getStatusCode());
        APIGatewayV2HTTPEvent ship = new APIGatewayV2HTTPEvent();
        ship.setRequestContext(event.getRequestContext());
        String shipDate = Instant.now().minusSeconds(3600).toString();
        assertEquals(201, shipHandler.handleRequest(as(ship, seller, order.orderId(), Map.of("carrier", "FedEx",
                "trackingNumber", "123456789012", "shipDate", shipDate)), new TestContext()).getStatusCode(),
                "FedEx express sample");
        queuedEmailIds();

        APIGatewayV2HTTPResponse early = deliveryHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("deliveredAt", "2020-01-01T00:00:00Z")), new TestContext());
        assertEquals(400, early.getStatusCode(), early.getBody());

        APIGatewayV2HTTPResponse r = deliveryHandler.handleRequest(as(event, seller, order.orderId(),
                Map.of("deliveredAt", Instant.now().toString())), new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("DELIVERED", json(r).get("status"));
        Map<?, ?> shipment = (Map<?, ?>) ((List<?>) json(r).get("shipments")).get(0);
        assertEquals(true, shipment.get("deliveredOnTime"));
        assertEquals(List.of("order-delivered:" + order.orderId()), queuedEmailIds());

        APIGatewayV2HTTPEvent history = new APIGatewayV2HTTPEvent();
        history.setRequestContext(event.getRequestContext());
        APIGatewayV2HTTPResponse h = new GetOrderHistoryHandler(cloud.adapters("GetOrderHistoryFunction")).handleRequest(
                as(history, seller, order.orderId(), null), new TestContext());
        assertEquals(200, h.getStatusCode(), h.getBody());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object e : (List<?>) json(h).get("entries")) {
            entries.add(new HashMap<>((Map<String, Object>) (Map<?, ?>) e));
        }
        assertEquals(List.of("receive", "reserve", "acknowledge", "ship shp_1", "confirm-delivery"),
                entries.stream().map(e -> e.get("action")).toList());
        assertEquals(List.of("READY", "UNSHIPPED", "UNSHIPPED", "SHIPPED", "DELIVERED"),
                entries.stream().map(e -> e.get("to")).toList());
        assertEquals(List.of("storefront:" + seller + "-sf", "job:process-order", "seller-key:key_it0000000001",
                        "seller-key:key_it0000000001", "seller-key:key_it0000000001"),
                entries.stream().map(e -> e.get("actor")).toList());
        assertFalse(entries.stream().anyMatch(e -> e.get("at") == null));
    }

    @ParameterizedTest
    @Event(value = "events/confirm-delivery.json", type = APIGatewayV2HTTPEvent.class)
    void delivery_of_an_unshipped_order_is_409(APIGatewayV2HTTPEvent event) {
        Order order = unshipped();
        APIGatewayV2HTTPResponse r = deliveryHandler.handleRequest(as(event, seller, order.orderId(), null),
                new TestContext());
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertEquals(List.of("acknowledge", "cancel", "ship"), json(r).get("allowedActions"));
    }
}
