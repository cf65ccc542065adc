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

    public Optional<String> sellerFor(String authorizationHeader) {
        String key = ApiKeys.fromAuthorizationHeader(authorizationHeader);
        if (key == null) {
            return Optional.empty();
        }
        return accounts.sellerIdForApiKeyHash(ApiKeys.hash(key));
    }
}
