package orderflow.shared.domain.returns;

import java.util.Locale;

import orderflow.shared.domain.OrderIds;

/**
 * RMA ids and numbers, derived from (order id, sequence) so a retried authorization maps to the same
 * RMA and a conditional write on the id catches two authorizations racing for one sequence number.
 * The sequence is the order's RMA count plus one, canceled RMAs included, so numbers are never reused.
 *
 * <p>{@link #id} is the key: "rma_" + 26 base32 characters (130 bits of SHA-256). {@link #of} is the
 * human reference printed on the label: "RMA-" + the first 8 of those characters in upper case
 * (40 bits; unique enough to find an RMA within one seller, not a key).
 */
public final class RmaNumbers {

    private RmaNumbers() {
    }

    /** "RMA-7K3M9QXA": the human RMA number for the sequence-th return of the order (from 1). */
    public static String of(String orderId, int sequence) {
        return "RMA-" + id(orderId, sequence).substring(4, 12).toUpperCase(Locale.ROOT);
    }

    /** "rma_" + 26 characters: the RMA's key. */
    public static String id(String orderId, int sequence) {
        if (orderId == null || orderId.isEmpty() || sequence < 1) {
            throw new IllegalArgumentException("an RMA belongs to an order and its sequence starts at 1");
        }
        return OrderIds.derived("rma_", "rma\u0000" + orderId + "\u0000" + sequence);
    }

    public static boolean looksValid(String rmaNumber) {
        return rmaNumber != null && rmaNumber.matches("RMA-[0-9A-HJKMNP-TV-Z]{8}");
    }
}
