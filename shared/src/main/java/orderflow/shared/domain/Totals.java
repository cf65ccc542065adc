package orderflow.shared.domain;

public record Totals(Money subtotal, Money shipping, Money tax, Money total) {

    public static Totals of(Money subtotal, Money shipping, Money tax) {
        return new Totals(subtotal, shipping, tax, subtotal.plus(shipping).plus(tax));
    }
}
