package orderflow.shared.ports;

import java.time.Instant;
import java.util.Optional;

import orderflow.shared.domain.returns.ReturnPolicy;

/** Each seller's return policy (none stored: the default applies). */
public interface ReturnPolicies {

    Optional<ReturnPolicy> get(String sellerId);

    void put(String sellerId, ReturnPolicy policy, String actor, Instant at);
}
