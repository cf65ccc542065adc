package orderflow.shared.domain.returns;

/** Who pays for sending a return back: BUYER has it deducted from the refund (see {@link RefundCalculator}). */
public enum ReturnShippingPayer {
    BUYER, SELLER
}
