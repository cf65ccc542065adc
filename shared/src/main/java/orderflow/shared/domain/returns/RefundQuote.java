package orderflow.shared.domain.returns;

import java.util.List;

import orderflow.shared.domain.Money;

/**
 * What a refund comes to and how, from {@link RefundCalculator}. All amounts in the order's currency.
 *
 * @param lines          per returned SKU (empty for a goodwill refund)
 * @param items          the returned units at their unit prices
 * @param discount       the returned units' share of the order's discount (taken off)
 * @param tax            the returned units' share of the order's tax (paid back)
 * @param restockingFees taken off (returns that are not the seller's fault)
 * @param returnShipping taken off once for the return when the buyer pays the way back
 * @param computed       items - discount + tax - restockingFees - returnShipping, never below 0
 * @param refundable     the cap: the order total minus what was refunded before, never below 0
 * @param capped         true when computed was more than refundable
 * @param refund         what to pay back: computed, capped at refundable
 */
public record RefundQuote(List<Line> lines, Money items, Money discount, Money tax, Money restockingFees,
                          Money returnShipping, Money computed, Money refundable, boolean capped, Money refund) {

    public RefundQuote {
        lines = List.copyOf(lines);
    }

    /** One returned SKU: refund = item - discount + tax - restockingFee. */
    public record Line(String sku, int quantity, ReturnReason reason, Money item, Money discount, Money tax,
                       Money restockingFee, Money refund) {
    }
}
