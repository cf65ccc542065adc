package orderflow.functions.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.aws.DynamoMessages;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.StockChange;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Orders;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * GET /v1/metrics over a seeded history whose every figure is worked out by hand below (the
 * definitions are docs/metrics.md), against the emulator with a fixed clock T.
 */
@SuppressWarnings("unchecked")
class GetMetricsIT {

    private static final Instant T = Instant.parse("2026-01-20T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private final TestCloud cloud = TestCloud.get();
    private final Orders orders = cloud.orders();
    private String seller;

    private Order placed(Instant createdAt, boolean paid) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "MET-" + System.nanoTime());
        json.put("createdAt", createdAt.toString());
        json.put("paymentStatus", paid ? "PAID" : "PENDING");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, createdAt);
        orders.createIfAbsent(order);
        return order;
    }

    private Order confirmed(Instant createdAt, Instant shipBy, Instant deliverBy) {
        Order order = placed(createdAt, true);
        List<StockChange> reserve = new ArrayList<>();
        order.quantitiesBySku().forEach((sku, q) -> reserve.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        Order next = order.confirmed(shipBy, deliverBy);
        return apply(OrderChange.of(order, next, createdAt, Actor.job("test"), "reserve", "test", reserve));
    }

    private Order apply(OrderChange change) {
        assertEquals(Orders.Done.class, orders.apply(change).getClass());
        return change.after();
    }

    private Order ship(Order order, String carrier, String tracking, Instant at) {
        return apply(OrderLifecycle.ship(order, ActionRequests.ship(Map.of("carrier", carrier, "trackingNumber",
                tracking, "shipDate", at.toString()), ZoneOffset.UTC, at), Actor.job("test"), at));
    }

    private Order cancel(Order order, String reason, Instant at) {
        return apply(OrderLifecycle.cancel(order, new ActionRequests.Cancel(reason, null), Actor.job("test"), at));
    }

    private void question(DynamoMessages messages, Order order, String id, Instant at, Instant answeredAt) {
        messages.addBuyerMessage(order, "Ada", new BuyerMessage(order.orderId(), id, BuyerMessage.Author.BUYER,
                "Question " + id, at, "storefront:x"));
        if (answeredAt != null) {
            assertTrue(messages.addSellerReply(order, new BuyerMessage(order.orderId(), "r-" + id,
                    BuyerMessage.Author.SELLER, "Answer", answeredAt, "seller-key:key_x"), at));
        }
    }

    private Map<String, Object> metric(List<Object> metrics, String name) {
        return (Map<String, Object>) metrics.stream().filter(m -> name.equals(((Map<String, Object>) m).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static void assertRate(Map<String, Object> m, long numerator, long denominator, String status) {
        assertEquals(numerator, ((Number) m.get("numerator")).longValue(), m.toString());
        assertEquals(denominator, ((Number) m.get("denominator")).longValue(), m.toString());
        assertEquals((double) numerator / denominator, ((Number) m.get("value")).doubleValue(), 1e-9, m.toString());
        assertEquals(status, m.get("status"), m.toString());
    }

    @ParameterizedTest
    @Event(value = "events/get-metrics.json", type = APIGatewayV2HTTPEvent.class)
    void metrics_of_a_seeded_history_match_the_hand_computed_values(APIGatewayV2HTTPEvent event) {
        seller = cloud.newSeller("metrics");
        cloud.admin().putStock(seller, "MUG-BLUE", 1000, T.minus(Duration.ofDays(30)));
        cloud.admin().putStock(seller, "TEE-BLACK-L", 1000, T.minus(Duration.ofDays(30)));
        Instant created = T.minus(Duration.ofDays(5));
        // A: shipped a day early with UPS tracking, delivered a day before the promise.
        Order a = ship(confirmed(created, T.minus(Duration.ofDays(3)), T.minus(DAY)), "UPS", "1Z999AA10123456784",
                T.minus(Duration.ofDays(4)));
        a = apply(OrderLifecycle.confirmDelivery(a, new ActionRequests.Delivery(T.minus(Duration.ofDays(2)), null),
                Actor.job("test"), T.minus(Duration.ofDays(2))));
        // B: shipped a day after its ship-by date, with a carrier nobody can track.
        Order b = ship(confirmed(created, T.minus(Duration.ofDays(3)), T.minus(DAY)), "Acme Freight", "AF-123",
                T.minus(Duration.ofDays(2)));
        // C: past its ship-by date, not shipped. D: due tomorrow.
        Order c = confirmed(created, T.minus(Duration.ofDays(2)), T.plus(DAY));
        Order d = confirmed(created, T.plus(DAY), T.plus(Duration.ofDays(4)));
        // E: the seller canceled it (out of stock); F: the buyer asked; G: never paid.
        Instant later = T.minus(Duration.ofDays(3));
        cancel(confirmed(later, T.plus(Duration.ofDays(2)), T.plus(Duration.ofDays(5))), "OUT_OF_STOCK", T.minus(Duration.ofDays(2)));
        cancel(confirmed(later, T.plus(Duration.ofDays(2)), T.plus(Duration.ofDays(5))), "BUYER_REQUESTED", T.minus(Duration.ofDays(2)));
        cancel(placed(later, false), "OTHER", T.minus(Duration.ofDays(2)));
        // Questions: answered in 2 h and in 30 h; one open for 40 h (a miss); one open for 1 h (not judged yet).
        DynamoMessages messages = new DynamoMessages(cloud.dynamo, cloud.ref("MessagesTable"));
        question(messages, a, "q1", T.minus(Duration.ofDays(3)), T.minus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
        question(messages, b, "q2", T.minus(Duration.ofDays(10)), T.minus(Duration.ofDays(10)).plus(Duration.ofHours(30)));
        question(messages, c, "q3", T.minus(Duration.ofHours(40)), null);
        question(messages, d, "q4", T.minus(Duration.ofHours(1)), null);

        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000009"));
        event.setQueryStringParameters(Map.of("window", "7"));
        APIGatewayV2HTTPResponse r = new GetMetricsHandler(cloud.adapters("GetMetricsFunction", Clock.fixed(T, ZoneOffset.UTC))).handleRequest(event, new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        Map<String, Object> body = Json.parseObject(r.getBody());
        List<Object> metrics = (List<Object>) body.get("metrics");

        // Due to ship in the window, not canceled: A, B, C; late: B (shipped after) and C (not shipped).
        assertRate(metric(metrics, "lateShipmentRate10d"), 2, 3, "FAILING");
        assertRate(metric(metrics, "lateShipmentRate30d"), 2, 3, "FAILING");
        // Paid orders placed in 7 days: A, B, C, D, E, F (G never paid); against the seller: E only.
        assertRate(metric(metrics, "preFulfillmentCancelRate7d"), 1, 6, "FAILING");
        // Packages promised within 30 days: A's and B's; B's tracking is not valid.
        assertRate(metric(metrics, "validTrackingRate30d"), 1, 2, "FAILING");
        // Packages with a recorded delivery promised within 14 days: A's, on time.
        assertRate(metric(metrics, "onTimeDeliveryRate14d"), 1, 1, "OK");
        // Judged waits: 2 h, 30 h and the open 40 h: median 30 h; within 24 h: 1 of 3.
        Map<String, Object> median = metric(metrics, "responseTimeMedianHours90d");
        assertEquals(30.0, ((Number) median.get("value")).doubleValue(), 1e-9, median.toString());
        assertEquals("FAILING", median.get("status"));
        assertRate(metric(metrics, "respondedWithin24hRate90d"), 1, 3, "FAILING");
        for (Object m : metrics) {
            assertTrue(((Map<String, Object>) m).get("target") instanceof String, m.toString());
        }

        // The chart: 7 days; on 2026-01-17 A and B were due (B late) and E and F were placed (E canceled by the seller).
        List<Object> daily = (List<Object>) body.get("daily");
        assertEquals(7, daily.size());
        Map<String, Object> day = (Map<String, Object>) daily.stream()
                .filter(x -> "2026-01-17".equals(((Map<String, Object>) x).get("date"))).findFirst().orElseThrow();
        assertEquals(0.5, ((Number) day.get("lateShipmentRate")).doubleValue(), 1e-9, day.toString());
        assertEquals(0.5, ((Number) day.get("cancelRate")).doubleValue(), 1e-9, day.toString());

        event.setQueryStringParameters(Map.of("window", "365"));
        APIGatewayV2HTTPResponse bad = new GetMetricsHandler(cloud.adapters("GetMetricsFunction", Clock.fixed(T, ZoneOffset.UTC))).handleRequest(event, new TestContext());
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getBody().contains("\"window\""), bad.getBody());
    }
}
