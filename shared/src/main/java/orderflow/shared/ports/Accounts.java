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
}
