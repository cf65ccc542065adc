package orderflow.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * API Gateway's authorizer cache (HTTP API, Lambda authorizer, {@code ReauthorizeEvery}): an answer,
 * allow or deny, is reused for every request with the same identity source values (the values of
 * the headers in {@code Identity.Headers}) until its TTL is over, on any route of that authorizer.
 * A TTL of zero, or an authorizer without identity sources, is never cached; neither is an
 * authorizer that failed (API Gateway answers 500 and asks again next time).
 *
 * <p>Time comes from the {@link Clock} given, so tests see answers expire without waiting.
 */
final class AuthorizerCache {

    /** The authorizer's answer (simple responses): allowed or not, and the context passed to the route. */
    record Decision(boolean authorized, Map<String, Object> context) {
    }

    private record Key(String authorizer, List<String> identity) {
    }

    private record Entry(Decision decision, Instant expires) {
    }

    /** Expired entries are swept when the cache grows past this many (every distinct bad key is one). */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    AuthorizerCache(Clock clock) {
        this.clock = clock;
    }

    /**
     * The cached answer for these identity source values, or {@code authorize}'s (cached for
     * {@code ttl}). Two concurrent misses both ask the authorizer, as on API Gateway.
     */
    Decision decide(String authorizer, List<String> identity, Duration ttl, Supplier<Decision> authorize) {
        if (ttl.isZero() || ttl.isNegative() || identity.isEmpty()) {
            return authorize.get();
        }
        Key key = new Key(authorizer, List.copyOf(identity));
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.decision();
        }
        Decision decision = authorize.get(); // throws when the authorizer failed: nothing is cached
        if (entries.size() >= SWEEP_ABOVE) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        entries.put(key, new Entry(decision, now.plus(ttl)));
        return decision;
    }

    int size() {
        return entries.size();
    }
}
