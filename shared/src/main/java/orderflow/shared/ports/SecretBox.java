package orderflow.shared.ports;

import java.util.Map;

/**
 * Seals the secrets AccountsTable keeps (signing secrets, platform tokens) and opens them again.
 * The context names where a sealed value belongs ({@link #context}): a value copied to another
 * item or seller does not open. Values written before sealing existed are plain text and are
 * returned as they are ({@link #isSealed}), so old items keep working until they are re-sealed.
 */
public interface SecretBox {

    /** The sealed form of plaintext, bound to its context. */
    String seal(String plaintext, Map<String, String> context);

    /** The plaintext; a plain (never sealed) value as it is. Throws {@link Unopenable} when it is not this context's. */
    String open(String stored, Map<String, String> context);

    /** Where a secret belongs: its seller and the key of its AccountsTable item (e.g. STOREFRONT#id). */
    static Map<String, String> context(String sellerId, String itemKey) {
        return Map.of("sellerId", sellerId == null ? "" : sellerId, "item", itemKey);
    }

    /** True for a value this box wrote; false for a plain secret written before sealing. */
    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(orderflow.shared.security.Envelope.PREFIX);
    }

    /** A sealed value that does not open here: another item's, another seller's, or damaged. */
    final class Unopenable extends RuntimeException {
        public Unopenable(String message) {
            super(message);
        }
    }

    /** For code that holds no key (priming): plain values pass, a sealed one is refused. */
    SecretBox PLAIN_ONLY = new SecretBox() {
        @Override
        public String seal(String plaintext, Map<String, String> context) {
            throw new IllegalStateException("this box holds no key: it cannot seal");
        }

        @Override
        public String open(String stored, Map<String, String> context) {
            if (isSealed(stored)) {
                throw new Unopenable("this box holds no key: a sealed secret does not open here");
            }
            return stored;
        }
    };
}
