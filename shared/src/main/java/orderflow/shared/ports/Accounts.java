package orderflow.shared.ports;

import java.util.Optional;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;

/** Sellers, their storefronts and their API keys (read side). */
public interface Accounts {

    Optional<Storefront> storefront(String storefrontId);

    Optional<Seller> seller(String sellerId);

    /** The seller owning the API key with this SHA-256 hash. */
    Optional<String> sellerIdForApiKeyHash(String keyHash);

    /** An Amazon selling account linked to one of our storefronts, with the LWA refresh token it granted. */
    record AmazonLink(String storefrontId, String refreshToken) {
        @Override
        public String toString() {
            return "AmazonLink[" + storefrontId + "]"; // never the token
        }
    }

    Optional<AmazonLink> amazonSeller(String amazonSellerId);
}
