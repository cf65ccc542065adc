package orderflow.shared.domain.returns;

import static orderflow.shared.domain.returns.ReturnReason.DEFECTIVE;
import static orderflow.shared.domain.returns.ReturnReason.NO_LONGER_NEEDED;
import static orderflow.shared.domain.returns.ReturnTestOrders.NOW;
import static orderflow.shared.domain.returns.ReturnTestOrders.SELLER;
import static orderflow.shared.domain.returns.ReturnTestOrders.delivered;
import static orderflow.shared.domain.returns.ReturnTestOrders.policy;
import static orderflow.shared.domain.returns.ReturnTestOrders.request;
import static orderflow.shared.domain.returns.ReturnTestOrders.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.StockChange;

class RefundingTest {

    private static final ReturnPolicy FIFTEEN_PERCENT = policy(30, 15, ReturnShippingPayer.SELLER, 0);

    /** LAMP 2 x 19.99, BULB 3 x 7.49, SHADE 1 x 45.00; subtotal 107.45, tax 8.60, shipping 5.00: 121.05. */
    private static Order lampOrder() {
        return delivered("8.60", "5.00", "LAMP", 2, "19.99", "BULB", 3, "7.49", "SHADE", 1, "45.00");
    }

    private static ReceiveRequest receipt(Object... skuQuantityCondition) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skuQuantityCondition.length; i += 3) {
            lines.add(Map.of("sku", skuQuantityCondition[i], "quantity", skuQuantityCondition[i + 1],
                    "condition", skuQuantityCondition[i + 2]));
        }
        return ReceiveRequests.parse(Map.of("lines", lines));
    }

    @Test
    void receiving_a_partial_return_restocks_sellable_units_writes_off_damaged_and_refunds_to_the_cent() {
        Order order = lampOrder();
        ReturnAuthorization rma = ReturnRules.authorize(order, List.of(), FIFTEEN_PERCENT,
                request("LAMP", 1, NO_LONGER_NEEDED, "BULB", 2, DEFECTIVE), NOW);

        RefundChange change = Refunding.receive(order, rma, List.of(rma),
                receipt("LAMP", 1, "SELLABLE", "BULB", 1, "SELLABLE", "BULB", 1, "DAMAGED"), FIFTEEN_PERCENT, SELLER,
                NOW);

        // LAMP 19.99 + tax share 1.60 - 15% fee 3.00 = 18.59; BULB 2 x 7.49 = 14.98 + tax share
        // round(8.60 x 34.97 / 107.45) - 1.60 = 2.80 - 1.60 = 1.20, no fee (defective) = 16.18. Total 34.77.
        assertEquals(usd("34.77"), change.refund().amount());
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, change.order().after().status());
        assertEquals(usd("34.77"), change.order().after().refunded());
        assertEquals(RmaStatus.RECEIVED, change.received().status());
        assertEquals(List.of(new StockChange("LAMP", 1, StockChange.Kind.RESTOCK),
                new StockChange("BULB", 1, StockChange.Kind.RESTOCK),
                new StockChange("BULB", 1, StockChange.Kind.WRITE_OFF)), change.order().stock());
        assertEquals(RefundIds.forReturn(rma.rmaId()), change.refund().refundId());
        assertEquals("return-received", change.order().entry().action());
    }

    @Test
    void the_second_return_of_an_order_gets_the_remaining_share_and_a_full_return_reaches_refunded() {
        Order order = delivered("3.33", "0.00", "A", 1, "1.00", "B", 1, "1.00", "C", 1, "1.00");
        ReturnPolicy free = policy(30, 0, ReturnShippingPayer.SELLER, 0);
        ReturnAuthorization first = ReturnRules.authorize(order, List.of(), free, request("A", 1, DEFECTIVE), NOW);
        RefundChange one = Refunding.receive(order, first, List.of(first), receipt("A", 1, "SELLABLE"), free, SELLER,
                NOW);
        assertEquals(usd("2.11"), one.refund().amount()); // 1.00 + round(3.33 / 3) = 1.11

        Order after = one.order().after();
        ReturnAuthorization second = ReturnRules.authorize(after, List.of(one.received()), free,
                request("B", 1, DEFECTIVE, "C", 1, DEFECTIVE), NOW);
        RefundChange two = Refunding.receive(after, second, List.of(one.received(), second),
                receipt("B", 1, "SELLABLE", "C", 1, "DAMAGED"), free, SELLER, NOW);
        // the rest: 2.00 items + 3.33 - 1.11 tax = 4.22; together exactly the 6.33 paid
        assertEquals(usd("4.22"), two.refund().amount());
        assertEquals(OrderStatus.REFUNDED, two.order().after().status());
        assertEquals(after.totals().total(), two.order().after().refunded());
    }

    @Test
    void a_return_after_a_full_goodwill_refund_pays_nothing_more_but_still_restocks() {
        Order order = lampOrder();
        RefundChange goodwill = Refunding.goodwill(order, new GoodwillRequest(usd("121.05"), "lost parcel", "r1"),
                SELLER, NOW);
        Order refunded = goodwill.order().after();
        assertEquals(OrderStatus.REFUNDED, refunded.status());

        ReturnAuthorization rma = ReturnRules.authorize(refunded, List.of(), FIFTEEN_PERCENT,
                request("SHADE", 1, DEFECTIVE), NOW);
        RefundChange late = Refunding.receive(refunded, rma, List.of(rma), receipt("SHADE", 1, "SELLABLE"),
                FIFTEEN_PERCENT, SELLER, NOW);
        assertNull(late.refund());
        assertEquals(OrderStatus.REFUNDED, late.order().after().status());
        assertEquals(List.of(new StockChange("SHADE", 1, StockChange.Kind.RESTOCK)), late.order().stock());
    }

    @Test
    void goodwill_above_what_is_left_is_refused_with_the_cap_rule_and_before_delivery_is_an_illegal_transition() {
        Order order = lampOrder();
        RefundChange first = Refunding.goodwill(order, new GoodwillRequest(usd("100.00"), "scratch", "r1"), SELLER,
                NOW);
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, first.order().after().status());
        Failure.Refused tooMuch = assertThrows(Failure.Refused.class, () -> Refunding.goodwill(
                first.order().after(), new GoodwillRequest(usd("21.06"), "more", "r2"), SELLER, NOW));
        assertEquals("refund-cap", tooMuch.rule());

        Order shipped = ReturnTestOrders.confirmed("8.60", "5.00", "LAMP", 1, "19.99");
        assertThrows(Failure.IllegalTransition.class, () -> Refunding.goodwill(shipped,
                new GoodwillRequest(usd("1.00"), "early", "r3"), SELLER, NOW));
    }

    @Test
    void goodwill_request_names_every_bad_field_and_takes_the_idempotency_key_header() {
        Failure.InvalidInput e = assertThrows(Failure.InvalidInput.class, () -> GoodwillRequests.parse(Map.of(
                "amount", Map.of("amount", "1.005", "currency", "USD")), null));
        assertEquals(List.of("amount.amount", "reason", "requestId"),
                e.errors().stream().map(orderflow.shared.domain.FieldError::field).toList());
        GoodwillRequest ok = GoodwillRequests.parse(Map.of("amount", Map.of("amount", "5", "currency", "USD"),
                "reason", "late"), "key-1");
        assertEquals(usd("5.00"), ok.amount());
        assertEquals("key-1", ok.requestId());
        assertEquals(List.of("requestId"), assertThrows(Failure.InvalidInput.class, () -> GoodwillRequests.parse(
                Map.of("amount", Map.of("amount", "5", "currency", "USD"), "reason", "late", "requestId", "a"),
                "b")).errors().stream().map(orderflow.shared.domain.FieldError::field).toList());
    }
}
