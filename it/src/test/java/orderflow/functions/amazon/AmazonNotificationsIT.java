package orderflow.functions.amazon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.FakeSpApi;
import orderflow.shared.api.LambdaStreams;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.json.Json;
import orderflow.shared.spapi.SpApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import orderflow.shared.outbound.OutboundRules;

/**
 * SP-API ORDER_CHANGE notifications (events/spapi-order-change.json) through the handler against
 * the emulator, with order details from a local fake of Login with Amazon and SP-API Orders v0.
 */
class AmazonNotificationsIT {

    private final TestCloud cloud = TestCloud.get();
    private FakeSpApi spApi;
    private ReceiveAmazonNotificationHandler handler;
    private String seller;
    private String amazonSellerId;
    private String storefront;

    @BeforeEach
    void start() throws Exception {
        spApi = new FakeSpApi(cloud.root);
        handler = new ReceiveAmazonNotificationHandler(cloud.adapters("ReceiveAmazonNotificationFunction"),
                new SpApiClient(URI.create(spApi.endpoint()), URI.create(spApi.tokenEndpoint()), FakeSpApi.CLIENT_ID,
                        FakeSpApi.CLIENT_SECRET, Clock.systemUTC(), OutboundRules.allowingLoopback()));
        seller = cloud.newSeller("amz");
        amazonSellerId = "A" + Long.toString(System.nanoTime(), 36).toUpperCase();
        storefront = seller + "-amazon";
        cloud.admin().putAmazonStorefront(storefront, seller, amazonSellerId, FakeSpApi.REFRESH_TOKEN);
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
    }

    @AfterEach
    void stop() {
        spApi.close();
    }

    @SuppressWarnings("unchecked")
    private static String notification(SQSEvent fixture, String amazonSellerId, String orderId, String notificationId,
                                       String changeType, boolean buyerCancel) {
        Map<String, Object> n = new HashMap<>(Json.parseObject(fixture.getRecords().get(0).getBody()));
        Map<String, Object> payload = new HashMap<>((Map<String, Object>) n.get("Payload"));
        Map<String, Object> change = new HashMap<>((Map<String, Object>) payload.get("OrderChangeNotification"));
        change.put("SellerId", amazonSellerId);
        change.put("AmazonOrderId", orderId);
        change.put("OrderChangeType", changeType);
        if (buyerCancel) {
            Map<String, Object> summary = new HashMap<>((Map<String, Object>) change.get("Summary"));
            summary.put("OrderItems", List.of(Map.of("OrderItemId", "1", "SellerSKU", "MUG-BLUE", "Quantity", 2,
                    "IsBuyerRequestedCancel", true, "BuyerRequestedCancelReason", "Changed my mind")));
            change.put("Summary", summary);
        }
        payload.put("OrderChangeNotification", change);
        n.put("Payload", payload);
        Map<String, Object> meta = new HashMap<>((Map<String, Object>) n.get("NotificationMetadata"));
        meta.put("NotificationId", notificationId);
        n.put("NotificationMetadata", meta);
        return Json.write(n);
    }

    private SQSBatchResponse deliver(String body) {
        return handler.handleRequest(LambdaStreams.sqsEventOf(body), new TestContext());
    }

    @ParameterizedTest
    @Event(value = "events/spapi-order-change.json", type = SQSEvent.class)
    void an_order_change_becomes_one_order_however_often_it_arrives(SQSEvent event) throws Exception {
        String amazonOrderId = "113-" + (System.nanoTime() % 10_000_000) + "-0000001";
        String orderId = OrderIds.forExternal(storefront, amazonOrderId);
        assertEquals(List.of(), deliver(notification(event, amazonSellerId, amazonOrderId, "n-1", "OrderStatusChange",
                false)).getBatchItemFailures());
        var order = cloud.orders().get(orderId).orElseThrow();
        assertEquals(seller, order.sellerId());
        assertEquals(amazonOrderId, order.externalOrderId());
        assertTrue(order.totals().total().minor() > 0, "prices come from getOrderItems");

        int calls = spApi.orderCalls.get();
        assertEquals(List.of(), deliver(notification(event, amazonSellerId, amazonOrderId, "n-1", "OrderStatusChange",
                false)).getBatchItemFailures());
        assertEquals(calls, spApi.orderCalls.get(), "a duplicate NotificationId is not fetched again");
        assertEquals(List.of(), deliver(notification(event, amazonSellerId, amazonOrderId, "n-2", "OrderStatusChange",
                false)).getBatchItemFailures());
        assertEquals(1, spApi.tokenCalls.get(), "the LWA access token is reused");
        assertEquals(1, cloud.dynamo.query(q -> q.tableName(cloud.ref("OrderHistoryTable"))
                .keyConditionExpression("orderId = :o").expressionAttributeValues(Map.of(":o",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(orderId)))).count());
        List<Map<String, Object>> queued = Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        assertTrue(queued.stream().allMatch(m -> orderId.equals(m.get("orderId"))), queued.toString());
    }

    @ParameterizedTest
    @Event(value = "events/spapi-order-change.json", type = SQSEvent.class)
    void a_buyer_cancel_request_queues_a_buyer_requested_cancel(SQSEvent event) {
        String amazonOrderId = "114-" + (System.nanoTime() % 10_000_000) + "-0000002";
        deliver(notification(event, amazonSellerId, amazonOrderId, "c-1", "OrderStatusChange", false));
        Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        assertEquals(List.of(), deliver(notification(event, amazonSellerId, amazonOrderId, "c-2", "BuyerRequestedChange",
                true)).getBatchItemFailures());
        List<Map<String, Object>> queued = Fixtures.drain(cloud.sqs, cloud.ref("OrderQueue"));
        assertEquals(1, queued.size(), queued.toString());
        Map<?, ?> cancel = (Map<?, ?>) queued.get(0).get("cancel");
        assertEquals(OrderIds.forExternal(storefront, amazonOrderId), cancel.get("orderId"));
        assertEquals(true, cancel.get("buyerRequested"));
    }

    @ParameterizedTest
    @Event(value = "events/spapi-order-change.json", type = SQSEvent.class)
    void a_notification_for_an_unlinked_seller_fails_so_it_waits_in_the_dlq(SQSEvent event) {
        SQSBatchResponse r = deliver(notification(event, "UNLINKED", "115-0000000-0000003", "u-1", "OrderStatusChange",
                false));
        assertEquals(1, r.getBatchItemFailures().size());
    }
}
