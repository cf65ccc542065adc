package orderflow.shared.domain;

/**
 * An order's money: lines (subtotal), minus order-level discounts, plus shipping and tax. total is
 * what the buyer paid; refunds never exceed it.
 */
public record Totals(Money subtotal, Money shipping, Money tax, Money total, Money discount) {

    public Totals {
        if (discount == null) {
            discount = Money.zero(subtotal.currency());
        }
        if (discount.isNegative()) {
            throw new IllegalArgumentException("a discount is not negative");
        }
    }

    public Totals(Money subtotal, Money shipping, Money tax, Money total) {
        this(subtotal, shipping, tax, total, null);
    }

    public static Totals of(Money subtotal, Money shipping, Money tax) {
        return new Totals(subtotal, shipping, tax, subtotal.plus(shipping).plus(tax));
    }

    /** With discounts (coupons, promotions) taken off the lines' subtotal. */
    public static Totals of(Money subtotal, Money shipping, Money tax, Money discount) {
        return new Totals(subtotal, shipping, tax, subtotal.plus(shipping).plus(tax).plus(negate(discount)), discount);
    }

    private static Money negate(Money m) {
        return new Money(-m.minor(), m.currency());
    }
}
