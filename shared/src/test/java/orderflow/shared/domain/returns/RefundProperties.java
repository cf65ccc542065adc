package orderflow.shared.domain.returns;

import static orderflow.shared.domain.returns.ReturnTestOrders.NOW;
import static orderflow.shared.domain.returns.ReturnTestOrders.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;

/**
 * Refunds over random orders (lines, tax, shipping, discount) and random sequences of partial
 * returns and goodwill refunds, through {@link Refunding} and {@link RefundCalculator} as the
 * handlers call them: no refund is negative, together they never exceed what was paid, and
 * returning everything, in any number of parts, pays back exactly the order's tax and takes off
 * exactly its discount.
 */
class RefundProperties {

    /** A random order: lines of SKUs A-D (a SKU may be on two lines), tax, shipping and discount in cents. */
    record Spec(List<int[]> lines, long tax, long shipping, long discountPermille) {
        Order build() {
            List<Object> args = new ArrayList<>();
            for (int[] l : lines) {
                args.add("SKU-" + (char) ('A' + l[0]));
                args.add(l[1]);
                args.add(cents(l[2]));
            }
            Order order = ReturnTestOrders.delivered(cents(tax), cents(shipping), args.toArray());
            long subtotal = order.totals().subtotal().minor();
            // up to the subtotal plus the shipping (a free-shipping coupon), so the total stays >= the tax
            long discount = (subtotal + shipping) * discountPermille / 1000;
            return discount == 0 ? order : ReturnTestOrders.withDiscount(order, cents(discount));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append((char) ('A' + l[0])).append(" x").append(l[1]).append(" @").append(l[2]).append("; "));
            return b + "tax " + tax + ", shipping " + shipping + ", discount " + discountPermille + "‰";
        }
    }

    /** One event after delivery: a return of some units (per SKU a share in 0..3 of what is left) or a goodwill refund. */
    record Event(boolean goodwill, int[] shares, int reason, int amountPermille) {
        @Override
        public String toString() {
            return goodwill ? "goodwill " + amountPermille + "‰ of what is left"
                    : "return " + java.util.Arrays.toString(shares) + " " + ReturnReason.values()[reason];
        }
    }

    @Provide
    Arbitrary<Spec> orders() {
        Arbitrary<int[]> line = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 25_000))
                .as((sku, q, price) -> new int[] {sku, q, price});
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5), Arbitraries.longs().between(0, 5_000),
                Arbitraries.longs().between(0, 2_000), Arbitraries.of(0L, 0L, 50L, 333L, 999L, 1000L))
                .as(Spec::new);
    }

    @Provide
    Arbitrary<ReturnPolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(ReturnShippingPayer.values()),
                Arbitraries.longs().between(0, 3_000))
                .as((fee, payer, shipping) -> new ReturnPolicy(30, fee, payer, shipping, java.util.Set.of()));
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Event> event = Combinators.combine(Arbitraries.of(false, false, true),
                Arbitraries.integers().between(0, 3).array(int[].class).ofSize(4),
                Arbitraries.integers().between(0, ReturnReason.values().length - 1),
                Arbitraries.integers().between(1, 1100))
                .as(Event::new);
        return event.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 400)
    void refunds_are_never_negative_and_never_add_up_to_more_than_was_paid(
            @ForAll("orders") Spec spec, @ForAll("policies") ReturnPolicy policy, @ForAll("events") List<Event> events) {
        Order order = spec.build();
        long paid = order.totals().total().minor();
        List<ReturnAuthorization> rmas = new ArrayList<>();
        long sum = 0;
        int n = 0;
        for (Event e : events) {
            n++;
            long refundableBefore = order.refundable().minor();
            Refund refund;
            if (e.goodwill()) {
                long amount = Math.max(1, refundableBefore * e.amountPermille() / 1000);
                GoodwillRequest request = new GoodwillRequest(new Money(amount, order.currency()), "sorry", "req-" + n);
                try {
                    RefundChange change = Refunding.goodwill(order, request, SELLER, NOW);
                    assertTrue(amount <= refundableBefore, "goodwill " + amount + " over the cap " + refundableBefore);
                    order = change.order().after();
                    refund = change.refund();
                } catch (Failure.Refused r) {
                    assertEquals(ReturnRules.RULE_REFUND_CAP, r.rule());
                    assertTrue(amount > refundableBefore, "refused " + amount + " under the cap " + refundableBefore);
                    continue;
                } catch (Failure.IllegalTransition t) {
                    assertEquals(OrderStatus.REFUNDED, order.status(), t.getMessage());
                    continue;
                }
            } else {
                ReturnRequest request = returnOf(order, rmas, e);
                if (request == null) {
                    continue; // nothing left to send back
                }
                ReturnAuthorization rma = ReturnRules.authorize(order, rmas, policy, request, NOW);
                rmas.add(rma);
                List<Map<String, Object>> lines = new ArrayList<>();
                for (ReturnLine l : request.lines()) {
                    lines.add(Map.of("sku", l.sku(), "quantity", l.quantity(),
                            "condition", (l.quantity() + n) % 2 == 0 ? "SELLABLE" : "DAMAGED"));
                }
                RefundChange change = Refunding.receive(order, rma, rmas,
                        ReceiveRequests.parse(Map.of("lines", lines)), policy, SELLER, NOW);
                rmas.set(rmas.size() - 1, change.received());
                order = change.order().after();
                refund = change.refund();
            }
            if (refund != null) {
                assertTrue(refund.amount().minor() > 0, "a recorded refund of " + refund.amount());
                sum += refund.amount().minor();
            }
            assertTrue(order.refunded().minor() >= 0);
            assertEquals(sum, order.refunded().minor(), "the order's refunded total is the sum of its refunds");
            assertTrue(sum <= paid, "refunded " + sum + " of " + paid + " paid after " + e);
            assertEquals(sum == paid && paid > 0 ? OrderStatus.REFUNDED
                            : sum > 0 ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.DELIVERED,
                    order.status(), "after " + e);
        }
    }

    @Property(tries = 400)
    void returning_everything_in_any_number_of_parts_pays_back_exactly_the_tax_and_the_discount(
            @ForAll("orders") Spec spec, @ForAll("events") List<Event> parts) {
        Order order = spec.build();
        ReturnPolicy noDeductions = ReturnPolicy.DEFAULT;
        List<ReturnAuthorization> rmas = new ArrayList<>();
        long tax = 0;
        long discount = 0;
        long refunded = 0;
        int n = 0;
        for (Event part : parts) {
            ReturnRequest request = returnOf(order, rmas, part);
            if (request != null) {
                n++;
                long[] got = receive(order, rmas, request, noDeductions);
                order = orderAfter;
                tax += got[0];
                discount += got[1];
                refunded += got[2];
            }
        }
        Map<String, Integer> rest = left(order, rmas);
        if (!rest.isEmpty()) { // the last part: whatever has not come back yet
            List<ReturnLine> lines = new ArrayList<>();
            rest.forEach((sku, q) -> lines.add(new ReturnLine(sku, q, ReturnReason.DEFECTIVE)));
            long[] got = receive(order, rmas, new ReturnRequest(lines), noDeductions);
            order = orderAfter;
            tax += got[0];
            discount += got[1];
            refunded += got[2];
            n++;
        }
        long subtotal = order.totals().subtotal().minor();
        long expectedDiscount = Math.min(order.totals().discount().minor(), subtotal);
        String what = spec + " returned in " + n + " parts";
        assertEquals(order.totals().tax().minor(), tax, "tax paid back, " + what);
        assertEquals(expectedDiscount, discount, "discount taken off, " + what);
        assertEquals(subtotal - expectedDiscount + order.totals().tax().minor(), refunded, "refunded, " + what);
        assertEquals(order.totals().total().minor() - order.totals().shipping().minor()
                + Math.max(0, order.totals().discount().minor() - subtotal), refunded, "all but the shipping, " + what);
        assertEquals(refunded == 0 ? OrderStatus.DELIVERED : refunded == order.totals().total().minor()
                ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED, order.status(), what);
    }

    private Order orderAfter;

    /** Authorizes and receives the request; returns {tax share, discount share, refund} and sets orderAfter. */
    private long[] receive(Order order, List<ReturnAuthorization> rmas, ReturnRequest request, ReturnPolicy policy) {
        Map<String, Integer> before = ReturnAuthorization.receivedBySku(rmas);
        ReturnAuthorization rma = ReturnRules.authorize(order, rmas, policy, request, NOW);
        List<ReceivedLine> received = new ArrayList<>();
        request.lines().forEach(l -> received.add(new ReceivedLine(l.sku(), l.quantity(), ItemCondition.SELLABLE,
                l.reason())));
        RefundQuote quote = RefundCalculator.forReturn(order, received, before, policy, order.refunded());
        rmas.add(rma);
        List<Map<String, Object>> lines = new ArrayList<>();
        request.lines().forEach(l -> lines.add(Map.of("sku", l.sku(), "quantity", l.quantity(), "condition", "SELLABLE")));
        RefundChange change = Refunding.receive(order, rma, rmas, ReceiveRequests.parse(Map.of("lines", lines)), policy,
                SELLER, NOW);
        rmas.set(rmas.size() - 1, change.received());
        orderAfter = change.order().after();
        long refund = change.refund() == null ? 0 : change.refund().amount().minor();
        assertEquals(quote.refund().minor(), refund, "Refunding pays what RefundCalculator quotes");
        assertTrue(quote.tax().minor() >= 0 && quote.discount().minor() >= 0 && refund >= 0, quote.toString());
        return new long[] {quote.tax().minor(), quote.discount().minor(), refund};
    }

    /** Units per SKU delivered and not yet on an RMA. */
    private static Map<String, Integer> left(Order order, List<ReturnAuthorization> rmas) {
        Map<String, Integer> left = new LinkedHashMap<>(order.quantitiesBySku());
        for (ReturnAuthorization rma : rmas) {
            rma.unitsHeld().forEach((sku, q) -> left.merge(sku, -q, Integer::sum));
        }
        left.values().removeIf(q -> q <= 0);
        return left;
    }

    /** A return of shares[i]/3 of what is left of the i-th SKU (at least one unit overall), or null. */
    private static ReturnRequest returnOf(Order order, List<ReturnAuthorization> rmas, Event e) {
        Map<String, Integer> left = left(order, rmas);
        if (left.isEmpty()) {
            return null;
        }
        List<ReturnLine> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> sku : left.entrySet()) {
            int q = sku.getValue() * e.shares()[i++ % e.shares().length] / 3;
            if (q > 0) {
                lines.add(new ReturnLine(sku.getKey(), q, ReturnReason.values()[(e.reason() + i) % ReturnReason.values().length]));
            }
        }
        if (lines.isEmpty()) {
            Map.Entry<String, Integer> first = left.entrySet().iterator().next();
            lines.add(new ReturnLine(first.getKey(), 1, ReturnReason.values()[e.reason()]));
        }
        return new ReturnRequest(lines);
    }

    private static String cents(long minor) {
        return new Money(minor, "USD").toDecimalString();
    }
}
