package orderflow.shared.domain.returns;

/** Units of one SKU the buyer asks to send back (and, on an RMA, may send back), with the reason. */
public record ReturnLine(String sku, int quantity, ReturnReason reason) {

    public ReturnLine {
        if (sku == null || reason == null || quantity < 1) {
            throw new IllegalArgumentException("a return line has a SKU, a reason and at least one unit");
        }
    }
}
