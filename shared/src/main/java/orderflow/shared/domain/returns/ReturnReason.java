package orderflow.shared.domain.returns;

/**
 * Why the buyer sends an item back. The first four are the seller's fault: no restocking fee and no
 * buyer-paid return shipping for them (see {@link RefundCalculator}).
 */
public enum ReturnReason {
    DAMAGED(true), DEFECTIVE(true), WRONG_ITEM(true), NOT_AS_DESCRIBED(true), NO_LONGER_NEEDED(false), OTHER(false);

    private final boolean sellerFault;

    ReturnReason(boolean sellerFault) {
        this.sellerFault = sellerFault;
    }

    public boolean sellerFault() {
        return sellerFault;
    }
}
