package orderflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** API Gateway's authorizer cache as the local gateway keeps it (a fake clock: no sleeping). */
class AuthorizerCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
            ZoneOffset.UTC));
    private final AuthorizerCache cache = new AuthorizerCache(clock);
    /** The authorizer's answer per Authorization value (the "database"), and how often it was asked. */
    private final Map<String, Boolean> keys = new HashMap<>(Map.of("Bearer a", true, "Bearer b", true));
    private final AtomicInteger calls = new AtomicInteger();

    private boolean authorized(String authorization, Duration ttl) {
        Supplier<AuthorizerCache.Decision> authorizer = () -> {
            calls.incrementAndGet();
            boolean ok = keys.getOrDefault(authorization, false);
            return new AuthorizerCache.Decision(ok, ok ? Map.of("sellerId", authorization) : Map.of());
        };
        return cache.decide("ApiKeyAuthorizer", List.of(authorization), ttl, authorizer).authorized();
    }

    @Test
    void the_same_identity_within_the_ttl_asks_the_authorizer_once() {
        assertTrue(authorized("Bearer a", TTL));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(authorized("Bearer a", TTL));
        assertEquals(1, calls.get());
    }

    @Test
    void a_revoked_key_keeps_working_until_its_cached_answer_expires() {
        assertTrue(authorized("Bearer a", TTL));
        keys.put("Bearer a", false); // revoked
        clock.advance(Duration.ofSeconds(59));
        assertTrue(authorized("Bearer a", TTL), "still cached");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(authorized("Bearer a", TTL), "expired after ReauthorizeEvery: asked again");
        assertEquals(2, calls.get());
    }

    @Test
    void denials_are_cached_too() {
        assertFalse(authorized("Bearer unknown", TTL));
        keys.put("Bearer unknown", true); // the key is created meanwhile
        assertFalse(authorized("Bearer unknown", TTL));
        assertEquals(1, calls.get());
        clock.advance(TTL);
        assertTrue(authorized("Bearer unknown", TTL));
        assertEquals(2, calls.get());
    }

    @Test
    void different_identities_are_cached_separately() {
        assertTrue(authorized("Bearer a", TTL));
        assertTrue(authorized("Bearer b", TTL));
        assertFalse(authorized("Bearer c", TTL));
        assertEquals(3, calls.get());
        keys.put("Bearer a", false);
        assertTrue(authorized("Bearer a", TTL));
        assertTrue(authorized("Bearer b", TTL));
        assertFalse(authorized("Bearer c", TTL));
        assertEquals(3, calls.get());
        assertEquals(3, cache.size());
    }

    @Test
    void the_cached_answer_carries_its_context() {
        Supplier<AuthorizerCache.Decision> once = () -> {
            calls.incrementAndGet();
            return new AuthorizerCache.Decision(true, Map.of("sellerId", "acme", "keyId", "key_1"));
        };
        cache.decide("A", List.of("Bearer a"), TTL, once);
        AuthorizerCache.Decision cached = cache.decide("A", List.of("Bearer a"), TTL, once);
        assertEquals(Map.of("sellerId", "acme", "keyId", "key_1"), cached.context());
        assertEquals(1, calls.get());
    }

    @Test
    void authorizers_do_not_share_answers() {
        Supplier<AuthorizerCache.Decision> allow = () -> {
            calls.incrementAndGet();
            return new AuthorizerCache.Decision(true, Map.of());
        };
        cache.decide("A", List.of("Bearer a"), TTL, allow);
        cache.decide("B", List.of("Bearer a"), TTL, allow);
        assertEquals(2, calls.get());
    }

    @Test
    void ttl_zero_asks_the_authorizer_every_time() {
        assertTrue(authorized("Bearer a", Duration.ZERO));
        keys.put("Bearer a", false);
        assertFalse(authorized("Bearer a", Duration.ZERO));
        assertEquals(2, calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    void without_identity_sources_nothing_is_cached() {
        Supplier<AuthorizerCache.Decision> allow = () -> {
            calls.incrementAndGet();
            return new AuthorizerCache.Decision(true, Map.of());
        };
        cache.decide("A", List.of(), TTL, allow);
        cache.decide("A", List.of(), TTL, allow);
        assertEquals(2, calls.get());
    }

    @Test
    void a_failed_authorizer_is_not_cached() {
        assertThrows(IllegalStateException.class, () -> cache.decide("A", List.of("Bearer a"), TTL, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("timed out");
        }));
        assertTrue(authorized("Bearer a", TTL));
        assertEquals(2, calls.get());
    }

    @Test
    void identity_headers_are_case_insensitive_and_a_missing_or_empty_one_means_401() {
        HttpGateway.Authorizer authorizer = new HttpGateway.Authorizer("A", "Fn", List.of("Authorization", "X-Tenant"), TTL);
        assertEquals(List.of("Bearer a", "t1"),
                HttpGateway.identitySource(authorizer, Map.of("authorization", "Bearer a", "x-tenant", "t1")));
        assertNull(HttpGateway.identitySource(authorizer, Map.of("authorization", "Bearer a")));
        assertNull(HttpGateway.identitySource(authorizer, Map.of("authorization", "", "x-tenant", "t1")));
    }

    @Test
    void reauthorize_every_comes_from_the_template_with_sams_default() {
        assertEquals(Duration.ofSeconds(60), Runner.reauthorizeEvery(60));
        assertEquals(Duration.ofSeconds(60), Runner.reauthorizeEvery("60")); // a resolved !Ref
        assertEquals(Duration.ZERO, Runner.reauthorizeEvery(0));
        assertEquals(Duration.ofSeconds(300), Runner.reauthorizeEvery(null));
        assertThrows(IllegalArgumentException.class, () -> Runner.reauthorizeEvery(3601));
    }
}
