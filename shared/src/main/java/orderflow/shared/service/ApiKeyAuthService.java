package orderflow.shared.service;

import java.util.Optional;

import orderflow.shared.ports.Accounts;
import orderflow.shared.security.ApiKeys;

/** Turns an Authorization header into the seller it belongs to. */
public final class ApiKeyAuthService {

    private final Accounts accounts;

    public ApiKeyAuthService(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The seller a key belongs to and the key's public id (recorded as who made a change). */
    public record Principal(String sellerId, String keyId) {
    }

    public Optional<Principal> principalFor(String authorizationHeader) {
        String key = ApiKeys.fromAuthorizationHeader(authorizationHeader);
        if (key == null) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(key);
        return accounts.sellerIdForApiKeyHash(hash).map(seller -> new Principal(seller, ApiKeys.keyId(hash)));
    }
}
