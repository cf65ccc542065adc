package orderflow.shared.domain;

/**
 * An order's money: lines (subtotal), minus order-level discounts, plus shipping, fees and tax.
 * total is what the buyer paid; refunds never exceed it. fees are what the storefront charged besides
 * lines and shipping (a tip, duties, a gift wrap, a cash-on-delivery fee, a WooCommerce fee line).
 * taxIncluded: line prices already hold the tax (Shopify's taxes_included, the usual case in the EU,
 * UK and AU), so tax is shown but not added: total = subtotal - discount + shipping + fees.
 */
public record Totals(Money subtotal, Money shipping, Money tax, Money total, Money discount, Money fees,
                     boolean taxIncluded) {

    public Totals {
        if (discount == null) {
            discount = Money.zero(subtotal.currency());
        }
        if (fees == null) {
            fees = Money.zero(subtotal.currency());
        }
        if (discount.isNegative()) {
            throw new IllegalArgumentException("a discount is not negative");
        }
    }

    public Totals(Money subtotal, Money shipping, Money tax, Money total, Money discount) {
        this(subtotal, shipping, tax, total, discount, null, false);
    }

    public Totals(Money subtotal, Money shipping, Money tax, Money total) {
        this(subtotal, shipping, tax, total, null, null, false);
    }

    public static Totals of(Money subtotal, Money shipping, Money tax) {
        return new Totals(subtotal, shipping, tax, subtotal.plus(shipping).plus(tax));
    }

    /** With discounts (coupons, promotions) taken off the lines' subtotal. */
    public static Totals of(Money subtotal, Money shipping, Money tax, Money discount) {
        return new Totals(subtotal, shipping, tax, subtotal.plus(shipping).plus(tax).plus(negate(discount)), discount);
    }

    /** The whole rule: subtotal - discount + shipping + fees, plus tax unless the prices include it. */
    public static Totals of(Money subtotal, Money shipping, Money tax, Money discount, Money fees, boolean taxIncluded) {
        Money total = subtotal.plus(shipping).plus(fees).plus(negate(discount));
        return new Totals(subtotal, shipping, tax, taxIncluded ? total : total.plus(tax), discount, fees, taxIncluded);
    }

    private static Money negate(Money m) {
        return new Money(-m.minor(), m.currency());
    }
}
