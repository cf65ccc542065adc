package orderflow.shared.domain.shipping;

/**
 * A carrier call that did not succeed. REJECTED: the carrier refused the request (a bad address, an
 * expired rate; its words are for the seller). UNAVAILABLE: the carrier failed or throttled before
 * acting; safe to try again. UNKNOWN_OUTCOME: the request may have been carried out (a timeout or a
 * 5xx after sending a purchase); look before trying again. NOT_FOUND: no such shipment or tracker.
 * UNAUTHORIZED: the account's credentials were refused.
 */
public final class CarrierException extends RuntimeException {

    public enum Kind { REJECTED, UNAVAILABLE, UNKNOWN_OUTCOME, NOT_FOUND, UNAUTHORIZED }

    private final Kind kind;
    private final int status;

    public CarrierException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The carrier's HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
