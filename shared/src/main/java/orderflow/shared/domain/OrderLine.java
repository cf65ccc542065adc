package orderflow.shared.domain;

public record OrderLine(String sku, String title, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
