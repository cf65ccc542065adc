package orderflow.shared.domain.channels;

/** What a platform made of one change sent to it. */
public sealed interface PushResult {

    /** Accepted (or found already there: a retry after a lost answer). platformRef: the platform's id for it, if any. */
    record Done(String platformRef) implements PushResult {
    }

    /** Worth trying again later: throttled (429, Shopify's THROTTLED), a 5xx, a timeout, a connection refused. */
    record Retry(String reason) implements PushResult {
    }

    /** Refused for good (validation, unknown order, permissions): the platform's own words go to the seller. */
    record Refused(String platformMessage) implements PushResult {
    }
}
