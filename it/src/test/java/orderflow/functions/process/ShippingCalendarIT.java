package orderflow.functions.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.functions.inventory.GetInventoryHandler;
import orderflow.functions.inventory.UpdateStockHandler;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.ShippingCalendar;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The shipping calendar through the real paths against the emulator: a New York seller with a 14:00
 * cut-off and the US holidays, a SKU's handling time set with PUT /v1/inventory/{sku}, and orders
 * around Thanksgiving (Thursday 26 Nov 2026) reserved by ProcessOrderHandler.
 */
class ShippingCalendarIT {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Wednesday 25 Nov 2026, 16:00 in New York: every order below was placed before. */
    private static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");
    private final TestCloud cloud = TestCloud.get();
    private final ProcessOrderHandler process = new ProcessOrderHandler(
            cloud.adapters("ProcessOrderFunction", Clock.fixed(NOW, ZoneOffset.UTC)));
    private final UpdateStockHandler update = new UpdateStockHandler(cloud.adapters("UpdateStockFunction"));
    private final GetInventoryHandler read = new GetInventoryHandler(cloud.adapters("GetInventoryFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("cal");
        ShippingCalendar calendar = new ShippingCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(14, 0), "US", null, null);
        cloud.admin().putSeller(new Seller(seller, "Shop " + seller, "owner@" + seller + ".example",
                "help@shop.example", "help@shop.example", 1, NEW_YORK, 5, Seller.DEFAULT_UNPAID_CANCEL_DAYS, calendar));
    }

    private APIGatewayV2HTTPEvent request(APIGatewayV2HTTPEvent fixture, String method, String sku,
                                          Map<String, Object> body) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                .withPath(fixture.getRequestContext().getHttp().getPath()).build();
        e.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(Map.of("sellerId", seller, "keyId", "key_it0000000003")).build())
                .withHttp(http).withRequestId("it").build());
        if (sku != null) {
            e.setPathParameters(Map.of("sku", sku));
        }
        if (body != null) {
            e.setBody(Json.write(body));
        }
        return e;
    }

    private APIGatewayV2HTTPResponse put(APIGatewayV2HTTPEvent fixture, String sku, Map<String, Object> body) {
        return update.handleRequest(request(fixture, "PUT", sku, body), new TestContext());
    }

    private Map<String, Object> get(APIGatewayV2HTTPEvent fixture, String sku) {
        APIGatewayV2HTTPResponse r = read.handleRequest(request(fixture, "GET", sku, null), new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parseObject(r.getBody());
    }

    /** A paid order of these SKUs placed at {@code placed}, reserved by the real processing step. */
    private Order placed(Instant placed, String... skus) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "CAL-" + System.nanoTime());
        json.put("createdAt", placed.toString());
        json.put("lines", java.util.Arrays.stream(skus).map(s -> (Object) Map.of("sku", s, "title", "Item " + s,
                "quantity", 1, "unitPrice", "5.00")).toList());
        json.remove("total");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, NOW);
        cloud.orders().createIfAbsent(order);
        SQSBatchResponse r = process.handleRequest(LambdaStreams.sqsEventOf(Json.write(Map.of("orderId",
                order.orderId()))), new TestContext());
        assertEquals(List.of(), r.getBatchItemFailures());
        Order stored = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals("UNSHIPPED", stored.status().name());
        return stored;
    }

    @ParameterizedTest
    @Event(value = "events/set-stock.json", type = APIGatewayV2HTTPEvent.class)
    void an_order_after_the_cut_off_before_thanksgiving_ships_monday_and_a_slow_sku_moves_it_further(
            APIGatewayV2HTTPEvent fixture) {
        assertEquals(200, put(fixture, "MUG-BLUE", Map.of("onHand", 10)).getStatusCode());
        APIGatewayV2HTTPResponse slow = put(fixture, "TEE-BLACK-L", Map.of("onHand", 10, "handlingDays", 3));
        assertEquals(200, slow.getStatusCode(), slow.getBody());

        // 13:59 EST Wednesday: before the cut-off; 1 day skips Thanksgiving: Friday 27 Nov, end of day in New York.
        Order before = placed(Instant.parse("2026-11-25T18:59:00Z"), "MUG-BLUE");
        assertEquals(Instant.parse("2026-11-28T04:59:59.999999999Z"), before.shipBy());
        // 15:00 EST: after the cut-off, handling starts Friday (Thursday is a holiday); 1 day: Monday 30 Nov.
        Order after = placed(Instant.parse("2026-11-25T20:00:00Z"), "MUG-BLUE");
        assertEquals(Instant.parse("2026-12-01T04:59:59.999999999Z"), after.shipBy());
        // 5 carrier days after Monday: Monday 7 Dec.
        assertEquals(Instant.parse("2026-12-08T04:59:59.999999999Z"), after.fulfillment().deliverBy());
        // The T-shirt takes 3 days: Friday + 3 = Wednesday 2 Dec for the whole order.
        Order withTee = placed(Instant.parse("2026-11-25T20:00:00Z"), "MUG-BLUE", "TEE-BLACK-L");
        assertEquals(Instant.parse("2026-12-03T04:59:59.999999999Z"), withTee.shipBy());
    }

    @ParameterizedTest
    @Event(value = "events/set-stock.json", type = APIGatewayV2HTTPEvent.class)
    void a_skus_handling_time_is_set_shown_refused_out_of_range_and_cleared(APIGatewayV2HTTPEvent fixture) {
        assertEquals(200, put(fixture, "TEE-BLACK-L", Map.of("onHand", 4, "handlingDays", 5)).getStatusCode());
        assertEquals(5, get(fixture, "TEE-BLACK-L").get("handlingDays"));

        APIGatewayV2HTTPResponse bad = put(fixture, "TEE-BLACK-L", Map.of("onHand", 9, "handlingDays", 31));
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        assertTrue(bad.getHeaders().get("content-type").startsWith("application/problem+json"), bad.getHeaders().toString());
        assertTrue(bad.getBody().contains("\"handlingDays\""), bad.getBody());
        Map<String, Object> unchanged = get(fixture, "TEE-BLACK-L");
        assertEquals(List.of(4, 5), List.of(unchanged.get("onHand"), unchanged.get("handlingDays")));

        // Left out: kept; null: back to the seller's handling time.
        assertEquals(200, put(fixture, "TEE-BLACK-L", Map.of("onHand", 6)).getStatusCode());
        assertEquals(5, get(fixture, "TEE-BLACK-L").get("handlingDays"));
        APIGatewayV2HTTPEvent clear = request(fixture, "PUT", "TEE-BLACK-L", null);
        clear.setBody("{\"onHand\": 6, \"handlingDays\": null}");
        APIGatewayV2HTTPResponse cleared = update.handleRequest(clear, new TestContext());
        assertEquals(200, cleared.getStatusCode(), cleared.getBody());
        assertNull(get(fixture, "TEE-BLACK-L").get("handlingDays"));
    }
}
