package orderflow.shared.domain;

import java.time.Instant;

/** One message of an order's buyer-seller thread: from the buyer (via the storefront) or the seller. */
public record BuyerMessage(String orderId, String messageId, Author author, String body, Instant at, String actor) {

    public enum Author { BUYER, SELLER }

    public static final int MAX_BODY = 5_000;
}
