package orderflow.functions.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.Overlap;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** ProcessOrderHandler with events/process-order.json against the emulator. */
class ProcessOrderIT {

    private static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");
    private final TestCloud cloud = TestCloud.get();
    private final ProcessOrderHandler handler = new ProcessOrderHandler(
            cloud.adapters("ProcessOrderFunction", Clock.fixed(NOW, ZoneOffset.UTC)));
    private String seller;

    @BeforeEach
    void seller() {
        seller = cloud.newSeller("po");
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
    }

    /** Stores the sample order (2 x MUG-BLUE, 1 x TEE-BLACK-L) as READY for this test's seller. */
    private Order storeReadyOrder(String externalId, Map<String, Object> overrides) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", externalId);
        json.putAll(overrides);
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, NOW);
        cloud.orders().createIfAbsent(order);
        return order;
    }

    private SQSEvent withOrder(SQSEvent event, String... orderIds) {
        SQSEvent.SQSMessage template = event.getRecords() == null ? new SQSEvent.SQSMessage()
                : event.getRecords().get(0);
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < orderIds.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("msg-" + i);
            m.setReceiptHandle(template.getReceiptHandle());
            m.setAttributes(template.getAttributes());
            m.setEventSource(template.getEventSource());
            m.setEventSourceArn(template.getEventSourceArn());
            m.setBody(orderIds[i].startsWith("{") || orderIds[i].equals("not json") ? orderIds[i]
                    : Json.write(Map.of("orderId", orderIds[i])));
            records.add(m);
        }
        event.setRecords(records);
        return event;
    }

    /** Confirmation emails queued (backordered orders queue a different email). */
    private List<Map<String, Object>> confirmations() {
        return Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .filter(m -> "order-confirmed".equals(m.get("template"))).toList();
    }

    private String status(String orderId) {
        return cloud.orders().get(orderId).orElseThrow().status().name();
    }

    private long[] stock(String sku) {
        return cloud.admin().stock(seller, sku);
    }

    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void paid_order_reserves_all_lines_becomes_unshipped_and_queues_one_confirmation(SQSEvent event) {
        cloud.admin().putStock(seller, "MUG-BLUE", 5, NOW);
        cloud.admin().putStock(seller, "TEE-BLACK-L", 1, NOW);
        Order order = storeReadyOrder("R-1", Map.of());

        SQSBatchResponse response = handler.handleRequest(withOrder(event, order.orderId()), new TestContext());
        assertEquals(List.of(), response.getBatchItemFailures());
        Order stored = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals("UNSHIPPED", stored.status().name());
        // Friday 2026-11-27 + 2 shipping days (UTC seller, default calendar) = Tuesday 2026-12-01, end of day.
        assertEquals(Instant.parse("2026-12-01T23:59:59.999999999Z"), stored.shipBy());
        assertArrayEquals(new long[] {5, 2, 3}, stock("MUG-BLUE"));
        assertArrayEquals(new long[] {1, 1, 0}, stock("TEE-BLACK-L"));
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        assertEquals(1, emails.size());
        assertEquals("order-confirmed:" + order.orderId(), emails.get(0).get("eventId"));
        assertEquals("ada@example.com", emails.get(0).get("toAddress"));

        // Redelivery: nothing reserved twice, no second email queued.
        response = handler.handleRequest(withOrder(event, order.orderId()), new TestContext());
        assertEquals(List.of(), response.getBatchItemFailures());
        assertArrayEquals(new long[] {5, 2, 3}, stock("MUG-BLUE"));
        assertEquals(List.of(), confirmations());
    }

    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void short_stock_backorders_the_whole_order_and_reserves_nothing(SQSEvent event) {
        cloud.admin().putStock(seller, "MUG-BLUE", 5, NOW);
        cloud.admin().putStock(seller, "TEE-BLACK-L", 0, NOW);
        Order order = storeReadyOrder("R-2", Map.of());

        handler.handleRequest(withOrder(event, order.orderId()), new TestContext());
        Order stored = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals("BACKORDERED", stored.status().name());
        assertEquals("Not enough stock: TEE-BLACK-L: 1 ordered, 0 available", stored.statusReason());
        assertArrayEquals(new long[] {5, 0, 5}, stock("MUG-BLUE"));
        assertEquals(List.of(), confirmations());
    }

    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void unknown_sku_puts_the_order_on_hold(SQSEvent event) {
        cloud.admin().putStock(seller, "MUG-BLUE", 5, NOW);
        Order order = storeReadyOrder("R-3", Map.of());
        handler.handleRequest(withOrder(event, order.orderId()), new TestContext());
        Order stored = cloud.orders().get(order.orderId()).orElseThrow();
        assertEquals("ON_HOLD", stored.status().name());
        assertTrue(stored.statusReason().contains("unknown SKU TEE-BLACK-L"), stored.statusReason());
        assertArrayEquals(new long[] {5, 0, 5}, stock("MUG-BLUE"));
    }

    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void a_bad_message_fails_alone_and_the_rest_of_the_batch_succeeds(SQSEvent event) {
        cloud.admin().putStock(seller, "MUG-BLUE", 5, NOW);
        cloud.admin().putStock(seller, "TEE-BLACK-L", 5, NOW);
        Order order = storeReadyOrder("R-4", Map.of());
        SQSBatchResponse response = handler.handleRequest(withOrder(event, "not json", order.orderId(), "{\"x\":1}"),
                new TestContext());
        assertEquals(List.of("msg-0", "msg-2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals("UNSHIPPED", status(order.orderId()));
    }

    /**
     * Twelve one-mug orders for five mugs, each delivered in an execution environment of its own
     * (a handler instance per environment) and released together by a start gate: the calls must
     * overlap in time, exactly five win the stock and seven lose it (BACKORDERED), and nothing is
     * oversold. A delivery that fails (a lost race) is redelivered as SQS would, a bounded number
     * of times; every wait is bounded.
     */
    @ParameterizedTest
    @Event(value = "events/process-order.json", type = SQSEvent.class)
    void concurrent_orders_never_oversell(SQSEvent event) {
        cloud.admin().putStock(seller, "MUG-BLUE", 5, NOW);
        cloud.admin().putStock(seller, "TEE-BLACK-L", 100, NOW);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // 1 mug each: only five can be confirmed.
            ids.add(storeReadyOrder("C-" + i, Map.of("lines", List.of(
                    Map.of("sku", "MUG-BLUE", "quantity", 1, "unitPrice", "12.50")), "total", "21.09")).orderId());
        }
        int[] redelivered = new int[ids.size()];
        List<Overlap.Call<SQSBatchResponse>> calls = Overlap.atOnce(ids.size(),
                i -> new ProcessOrderHandler(cloud.adapters("ProcessOrderFunction", Clock.fixed(NOW, ZoneOffset.UTC))),
                (own, i) -> {
                    SQSEvent single = withOrder(new SQSEvent(), ids.get(i));
                    single.getRecords().get(0).setMessageId(ids.get(i));
                    // A lost race is reported as a failure and redelivered by SQS: emulate that, bounded.
                    return Overlap.redeliver("order " + ids.get(i), 10, Duration.ofMillis(50), () -> {
                        SQSBatchResponse r = own.handleRequest(single, new TestContext());
                        if (!r.getBatchItemFailures().isEmpty()) {
                            redelivered[i]++;
                        }
                        return r;
                    }, r -> r.getBatchItemFailures().isEmpty());
                });
        Overlap.assertOverlapped("orders for the last mugs", calls);
        // An order that lost every race while mugs remained went back on OrderQueue: take it from there.
        orderflow.it.QueuePump.until(cloud.sqs, cloud.ref("OrderQueue"), e -> handler.handleRequest(e, new TestContext()),
                () -> ids.stream().noneMatch(id -> status(id).equals("READY")), "orders for the last mugs");
        long unshipped = ids.stream().filter(id -> status(id).equals("UNSHIPPED")).count();
        long backordered = ids.stream().filter(id -> status(id).equals("BACKORDERED")).count();
        String seen = "unshipped=" + unshipped + " backordered=" + backordered + " stock="
                + java.util.Arrays.toString(stock("MUG-BLUE")) + " up to " + Overlap.mostAtOnce(calls)
                + " at once, redeliveries " + java.util.Arrays.toString(redelivered);
        System.out.println("[process-order] 12 orders for 5 mugs at once: " + seen);
        assertEquals(5, unshipped, seen);
        assertEquals(7, backordered, seen);
        assertArrayEquals(new long[] {5, 5, 0}, stock("MUG-BLUE"));
        assertEquals(5, confirmations().size());
    }

    @org.junit.jupiter.api.Test
    void an_order_that_lost_every_race_comes_back_on_the_queue_after_its_delay_with_its_count() {
        String queue = cloud.ref("OrderQueue");
        Fixtures.drain(cloud.sqs, queue);
        new orderflow.shared.aws.SqsOrderQueue(cloud.sqs, queue).retryContended("ord_contended", 3, Duration.ofSeconds(2));
        assertTrue(cloud.sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(0)).messages().isEmpty(),
                "visible before its delay");
        List<software.amazon.awssdk.services.sqs.model.Message> later = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (later.isEmpty() && System.nanoTime() < deadline) {
            later.addAll(cloud.sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages());
        }
        assertEquals(1, later.size(), "the delayed message never arrived");
        Map<String, Object> body = Json.parseObject(later.get(0).body());
        assertEquals("ord_contended", body.get("orderId"));
        assertEquals(3, ((Number) body.get("contended")).intValue());
        cloud.sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(later.get(0).receiptHandle()));
    }
}
