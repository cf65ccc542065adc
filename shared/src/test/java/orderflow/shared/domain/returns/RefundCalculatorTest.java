package orderflow.shared.domain.returns;

import static orderflow.shared.domain.returns.ReturnReason.DAMAGED;
import static orderflow.shared.domain.returns.ReturnReason.DEFECTIVE;
import static orderflow.shared.domain.returns.ReturnReason.NO_LONGER_NEEDED;
import static orderflow.shared.domain.returns.ReturnReason.OTHER;
import static orderflow.shared.domain.returns.ReturnReason.WRONG_ITEM;
import static orderflow.shared.domain.returns.ReturnTestOrders.delivered;
import static orderflow.shared.domain.returns.ReturnTestOrders.policy;
import static orderflow.shared.domain.returns.ReturnTestOrders.received;
import static orderflow.shared.domain.returns.ReturnTestOrders.usd;
import static orderflow.shared.domain.returns.ReturnTestOrders.withDiscount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;

class RefundCalculatorTest {

    private static final Money NOTHING = Money.zero("USD");

    /**
     * LAMP 2 x 19.99 = 39.98, BULB 3 x 7.49 = 22.47, SHADE 1 x 45.00; subtotal 107.45, tax 8.60,
     * shipping 5.00: total 121.05.
     */
    private static Order lampOrder() {
        return delivered("8.60", "5.00", "LAMP", 2, "19.99", "BULB", 3, "7.49", "SHADE", 1, "45.00");
    }

    /** A 2 x 3.33, B 1 x 7.77, C 1 x 1.01: subtotal 15.44, tax 3.33, no shipping: total 18.77. */
    private static Order awkwardTaxOrder() {
        return delivered("3.33", "0.00", "A", 2, "3.33", "B", 1, "7.77", "C", 1, "1.01");
    }

    private static long minor(Money m) {
        return m.minor();
    }

    // ---- one return, to the cent ----

    @Test
    void partial_multi_line_return_refunds_items_and_their_tax_share_minus_the_restocking_fee_to_the_cent() {
        ReturnPolicy fifteenPercent = policy(30, 15, ReturnShippingPayer.SELLER, 0);
        RefundQuote q = RefundCalculator.forReturn(lampOrder(),
                received("LAMP", 1, NO_LONGER_NEEDED, "BULB", 2, DEFECTIVE), Map.of(), fifteenPercent, NOTHING);

        // LAMP: 1 x 19.99 = 19.99. Tax, cumulative: round(8.60 x 19.99 / 107.45) = round(1.59994) = 1.60.
        // Restocking 15% of 19.99 = 2.9985 -> 3.00 (NO_LONGER_NEEDED pays it). 19.99 + 1.60 - 3.00 = 18.59.
        RefundQuote.Line lamp = q.lines().get(0);
        assertEquals(1999, minor(lamp.item()));
        assertEquals(160, minor(lamp.tax()));
        assertEquals(300, minor(lamp.restockingFee()));
        assertEquals(1859, minor(lamp.refund()));
        // BULB: 2 x 7.49 = 14.98; cumulative 19.99 + 14.98 = 34.97: round(8.60 x 34.97 / 107.45)
        // = round(2.79890) = 2.80, minus the 1.60 LAMP got = 1.20. DEFECTIVE: no fee. 14.98 + 1.20 = 16.18.
        RefundQuote.Line bulb = q.lines().get(1);
        assertEquals(1498, minor(bulb.item()));
        assertEquals(120, minor(bulb.tax()));
        assertEquals(0, minor(bulb.restockingFee()));
        assertEquals(1618, minor(bulb.refund()));
        // 18.59 + 16.18 = 34.77
        assertEquals(usd("34.97"), q.items());
        assertEquals(usd("2.80"), q.tax());
        assertEquals(usd("3.00"), q.restockingFees());
        assertEquals(NOTHING, q.returnShipping());
        assertEquals(NOTHING, q.discount());
        assertEquals(usd("34.77"), q.computed());
        assertEquals(usd("34.77"), q.refund());
        assertEquals(usd("121.05"), q.refundable());
        assertFalse(q.capped());
    }

    // ---- exact shares across returns ----

    @Test
    void tax_shares_sum_exactly_to_the_order_tax_when_everything_comes_back_in_two_returns() {
        Order order = awkwardTaxOrder();
        // Return 1: A x1 (3.33) and B x1 (7.77).
        RefundQuote first = RefundCalculator.forReturn(order,
                received("A", 1, NO_LONGER_NEEDED, "B", 1, DEFECTIVE), Map.of(), ReturnPolicy.DEFAULT, NOTHING);
        // A: round(3.33 x 3.33 / 15.44) = round(0.71819) = 0.72.
        // B: cumulative 11.10: round(3.33 x 11.10 / 15.44) = round(2.39398) = 2.39; 2.39 - 0.72 = 1.67
        //    (rounded on its own B would get round(1.67578) = 1.68: one cent too many in the end).
        assertEquals(List.of(72L, 167L), first.lines().stream().map(l -> l.tax().minor()).toList());
        assertEquals(usd("13.49"), first.refund()); // 3.33 + 0.72 + 7.77 + 1.67

        // Return 2: the rest, A x1 (3.33) and C x1 (1.01), after A x1 and B x1.
        RefundQuote second = RefundCalculator.forReturn(order, received("A", 1, OTHER, "C", 1, OTHER),
                ReturnTestOrders.units("A", 1, "B", 1), ReturnPolicy.DEFAULT, first.refund());
        // A: cumulative 14.43: round(3.33 x 14.43 / 15.44) = round(3.11217) = 3.11; 3.11 - 2.39 = 0.72.
        // C: cumulative 15.44 (everything): 3.33 - 3.11 = 0.22.
        assertEquals(List.of(72L, 22L), second.lines().stream().map(l -> l.tax().minor()).toList());
        assertEquals(usd("5.28"), second.refund()); // 3.33 + 0.72 + 1.01 + 0.22

        // 0.72 + 1.67 + 0.72 + 0.22 = 3.33 (per-line rounding: 0.72 + 1.68 + 0.72 + 0.22 = 3.34).
        assertEquals(order.totals().tax().minor(), first.tax().minor() + second.tax().minor());
        // 13.49 + 5.28 = 18.77: everything back is exactly what was paid (no shipping on this order).
        assertEquals(order.totals().total().minor(), first.refund().minor() + second.refund().minor());
    }

    @Test
    void discount_and_tax_shares_are_exact_across_two_returns_and_everything_back_is_the_total_minus_shipping() {
        // X 3 x 3.33 = 9.99, Y 2 x 4.99 = 9.98: subtotal 19.97, discount 1.00, tax 1.59, shipping 2.00:
        // total 19.97 - 1.00 + 1.59 + 2.00 = 22.56.
        Order order = withDiscount(delivered("1.59", "2.00", "X", 3, "3.33", "Y", 2, "4.99"), "1.00");
        assertEquals(usd("22.56"), order.totals().total());

        RefundQuote first = RefundCalculator.forReturn(order, received("X", 2, OTHER, "Y", 1, OTHER), Map.of(),
                ReturnPolicy.DEFAULT, NOTHING);
        // X x2 = 6.66: discount round(1.00 x 6.66 / 19.97) = round(0.33350) = 0.33,
        //              tax round(1.59 x 6.66 / 19.97) = round(0.53027) = 0.53; 6.66 - 0.33 + 0.53 = 6.86.
        // Y x1 = 4.99, cumulative 11.65: discount round(0.58338) = 0.58 - 0.33 = 0.25,
        //              tax round(0.92757) = 0.93 - 0.53 = 0.40; 4.99 - 0.25 + 0.40 = 5.14.
        assertEquals(List.of(33L, 25L), first.lines().stream().map(l -> l.discount().minor()).toList());
        assertEquals(List.of(53L, 40L), first.lines().stream().map(l -> l.tax().minor()).toList());
        assertEquals(usd("12.00"), first.refund()); // 6.86 + 5.14

        RefundQuote second = RefundCalculator.forReturn(order, received("X", 1, OTHER, "Y", 1, OTHER),
                ReturnTestOrders.units("X", 2, "Y", 1), ReturnPolicy.DEFAULT, first.refund());
        // X x1 = 3.33, cumulative 14.98: discount round(0.75013) = 0.75 - 0.58 = 0.17,
        //              tax round(1.19270) = 1.19 - 0.93 = 0.26; 3.33 - 0.17 + 0.26 = 3.42.
        // Y x1 = 4.99, cumulative 19.97 (everything): discount 1.00 - 0.75 = 0.25, tax 1.59 - 1.19 = 0.40;
        //              4.99 - 0.25 + 0.40 = 5.14.
        assertEquals(List.of(17L, 25L), second.lines().stream().map(l -> l.discount().minor()).toList());
        assertEquals(List.of(26L, 40L), second.lines().stream().map(l -> l.tax().minor()).toList());
        assertEquals(usd("8.56"), second.refund()); // 3.42 + 5.14

        assertEquals(100, first.discount().minor() + second.discount().minor());
        assertEquals(159, first.tax().minor() + second.tax().minor());
        // 12.00 + 8.56 = 20.56 = 22.56 - 2.00 outbound shipping, which a return does not pay back.
        assertEquals(order.totals().total().minor() - order.totals().shipping().minor(),
                first.refund().minor() + second.refund().minor());
    }

    @Test
    void units_of_a_sku_on_two_lines_keep_their_line_prices_first_line_first() {
        // MUG 1 x 10.00 then MUG 2 x 8.00; no tax.
        Order order = delivered("0.00", "0.00", "MUG", 1, "10.00", "MUG", 2, "8.00");
        RefundQuote first = RefundCalculator.forReturn(order, received("MUG", 2, OTHER), Map.of(),
                ReturnPolicy.DEFAULT, NOTHING);
        assertEquals(usd("18.00"), first.refund()); // 10.00 + 8.00
        RefundQuote second = RefundCalculator.forReturn(order, received("MUG", 1, OTHER),
                ReturnTestOrders.units("MUG", 2), ReturnPolicy.DEFAULT, first.refund());
        assertEquals(usd("8.00"), second.refund());
    }

    // ---- restocking fee ----

    @Test
    void restocking_fee_rounds_half_even_on_exact_halves() {
        // CAND 2.50 and SOAP 3.50, no tax; fee 15%.
        Order order = delivered("0.00", "0.00", "CAND", 1, "2.50", "SOAP", 1, "3.50");
        RefundQuote q = RefundCalculator.forReturn(order, received("CAND", 1, NO_LONGER_NEEDED,
                "SOAP", 1, OTHER), Map.of(), policy(30, 15, ReturnShippingPayer.SELLER, 0), NOTHING);
        // 15% of 2.50 = 0.375 -> 0.38 (37.5 cents, to the even 38); 15% of 3.50 = 0.525 -> 0.52 (to the even 52).
        assertEquals(38, q.lines().get(0).restockingFee().minor());
        assertEquals(52, q.lines().get(1).restockingFee().minor());
        assertEquals(usd("5.10"), q.refund()); // 2.50 - 0.38 + 3.50 - 0.52
    }

    @Test
    void returns_that_are_the_sellers_fault_pay_no_restocking_fee() {
        Order order = delivered("0.00", "0.00", "A", 1, "10.00", "B", 1, "10.00", "C", 1, "10.00", "D", 1, "10.00");
        RefundQuote q = RefundCalculator.forReturn(order, received("A", 1, DAMAGED, "B", 1, DEFECTIVE,
                "C", 1, WRONG_ITEM, "D", 1, ReturnReason.NOT_AS_DESCRIBED), Map.of(),
                policy(30, 20, ReturnShippingPayer.SELLER, 0), NOTHING);
        assertEquals(NOTHING, q.restockingFees());
        assertEquals(usd("40.00"), q.refund());
    }

    @Test
    void restocking_fee_is_taken_from_the_item_amount_after_its_discount_share() {
        // 1 x 100.00, discount 10.00, no tax: total 90.00. 10% of (100.00 - 10.00) = 9.00, not 10.00.
        Order order = withDiscount(delivered("0.00", "0.00", "BIKE", 1, "100.00"), "10.00");
        RefundQuote q = RefundCalculator.forReturn(order, received("BIKE", 1, NO_LONGER_NEEDED), Map.of(),
                policy(30, 10, ReturnShippingPayer.SELLER, 0), NOTHING);
        assertEquals(usd("9.00"), q.restockingFees());
        assertEquals(usd("81.00"), q.refund()); // 100.00 - 10.00 - 9.00
    }

    // ---- return shipping ----

    @Test
    void buyer_paid_return_shipping_is_deducted_once_per_return() {
        ReturnPolicy buyerPays = policy(30, 0, ReturnShippingPayer.BUYER, 599);
        RefundQuote q = RefundCalculator.forReturn(lampOrder(),
                received("LAMP", 1, NO_LONGER_NEEDED, "SHADE", 1, NO_LONGER_NEEDED), Map.of(), buyerPays, NOTHING);
        // LAMP 19.99 + tax 1.60 (as above) = 21.59.
        // SHADE 45.00, cumulative 64.99: round(8.60 x 64.99 / 107.45) = round(5.20162) = 5.20 - 1.60 = 3.60;
        //   45.00 + 3.60 = 48.60.
        // 21.59 + 48.60 = 70.19, minus 5.99 once (not per line) = 64.20.
        assertEquals(usd("5.99"), q.returnShipping());
        assertEquals(usd("64.20"), q.refund());
    }

    @Test
    void buyer_pays_no_return_shipping_when_a_line_is_the_sellers_fault() {
        ReturnPolicy buyerPays = policy(30, 0, ReturnShippingPayer.BUYER, 599);
        RefundQuote q = RefundCalculator.forReturn(lampOrder(),
                received("LAMP", 1, NO_LONGER_NEEDED, "SHADE", 1, DAMAGED), Map.of(), buyerPays, NOTHING);
        assertEquals(NOTHING, q.returnShipping());
        assertEquals(usd("70.19"), q.refund());
    }

    @Test
    void seller_paid_return_shipping_is_not_deducted() {
        RefundQuote q = RefundCalculator.forReturn(lampOrder(), received("LAMP", 1, NO_LONGER_NEEDED), Map.of(),
                policy(30, 0, ReturnShippingPayer.SELLER, 599), NOTHING);
        assertEquals(NOTHING, q.returnShipping());
        assertEquals(usd("21.59"), q.refund());
    }

    @Test
    void refund_is_never_negative_when_return_shipping_exceeds_it() {
        // 1 x 2.50, no tax; buyer pays 5.99 back: 2.50 - 5.99 would be -3.49.
        Order order = delivered("0.00", "0.00", "CAND", 1, "2.50");
        RefundQuote q = RefundCalculator.forReturn(order, received("CAND", 1, OTHER), Map.of(),
                policy(30, 0, ReturnShippingPayer.BUYER, 599), NOTHING);
        assertEquals(NOTHING, q.computed());
        assertEquals(NOTHING, q.refund());
    }

    // ---- the cap ----

    @Test
    void refund_is_capped_at_what_was_paid_minus_already_refunded_and_the_cap_is_reported() {
        Order order = awkwardTaxOrder(); // total 18.77
        // Everything back would be 18.77, but 10.00 goodwill was refunded already: at most 8.77.
        RefundQuote q = RefundCalculator.forReturn(order, received("A", 2, DEFECTIVE, "B", 1, DEFECTIVE,
                "C", 1, DEFECTIVE), Map.of(), ReturnPolicy.DEFAULT, usd("10.00"));
        assertEquals(usd("18.77"), q.computed());
        assertEquals(usd("8.77"), q.refundable());
        assertTrue(q.capped());
        assertEquals(usd("8.77"), q.refund());
    }

    @Test
    void nothing_is_refundable_once_the_total_was_refunded() {
        Order order = awkwardTaxOrder();
        RefundQuote q = RefundCalculator.forReturn(order, received("C", 1, DEFECTIVE), Map.of(),
                ReturnPolicy.DEFAULT, usd("18.77"));
        assertEquals(NOTHING, q.refundable());
        assertTrue(q.capped());
        assertEquals(NOTHING, q.refund());
    }

    @Test
    void more_units_than_ordered_in_all_is_a_bug_not_a_refund() {
        Order order = awkwardTaxOrder(); // A x2
        assertThrows(IllegalArgumentException.class, () -> RefundCalculator.forReturn(order,
                received("A", 1, OTHER), ReturnTestOrders.units("A", 2), ReturnPolicy.DEFAULT, NOTHING));
        assertThrows(IllegalArgumentException.class, () -> RefundCalculator.forReturn(order,
                received("A", 1, OTHER), Map.of(), ReturnPolicy.DEFAULT, Money.zero("EUR")));
    }

    // ---- goodwill ----

    @Test
    void goodwill_up_to_exactly_what_is_left_is_accepted() {
        RefundQuote q = RefundCalculator.goodwill(lampOrder(), usd("21.05"), usd("100.00")); // 121.05 paid
        assertEquals(usd("21.05"), q.refund());
        assertEquals(usd("21.05"), q.refundable());
        assertTrue(q.lines().isEmpty());
    }

    @Test
    void goodwill_over_the_cap_is_refused_naming_the_refund_cap_rule() {
        Failure.Refused e = assertThrows(Failure.Refused.class,
                () -> RefundCalculator.goodwill(lampOrder(), usd("21.06"), usd("100.00")));
        assertEquals("refund-cap", e.rule());
        assertEquals("amount", e.field());
        assertEquals("At most 21.05 USD can still be refunded: 121.05 paid, 100.00 already refunded; 21.06 asked.",
                e.getMessage());
    }

    @Test
    void goodwill_in_another_currency_or_not_positive_is_invalid_input() {
        Failure.InvalidInput currency = assertThrows(Failure.InvalidInput.class,
                () -> RefundCalculator.goodwill(lampOrder(), Money.parse("5.00", "EUR"), NOTHING));
        assertEquals(List.of("amount"), currency.errors().stream().map(FieldError::field).toList());
        assertThrows(Failure.InvalidInput.class, () -> RefundCalculator.goodwill(lampOrder(), NOTHING, NOTHING));
        assertThrows(Failure.InvalidInput.class, () -> RefundCalculator.goodwill(lampOrder(), usd("-1.00"), NOTHING));
    }

    @Test
    void goodwill_on_an_order_whose_payment_is_not_verified_is_refused() {
        Order order = lampOrder();
        Order pending = new Order(order.orderId(), order.sellerId(), order.storefrontId(), order.externalOrderId(),
                OrderStatus.PENDING, null, order.createdAt(), order.receivedAt(), order.currency(), order.buyer(),
                order.shipTo(), order.lines(), order.totals(), null, null, 1, null, null);
        assertEquals("refund-cap", assertThrows(Failure.Refused.class,
                () -> RefundCalculator.goodwill(pending, usd("1.00"), NOTHING)).rule());
    }
}
