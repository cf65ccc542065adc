package orderflow.shared.domain.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Totals;

/**
 * Refund amounts, in integer minor units ({@code long}); BigDecimal is used only for the one
 * rounding step of a proportional share, and every rounding is HALF_EVEN to the minor unit.
 *
 * <h2>A return ({@link #forReturn})</h2>
 * <ol>
 *   <li><b>Item amount</b>: unit price x units. When a SKU is on several order lines, returned units
 *       are taken from its lines in order (earlier returns first), so each unit keeps its price.</li>
 *   <li><b>Shares of the order's discount and tax, exact across lines and returns.</b> Let S be the
 *       order subtotal, A the item amount of every unit returned so far <i>including</i> this line
 *       (earlier refunded returns first, then this return's lines in their order) and A' the same
 *       without this line. The line's tax share is
 *       {@code round(tax x A / S) - round(tax x A' / S)}, its discount share
 *       {@code round(discount x A / S) - round(discount x A' / S)}. The shares telescope: all returns
 *       of an order together get {@code round(tax x returned / S)}, so returning everything, in any
 *       number of parts, pays back exactly the order's tax and takes off exactly its discount; no
 *       minor unit is lost or made up by rounding each line on its own. (Tax 3.33 over three 1.00
 *       lines: 1.11 + 1.11 + 1.11; tax 1.00 over three 1.00 lines: 0.33 + 0.34 + 0.33, not 0.99.)
 *       A discount larger than the subtotal (a shipping discount counted in) is shared out only up
 *       to the subtotal; the rest belongs to the outbound shipping.</li>
 *   <li><b>Restocking fee</b>: {@code restockingFeePercent} of the line's item amount after its
 *       discount share, rounded HALF_EVEN (1.5 -> 2, 2.5 -> 2), and only for reasons that are not the
 *       seller's fault: NO_LONGER_NEEDED and OTHER. DAMAGED, DEFECTIVE, WRONG_ITEM and
 *       NOT_AS_DESCRIBED pay no fee. The item's condition on arrival does not change the fee.</li>
 *   <li><b>Return shipping</b>: when the policy says the BUYER pays, {@code returnShippingMinor} is
 *       taken off once per return (call this once per RMA), unless a line of the return is the
 *       seller's fault: the seller pays the way back for a box holding their mistake.</li>
 *   <li><b>Outbound shipping</b> is not paid back by a return (a goodwill refund can).</li>
 *   <li><b>Floor and cap</b>: the refund is never negative, and alreadyRefunded + refund never
 *       exceeds the order total; the quote reports the computed amount, the cap and whether it bit.</li>
 * </ol>
 */
public final class RefundCalculator {

    private RefundCalculator() {
    }

    /**
     * The refund for units received back.
     *
     * @param lines            the received lines of one RMA (from {@link Receiving#check}), each SKU once
     * @param returnedBefore   units per SKU of the order's earlier returns already refunded (see
     *                         {@link ReturnAuthorization#receivedBySku}); they fix this return's share
     * @param alreadyRefunded  everything refunded on the order so far, returns and goodwill
     */
    public static RefundQuote forReturn(Order order, List<ReceivedLine> lines, Map<String, Integer> returnedBefore,
                                        ReturnPolicy policy, Money alreadyRefunded) {
        String currency = order.currency();
        requireCurrency(alreadyRefunded, currency, "alreadyRefunded");
        Totals totals = order.totals();
        long subtotal = totals.subtotal().minor();
        long tax = totals.tax().minor();
        long discount = Math.min(totals.discount().minor(), subtotal);
        Map<String, Integer> ordered = order.quantitiesBySku();

        long before = 0;
        for (Map.Entry<String, Integer> e : returnedBefore.entrySet()) {
            requireUnits(ordered, e.getKey(), e.getValue(), "returned before");
            before = Math.addExact(before, firstUnitsAmount(order, e.getKey(), e.getValue()));
        }

        List<RefundQuote.Line> quoted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long items = 0;
        long discounts = 0;
        long taxes = 0;
        long fees = 0;
        long sum = 0;
        boolean sellerFault = false;
        for (ReceivedLine line : lines) {
            if (!seen.add(line.sku())) {
                throw new IllegalArgumentException(line.sku() + " appears twice in one return");
            }
            int earlier = returnedBefore.getOrDefault(line.sku(), 0);
            requireUnits(ordered, line.sku(), earlier + line.quantity(), "returned in all");
            long item = firstUnitsAmount(order, line.sku(), earlier + line.quantity())
                    - firstUnitsAmount(order, line.sku(), earlier);
            long after = before + item;
            long discountShare = share(discount, after, subtotal) - share(discount, before, subtotal);
            long taxShare = share(tax, after, subtotal) - share(tax, before, subtotal);
            long net = item - discountShare;
            long fee = line.reason().sellerFault() ? 0 : percent(net, policy.restockingFeePercent());
            long refund = net + taxShare - fee;
            quoted.add(new RefundQuote.Line(line.sku(), line.quantity(), line.reason(), money(item, currency),
                    money(discountShare, currency), money(taxShare, currency), money(fee, currency),
                    money(refund, currency)));
            sellerFault |= line.reason().sellerFault();
            items += item;
            discounts += discountShare;
            taxes += taxShare;
            fees += fee;
            sum += refund;
            before = after;
        }
        long returnShipping = policy.payer() == ReturnShippingPayer.BUYER && !sellerFault && !lines.isEmpty()
                ? policy.returnShippingMinor() : 0;
        long computed = Math.max(0, sum - returnShipping);
        return capped(order, quoted, items, discounts, taxes, fees, returnShipping, computed, alreadyRefunded);
    }

    /**
     * A refund of a chosen amount, not tied to returned units (a late delivery, a scratch, outbound
     * shipping). The amount must be in the order's currency and more than 0 ({@link
     * Failure.InvalidInput} on field "amount"), and at most the order total minus alreadyRefunded
     * (else {@link Failure.Refused} with rule "refund-cap"); an order whose payment is not
     * verified (PENDING) has nothing to refund.
     */
    public static RefundQuote goodwill(Order order, Money amount, Money alreadyRefunded) {
        String currency = order.currency();
        requireCurrency(alreadyRefunded, currency, "alreadyRefunded");
        if (amount == null || !amount.currency().equals(currency)) {
            throw new Failure.InvalidInput("The refund is not in the order's currency.", List.of(new FieldError(
                    "amount", "must be in " + currency + ", the currency the order was paid in")));
        }
        if (amount.minor() <= 0) {
            throw new Failure.InvalidInput("The refund amount must be more than 0.",
                    List.of(new FieldError("amount", "must be more than 0")));
        }
        long refundable = refundable(order, alreadyRefunded);
        if (order.status() == OrderStatus.PENDING) {
            throw new Failure.Refused(ReturnRules.RULE_REFUND_CAP, "amount", "The payment of order "
                    + order.orderId() + " is not verified yet: there is nothing to refund.");
        }
        if (amount.minor() > refundable) {
            throw new Failure.Refused(ReturnRules.RULE_REFUND_CAP, "amount", "At most "
                    + money(refundable, currency).toDecimalString() + " " + currency + " can still be refunded: "
                    + order.totals().total().toDecimalString() + " paid, " + alreadyRefunded.toDecimalString()
                    + " already refunded; " + amount.toDecimalString() + " asked.");
        }
        Money zero = Money.zero(currency);
        return new RefundQuote(List.of(), zero, zero, zero, zero, zero, amount, money(refundable, currency), false,
                amount);
    }

    private static RefundQuote capped(Order order, List<RefundQuote.Line> lines, long items, long discounts,
                                      long taxes, long fees, long returnShipping, long computed,
                                      Money alreadyRefunded) {
        String c = order.currency();
        long refundable = refundable(order, alreadyRefunded);
        long refund = Math.min(computed, refundable);
        return new RefundQuote(lines, money(items, c), money(discounts, c), money(taxes, c), money(fees, c),
                money(returnShipping, c), money(computed, c), money(refundable, c), computed > refundable,
                money(refund, c));
    }

    private static long refundable(Order order, Money alreadyRefunded) {
        return Math.max(0, order.totals().total().minor() - alreadyRefunded.minor());
    }

    /** The item amount of the SKU's first {@code units} units, taken from its order lines in order. */
    private static long firstUnitsAmount(Order order, String sku, int units) {
        long amount = 0;
        int left = units;
        for (OrderLine line : order.lines()) {
            if (left == 0) {
                break;
            }
            if (line.sku().equals(sku)) {
                int take = Math.min(left, line.quantity());
                amount = Math.addExact(amount, Math.multiplyExact(line.unitPrice().minor(), take));
                left -= take;
            }
        }
        return amount;
    }

    /** round(total x part / whole), HALF_EVEN; 0 when whole is 0. The one place BigDecimal is used. */
    static long share(long total, long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static long percent(long amount, int percent) {
        return share(amount, percent, 100);
    }

    private static void requireUnits(Map<String, Integer> ordered, String sku, int units, String what) {
        int max = ordered.getOrDefault(sku, 0);
        if (units < 0 || units > max) {
            throw new IllegalArgumentException(sku + ": " + units + " units " + what + " but " + max + " ordered");
        }
    }

    private static void requireCurrency(Money m, String currency, String name) {
        if (m == null || !m.currency().equals(currency)) {
            throw new IllegalArgumentException(name + " must be in the order's currency " + currency);
        }
    }

    private static Money money(long minor, String currency) {
        return new Money(minor, currency);
    }
}
