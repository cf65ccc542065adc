package orderflow.functions.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import orderflow.it.Fixtures;
import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.metrics.OrderFacts;
import org.junit.jupiter.params.ParameterizedTest;

/** The scheduled cancel of unpaid orders against the emulator, the clock moved past each seller's limit. */
class CancelUnpaidIT {

    private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");

    private final TestCloud cloud = TestCloud.get();

    private Order pending(String seller, Instant placed) {
        Map<String, Object> json = Fixtures.sampleOrder();
        json.put("externalOrderId", "UNPAID-" + System.nanoTime());
        json.put("createdAt", placed.toString());
        json.put("paymentStatus", "PENDING");
        Order order = GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller, placed);
        cloud.orders().createIfAbsent(order);
        assertEquals(OrderStatus.PENDING, order.status());
        return order;
    }

    private Map<String, Object> run(Map<String, Object> fixture, Instant now) {
        return new CancelUnpaidHandler(cloud.adapters("CancelUnpaidFunction", Clock.fixed(now, ZoneOffset.UTC))).handleRequest(fixture, new TestContext());
    }

    @ParameterizedTest
    @Event(value = "events/cancel-unpaid.json", type = Map.class)
    void orders_unpaid_past_the_sellers_limit_are_canceled_once_and_the_buyer_is_emailed(Map<String, Object> fixture) {
        String quick = "unpaid-" + System.nanoTime();
        cloud.admin().putSeller(new Seller(quick, "Quick " + quick, "owner@" + quick + ".example", "help@shop.example",
                "help@shop.example", 2, ZoneId.of("UTC"), 5, 5)); // cancels after 5 days
        String patient = cloud.newSeller("unpaid-default"); // 21 days
        Order overdue = pending(quick, T0);
        Order young = pending(quick, T0.plus(Duration.ofDays(3)));
        Order defaultLimit = pending(patient, T0);
        Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));

        Instant now = T0.plus(Duration.ofDays(6));
        assertEquals(true, run(fixture, now).get("complete"));
        Order canceled = cloud.orders().get(overdue.orderId()).orElseThrow();
        assertEquals(OrderStatus.CANCELED, canceled.status());
        assertEquals(OrderStatus.PENDING, canceled.fulfillment().cancellation().canceledFrom());
        assertEquals("PAYMENT_NOT_RECEIVED: not paid within 5 days", canceled.statusReason());
        // a cancel of an unpaid order never counts against the seller
        assertEquals(OrderFacts.Cancel.BEFORE_PAYMENT, OrderFacts.from(canceled).cancel());
        assertEquals(OrderStatus.PENDING, cloud.orders().get(young.orderId()).orElseThrow().status());
        assertEquals(OrderStatus.PENDING, cloud.orders().get(defaultLimit.orderId()).orElseThrow().status());
        List<Map<String, Object>> emails = Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue"));
        List<Map<String, Object>> mine = emails.stream()
                .filter(e -> String.valueOf(e.get("eventId")).equals("order-canceled:" + overdue.orderId())).toList();
        assertEquals(1, mine.size(), emails.toString());
        assertTrue(String.valueOf(mine.get(0).get("data")).contains("the payment did not reach us in time"));

        // A rerun changes nothing; 22 days on, the default limit has passed too.
        run(fixture, now.plusSeconds(3600));
        assertTrue(Fixtures.drain(cloud.sqs, cloud.ref("EmailQueue")).stream()
                .noneMatch(e -> String.valueOf(e.get("eventId")).equals("order-canceled:" + overdue.orderId())));
        assertEquals(2, cloud.orders().history(overdue.orderId(), 0, 10).size()); // received, then canceled once
        run(fixture, T0.plus(Duration.ofDays(22)));
        assertEquals(OrderStatus.CANCELED, cloud.orders().get(defaultLimit.orderId()).orElseThrow().status());
        assertEquals(OrderStatus.CANCELED, cloud.orders().get(young.orderId()).orElseThrow().status());
    }
}
