package orderflow.shared.domain;

import java.util.List;

/**
 * What the buyer saw and paid in their own currency when the shop sells in another (Shopify's
 * presentment money): a unit price per order line, in the order of the lines, and the totals. The
 * order's own money stays in the shop currency (stock, refunds, the seller's books); emails to the
 * buyer show these amounts.
 */
public record Presentment(List<Money> unitPrices, Totals totals) {

    public Presentment {
        unitPrices = List.copyOf(unitPrices);
    }

    public String currency() {
        return totals.total().currency();
    }

    /** The buyer's price of line {@code i} times its quantity. */
    public Money lineTotal(int i, int quantity) {
        return unitPrices.get(i).times(quantity);
    }
}
