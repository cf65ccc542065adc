package orderflow.functions.returns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import orderflow.functions.email.SendEmailHandler;
import orderflow.it.Fixtures;
import orderflow.it.Overlap;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.api.LambdaStreams;
import orderflow.shared.aws.DynamoRefunds;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * POST /v1/returns/{rmaId}/receive and POST /v1/orders/{orderId}/refunds against the emulator:
 * the refund the policy dictates, to the cent, once, however often the call is retried; sellable
 * units back in stock, damaged ones not.
 */
@SuppressWarnings("unchecked")
class ReceiveReturnIT {

    private final TestCloud cloud = TestCloud.get();
    private final CreateReturnHandler create = new CreateReturnHandler(cloud.adapters("CreateReturnFunction"));
    private final ReceiveReturnHandler receive = new ReceiveReturnHandler(cloud.adapters("ReceiveReturnFunction"));
    private final CreateRefundHandler refund = new CreateRefundHandler(cloud.adapters("CreateRefundFunction"));
    private final ListReturnsHandler list = new ListReturnsHandler(cloud.adapters("ListReturnsFunction"));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("rcv");
        cloud.admin().putStock(seller, "MUG-BLUE", 10, Instant.now());
        cloud.admin().putStock(seller, "TEE-BLACK-L", 10, Instant.now());
        // 10% restocking fee for returns that are not the seller's fault; the buyer pays 5.00 return shipping
        new orderflow.shared.aws.DynamoReturnPolicies(cloud.dynamo, cloud.ref("AccountsTable")).put(seller,
                orderflow.shared.domain.returns.ReturnPolicy.parse(Map.of("windowDays", 30,
                        "restockingFeePercent", 10, "returnShippingPayer", "BUYER", "returnShippingMinor", 500)),
                "test", Instant.now());
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("RefundQueue"));
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    /** The sample order (2 x MUG-BLUE 12.50, 1 x TEE-BLACK-L 19.99, tax 3.60, shipping 4.99: 53.58), delivered yesterday. */
    private Order delivered() {
        return Fixtures.deliveredOrder(cloud, seller, "RR-" + System.nanoTime(), Instant.now().minusSeconds(86_400));
    }

    private APIGatewayV2HTTPResponse call(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent,
            APIGatewayV2HTTPResponse> handler, APIGatewayV2HTTPEvent event, String seller, Map<String, String> path,
                                          Object body) {
        APIGatewayV2HTTPEvent e = copy(event);
        e.getRequestContext().getAuthorizer().setLambda(Map.of("sellerId", seller, "keyId", "key_it0000000007"));
        e.setPathParameters(path);
        if (body != null) {
            e.setBody(Json.write(body));
        }
        return handler.handleRequest(e, new TestContext());
    }

    /** The fixture re-read for each call, so concurrent calls do not share one mutable event. */
    private static APIGatewayV2HTTPEvent copy(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return APIGatewayV2HTTPEvent.builder().withVersion(event.getVersion()).withRouteKey(event.getRouteKey())
                .withRawPath(event.getRawPath()).withHeaders(new java.util.HashMap<>(event.getHeaders()))
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters()).withBody(event.getBody())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(context.getRouteKey())
                        .withHttp(context.getHttp()).withRequestId(context.getRequestId())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of()).build()).build())
                .build();
    }

    private String authorize(APIGatewayV2HTTPEvent event, Order order) {
        APIGatewayV2HTTPResponse r = call(create, event, seller, Map.of("orderId", order.orderId()),
                Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "reason", "NO_LONGER_NEEDED"),
                        Map.of("sku", "TEE-BLACK-L", "quantity", 1, "reason", "DEFECTIVE"))));
        assertEquals(201, r.getStatusCode(), r.getBody());
        return String.valueOf(Json.parseObject(r.getBody()).get("rmaId"));
    }

    private static Map<String, Object> receipt() {
        return Map.of("lines", List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "condition", "SELLABLE"),
                Map.of("sku", "TEE-BLACK-L", "quantity", 1, "condition", "DAMAGED")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest
    @Event(value = "events/receive-return.json", type = APIGatewayV2HTTPEvent.class)
    void partial_return_of_a_multi_line_order_refunds_to_the_cent_once_even_when_retried(APIGatewayV2HTTPEvent event)
            throws Exception {
        Order order = delivered();
        APIGatewayV2HTTPEvent createEvent = copy(event);
        createEvent.setRouteKey("POST /v1/orders/{orderId}/returns");
        String rmaId = authorize(createEvent, order);
        long[] mugBefore = cloud.admin().stock(seller, "MUG-BLUE");
        long[] teeBefore = cloud.admin().stock(seller, "TEE-BLACK-L");

        // Four receipts of the same parcel at once, each through a handler instance of its own (one
        // per execution environment) released together by a start gate, then one more: one refund.
        // The calls must really have overlapped, and the others must have lost to the one that
        // recorded the refund (200 changed false, or 409 when still contended).
        List<Overlap.Call<APIGatewayV2HTTPResponse>> receipts = Overlap.atOnce(4,
                i -> new ReceiveReturnHandler(cloud.adapters("ReceiveReturnFunction")),
                (own, i) -> call(own, event, seller, Map.of("rmaId", rmaId), receipt()));
        Overlap.assertOverlapped("receipts of one RMA", receipts);
        List<Integer> statuses = receipts.stream().map(c -> c.answer().getStatusCode()).toList();
        APIGatewayV2HTTPResponse again = call(receive, event, seller, Map.of("rmaId", rmaId), receipt());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 200 || s == 409), statuses.toString());
        for (Overlap.Call<APIGatewayV2HTTPResponse> c : receipts) {
            if (c.answer().getStatusCode() == 200) {
                assertEquals(false, Json.parseObject(c.answer().getBody()).get("changed"), c.answer().getBody());
            }
        }
        System.out.println("[receive-return] 4 receipts at once (up to " + Overlap.mostAtOnce(receipts)
                + " overlapping): " + statuses);

        // MUG 12.50 + tax round(3.60 x 12.50 / 44.99) = 1.00 - 10% fee 1.25 = 12.25 (no longer needed);
        // TEE 19.99 + tax round(3.60 x 32.49 / 44.99) - 1.00 = 1.60, no fee (defective) = 21.59.
        // A defective item in the box: the seller pays the way back, so no 5.00 deduction. 33.84.
        Map<String, Object> body = Json.parseObject(again.getBody());
        assertEquals(false, body.get("changed"));
        assertEquals(Map.of("amount", "33.84", "currency", "USD"), map(body.get("refund")).get("amount"));
        assertEquals("PARTIALLY_REFUNDED", map(body.get("order")).get("status"));
        var refunds = new DynamoRefunds(cloud.dynamo, cloud.ref("RefundsTable"), null, null).forOrder(order.orderId());
        assertEquals(1, refunds.size());
        assertEquals(3384, refunds.get(0).amount().minor());
        assertEquals(3384, cloud.orders().get(order.orderId()).orElseThrow().refunded().minor());

        // The sellable mug is for sale again, once; the damaged tee is not (on hand, reserved, available).
        long[] mugAfter = cloud.admin().stock(seller, "MUG-BLUE");
        long[] teeAfter = cloud.admin().stock(seller, "TEE-BLACK-L");
        assertEquals(mugBefore[0] + 1, mugAfter[0]);
        assertEquals(mugBefore[2] + 1, mugAfter[2]);
        assertArrayEquals(teeBefore, teeAfter);
        List<String> kinds = new ArrayList<>();
        cloud.dynamo.query(q -> q.tableName(cloud.ref("StockMovementsTable")).keyConditionExpression("stockKey = :k")
                .expressionAttributeValues(Map.of(":k", av(seller + "#TEE-BLACK-L")))).items()
                .forEach(i -> kinds.add(i.get("kind").s()));
        assertTrue(kinds.contains("write-off"), kinds.toString());

        // Every repeat re-queued the notice and the email under the same ids: one refund for the
        // storefront, one email for the buyer once the sender deduplicates.
        List<Map<String, Object>> notices = Fixtures.drain(cloud.sqs, cloud.ref("RefundQueue"));
        assertFalse(notices.isEmpty());
        assertEquals(1, notices.stream().map(n -> n.get("refundId")).distinct().count());
        List<Map<String, Object>> copies = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(e -> String.valueOf(e.get("eventId")).startsWith("refund-issued:")).toList();
        assertFalse(copies.isEmpty(), "no refund email queued");
        assertEquals(1, copies.stream().map(e -> e.get("eventId")).distinct().count(), copies.toString());
        String eventId = String.valueOf(copies.get(0).get("eventId"));
        // What the buyer gets is what SES accepted, not what was queued: every copy, and one more, each
        // delivered to a sender of its own (an execution environment each) as the EmailQueue would.
        List<String> sends = new ArrayList<>();
        for (int i = 0; i <= copies.size(); i++) {
            Overlap.Logged context = new Overlap.Logged();
            var sent = new SendEmailHandler(cloud.adapters("SendEmailFunction"))
                    .handleRequest(LambdaStreams.sqsEventOf(Json.write(copies.get(i % copies.size()))), context);
            assertEquals(List.of(), sent.getBatchItemFailures(), "the sender failed a copy of " + eventId);
            sends.addAll(context.outcomes());
        }
        assertEquals(copies.size() + 1, sends.size(), sends.toString());
        assertEquals(1, sends.stream().filter(o -> o.endsWith(": SENT")).count(), sends.toString());
        assertEquals(copies.size(), sends.stream().filter(o -> o.endsWith(": DUPLICATE")).count(), sends.toString());
        List<Map<String, Object>> refundEmails = Fixtures.sentEmails(cloud.endpoint).stream()
                .filter(e -> String.valueOf(e.get("subject")).startsWith("Your refund of ")
                        && String.valueOf(e.get("subject")).contains(order.externalOrderId())).toList();
        assertEquals(1, refundEmails.size(), "refund emails SES accepted for " + order.externalOrderId() + ": "
                + refundEmails);
        assertTrue(String.valueOf(refundEmails.get(0).get("subject")).contains("$33.84"), refundEmails.toString());
        Map<String, AttributeValue> logged = cloud.dynamo.getItem(b -> b.tableName(cloud.ref("SendLogTable"))
                .consistentRead(true).key(Map.of("eventId", AttributeValue.fromS(eventId)))).item();
        assertEquals("SENT", logged.get("state").s(), logged.toString());
        // the backorders of the restocked SKU get their chance
        assertTrue(Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue")).stream()
                .anyMatch(m -> m.get("stockArrived") instanceof Map<?, ?> a && "MUG-BLUE".equals(a.get("sku"))));

        // A different receipt of the same RMA is refused with the rule named; nothing changes.
        APIGatewayV2HTTPResponse other = call(receive, event, seller, Map.of("rmaId", rmaId), Map.of("lines",
                List.of(Map.of("sku", "MUG-BLUE", "quantity", 1, "condition", "DAMAGED"))));
        assertEquals(422, other.getStatusCode(), other.getBody());
        assertEquals("rma-status", Json.parseObject(other.getBody()).get("rule"));
        // Another seller cannot see or receive it.
        assertEquals(404, call(receive, event, cloud.newSeller("rcv-intruder"), Map.of("rmaId", rmaId), receipt())
                .getStatusCode());
    }

    @ParameterizedTest
    @Event(value = "events/create-refund.json", type = APIGatewayV2HTTPEvent.class)
    void goodwill_refunds_stay_under_what_was_paid_and_a_request_id_pays_once(APIGatewayV2HTTPEvent event) {
        Order order = delivered();
        Map<String, Object> tooMuch = Map.of("amount", Map.of("amount", "53.59", "currency", "USD"),
                "reason", "lost", "requestId", "r-1");
        APIGatewayV2HTTPResponse refused = call(refund, event, seller, Map.of("orderId", order.orderId()), tooMuch);
        assertEquals(422, refused.getStatusCode(), refused.getBody());
        assertEquals("refund-cap", Json.parseObject(refused.getBody()).get("rule"));

        Map<String, Object> partial = Map.of("amount", Map.of("amount", "10.00", "currency", "USD"),
                "reason", "arrived late", "requestId", "r-2");
        APIGatewayV2HTTPResponse first = call(refund, event, seller, Map.of("orderId", order.orderId()), partial);
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse repeat = call(refund, event, seller, Map.of("orderId", order.orderId()), partial);
        assertEquals(200, repeat.getStatusCode(), repeat.getBody());
        assertEquals(Json.parseObject(first.getBody()).get("refundId"), Json.parseObject(repeat.getBody()).get("refundId"));
        APIGatewayV2HTTPResponse reused = call(refund, event, seller, Map.of("orderId", order.orderId()),
                Map.of("amount", Map.of("amount", "11.00", "currency", "USD"), "reason", "x", "requestId", "r-2"));
        assertEquals(409, reused.getStatusCode(), reused.getBody());

        // The rest, exactly: REFUNDED; then nothing more fits.
        APIGatewayV2HTTPResponse rest = call(refund, event, seller, Map.of("orderId", order.orderId()),
                Map.of("amount", Map.of("amount", "43.58", "currency", "USD"), "reason", "lost", "requestId", "r-3"));
        assertEquals(201, rest.getStatusCode(), rest.getBody());
        assertEquals("REFUNDED", map(Json.parseObject(rest.getBody()).get("order")).get("status"));
        APIGatewayV2HTTPResponse more = call(refund, event, seller, Map.of("orderId", order.orderId()),
                Map.of("amount", Map.of("amount", "0.01", "currency", "USD"), "reason", "x", "requestId", "r-4"));
        assertEquals(409, more.getStatusCode(), more.getBody()); // REFUNDED allows no refund
        assertEquals(OrderStatus.REFUNDED, cloud.orders().get(order.orderId()).orElseThrow().status());

        APIGatewayV2HTTPEvent listEvent = copy(event);
        listEvent.setRouteKey("GET /v1/orders/{orderId}/refunds");
        listEvent.setBody(null);
        APIGatewayV2HTTPResponse listed = call(list, listEvent, seller, Map.of("orderId", order.orderId()), null);
        assertEquals(200, listed.getStatusCode(), listed.getBody());
        List<Object> items = (List<Object>) Json.parseObject(listed.getBody()).get("items");
        assertEquals(2, items.size(), listed.getBody());
        assertEquals(404, call(list, listEvent, cloud.newSeller("rcv-other"), Map.of("orderId", order.orderId()), null)
                .getStatusCode());
        APIGatewayV2HTTPResponse bad = call(refund, event, seller, Map.of("orderId", order.orderId()),
                Map.of("amount", Map.of("amount", "1.001", "currency", "USD")));
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        assertTrue(bad.getBody().contains("amount.amount") && bad.getBody().contains("requestId"), bad.getBody());
    }

    @ParameterizedTest
    @Event(value = "events/list-returns.json", type = APIGatewayV2HTTPEvent.class)
    void the_seller_lists_returns_by_status_newest_first_with_their_refunds(APIGatewayV2HTTPEvent event) {
        Order order = delivered();
        APIGatewayV2HTTPEvent createEvent = copy(event);
        createEvent.setRouteKey("POST /v1/orders/{orderId}/returns");
        String rmaId = authorize(createEvent, order);
        APIGatewayV2HTTPResponse authorized = call(list, event, seller, null, null);
        assertEquals(200, authorized.getStatusCode(), authorized.getBody());
        List<Object> items = (List<Object>) Json.parseObject(authorized.getBody()).get("items");
        assertEquals(1, items.size());
        assertEquals(rmaId, map(items.get(0)).get("rmaId"));
        assertEquals(null, map(items.get(0)).get("refund"));
        APIGatewayV2HTTPEvent receiveEvent = copy(event);
        receiveEvent.setRouteKey("POST /v1/returns/{rmaId}/receive");
        assertEquals(201, call(receive, receiveEvent, seller, Map.of("rmaId", rmaId), receipt()).getStatusCode());
        APIGatewayV2HTTPEvent received = copy(event);
        received.setQueryStringParameters(Map.of("status", "RECEIVED"));
        List<Object> receivedItems = (List<Object>) Json.parseObject(call(list, received, seller, null, null)
                .getBody()).get("items");
        assertEquals(1, receivedItems.size());
        assertEquals(Map.of("amount", "33.84", "currency", "USD"),
                map(map(receivedItems.get(0)).get("refund")).get("amount"));
        APIGatewayV2HTTPEvent bad = copy(event);
        bad.setQueryStringParameters(Map.of("status", "LOST", "cursor", "nope"));
        APIGatewayV2HTTPResponse refused = call(list, bad, seller, null, null);
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getBody().contains("status") && refused.getBody().contains("cursor"), refused.getBody());
    }
}
