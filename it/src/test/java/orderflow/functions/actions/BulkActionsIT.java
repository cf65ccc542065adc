package orderflow.functions.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
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
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * POST /v1/orders/bulk-actions against the emulator with its events/ fixture: one outcome per order,
 * another seller's order a 404 that stops nothing, a repeated key replayed without a second email or
 * channel sync, and a bad envelope refused before any order is touched.
 */
class BulkActionsIT {

    private final TestCloud cloud = TestCloud.get();
    private final BulkOrderActionsHandler handler =
            new BulkOrderActionsHandler(cloud.adapters("BulkOrderActionsFunction"));
    private String seller;
    private String other;

    @BeforeEach
    void sellers() {
        seller = cloud.newSeller("bulk");
        other = cloud.newSeller("bulk-other");
        for (String s : List.of(seller, other)) {
            cloud.admin().putStock(s, "MUG-BLUE", 20, Instant.now());
            cloud.admin().putStock(s, "TEE-BLACK-L", 20, Instant.now());
        }
        // The seller's storefront is linked to Shopify: each change is written with its channel sync and
        // queued for the sync function (not run here; the queue is what is counted).
        cloud.admin().putChannelLink(new ChannelLink(seller + "-sf", ChannelLink.SHOPIFY, "http://127.0.0.1:9",
                Map.of("shopDomain", "bulk.myshopify.com", "apiVersion", "2026-10"), Map.of("accessToken", "shpat_it")));
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("SyncQueue"));
    }

    /** The sample order received and confirmed by ProcessOrder: UNSHIPPED. */
    private Order unshipped(String sellerId) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "B-" + System.nanoTime());
        json.put("createdAt", Instant.now().minusSeconds(600).toString());
        Order order = GenericOrderPayload.parse(json).toOrder(sellerId + "-sf", sellerId, Instant.now());
        cloud.orders().createIfAbsent(order);
        var result = new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction")).handleRequest(
                LambdaStreams.sqsEventOf(Json.write(Map.of("orderId", order.orderId()))), new TestContext());
        assertEquals(List.of(), result.getBatchItemFailures());
        return cloud.orders().get(order.orderId()).orElseThrow();
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event, Map<String, Object> body, String key) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000001"));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        event.setHeaders(headers);
        event.setBody(Json.write(body));
        return handler.handleRequest(event, new TestContext());
    }

    private static List<Map<String, Object>> results(APIGatewayV2HTTPResponse r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) Json.parseObject(r.getBody()).get("results")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> drained(String queue) {
        return Fixtures.drain(cloud.sqs, cloud.ref(queue));
    }

    @ParameterizedTest
    @Event(value = "events/bulk-order-actions.json", type = APIGatewayV2HTTPEvent.class)
    void acknowledging_three_orders_with_one_of_another_seller_does_two_and_answers_404_for_that_one(
            APIGatewayV2HTTPEvent event) {
        Order a = unshipped(seller);
        Order theirs = unshipped(other);
        Order b = unshipped(seller);
        drained("SyncQueue");

        APIGatewayV2HTTPResponse r = send(event, Map.of("action", "acknowledge",
                "orderIds", List.of(a.orderId(), theirs.orderId(), b.orderId())), "ack-" + seller);

        assertEquals(200, r.getStatusCode(), r.getBody());
        List<Map<String, Object>> results = results(r);
        assertEquals(List.of("done", "failed", "done"), results.stream().map(m -> m.get("result")).toList());
        assertEquals(theirs.orderId(), results.get(1).get("orderId"));
        assertEquals(404, ((Map<?, ?>) results.get(1).get("problem")).get("status"));
        assertEquals("/problems/not-found", ((Map<?, ?>) results.get(1).get("problem")).get("type"));
        assertEquals(Map.of("done", 2, "unchanged", 0, "failed", 1, "skipped", 0), Json.parseObject(r.getBody()).get("counts"));
        assertNotNull(cloud.orders().get(a.orderId()).orElseThrow().fulfillment().acknowledgedAt());
        assertNotNull(cloud.orders().get(b.orderId()).orElseThrow().fulfillment().acknowledgedAt());
        assertEquals(theirs.version(), cloud.orders().get(theirs.orderId()).orElseThrow().version());
        assertEquals(2, drained("SyncQueue").size(), "one acknowledgement sync per order of the seller");
    }

    @ParameterizedTest
    @Event(value = "events/bulk-order-actions.json", type = APIGatewayV2HTTPEvent.class)
    void cancel_with_a_reason_and_a_repeat_with_the_same_key_answers_the_same_without_a_second_email_or_sync(
            APIGatewayV2HTTPEvent event) {
        Order a = unshipped(seller);
        Order b = unshipped(seller);
        drained("EmailQueue");
        drained("SyncQueue");
        Map<String, Object> body = Map.of("action", "cancel", "reason", "OUT_OF_STOCK", "note", "supplier delay",
                "orderIds", List.of(a.orderId(), b.orderId()));

        APIGatewayV2HTTPResponse first = send(event, body, "cancel-" + seller);
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(List.of("done", "done"), results(first).stream().map(m -> m.get("result")).toList());
        assertEquals(List.of("CANCELED", "CANCELED"), results(first).stream().map(m -> m.get("status")).toList());
        assertTrue(cloud.orders().get(a.orderId()).orElseThrow().fulfillment().cancellation().reason()
                .startsWith("OUT_OF_STOCK"));
        List<String> emails = drained("EmailQueue").stream().map(m -> (String) m.get("eventId")).sorted().toList();
        assertEquals(List.of("order-canceled:" + a.orderId(), "order-canceled:" + b.orderId()).stream().sorted().toList(),
                emails);
        assertEquals(2, drained("SyncQueue").size());
        long version = cloud.orders().get(a.orderId()).orElseThrow().version();

        APIGatewayV2HTTPResponse again = send(event, body, "cancel-" + seller);
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(first.getBody(), again.getBody(), "the first answer, word for word");
        assertEquals(List.of(), drained("EmailQueue"), "no email queued again");
        assertEquals(List.of(), drained("SyncQueue"), "no channel sync queued again");
        assertEquals(version, cloud.orders().get(a.orderId()).orElseThrow().version());

        APIGatewayV2HTTPResponse reused = send(event, Map.of("action", "acknowledge",
                "orderIds", List.of(a.orderId())), "cancel-" + seller);
        assertEquals(400, reused.getStatusCode(), reused.getBody());
        assertEquals(List.of(Map.of("field", "Idempotency-Key",
                        "message", "was already used for a different action, reason or list of orders")),
                Json.parseObject(reused.getBody()).get("errors"));
    }

    @ParameterizedTest
    @Event(value = "events/bulk-order-actions.json", type = APIGatewayV2HTTPEvent.class)
    void an_invalid_envelope_is_400_naming_every_field_and_writes_nothing(APIGatewayV2HTTPEvent event) {
        Order a = unshipped(seller);
        drained("EmailQueue");
        drained("SyncQueue");
        Map<String, Object> bad = new HashMap<>();
        bad.put("action", "cancel");
        bad.put("orderIds", List.of(a.orderId(), a.orderId(), "not-an-order"));

        APIGatewayV2HTTPResponse r = send(event, bad, "bad-" + seller);

        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        List<Object> fields = new ArrayList<>();
        for (Object e : (List<?>) Json.parseObject(r.getBody()).get("errors")) {
            fields.add(((Map<?, ?>) e).get("field"));
        }
        assertEquals(List.of("orderIds[1]", "orderIds[2]", "reason"), fields);
        APIGatewayV2HTTPResponse empty = send(event, Map.of("action", "acknowledge", "orderIds", List.of()), null);
        assertEquals(400, empty.getStatusCode(), empty.getBody());
        assertEquals(a.version(), cloud.orders().get(a.orderId()).orElseThrow().version());
        assertEquals(List.of(), drained("EmailQueue"));
        assertEquals(List.of(), drained("SyncQueue"));

        // The refused key was not spent: the corrected request with it goes through.
        APIGatewayV2HTTPResponse fixed = send(event, Map.of("action", "cancel", "reason", "OTHER",
                "orderIds", List.of(a.orderId())), "bad-" + seller);
        assertEquals(200, fixed.getStatusCode(), fixed.getBody());
        assertEquals("done", results(fixed).get(0).get("result"));
    }
}
