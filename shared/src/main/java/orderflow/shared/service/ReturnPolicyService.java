package orderflow.shared.service;

import java.time.Clock;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.ports.ReturnPolicies;

/** GET and PUT /v1/return-policy: the seller's policy, the default until one is set. */
public final class ReturnPolicyService {

    private final ReturnPolicies policies;
    private final Clock clock;

    public ReturnPolicyService(ReturnPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    public record Current(ReturnPolicy policy, boolean isDefault) {
    }

    public Current get(String sellerId) {
        return policies.get(sellerId).map(p -> new Current(p, false)).orElse(new Current(ReturnPolicy.DEFAULT, true));
    }

    /** Fields left out keep the default (a PUT replaces the whole policy). */
    public Current put(String sellerId, Actor actor, Map<String, Object> body) {
        ReturnPolicy policy = ReturnPolicy.parse(body);
        policies.put(sellerId, policy, actor.toString(), clock.instant());
        return new Current(policy, false);
    }
}
