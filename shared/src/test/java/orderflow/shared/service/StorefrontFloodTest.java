package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Storefront;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.security.WebhookSignature;

class StorefrontFloodTest {

    private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
    private static final byte[] BODY = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    /** The storefronts by id, counting every read (what a DynamoDB GetItem would cost). */
    private static final class CountingAccounts implements Accounts {
        final Map<String, Storefront> storefronts;
        final AtomicInteger reads = new AtomicInteger();

        CountingAccounts(Map<String, Storefront> storefronts) {
            this.storefronts = storefronts;
        }

        @Override
        public Optional<Storefront> storefront(String storefrontId) {
            reads.incrementAndGet();
            return Optional.ofNullable(storefronts.get(storefrontId));
        }

        @Override
        public Optional<Seller> seller(String sellerId) {
            throw new AssertionError("not read by a webhook");
        }

        @Override
        public Optional<String> sellerIdForApiKeyHash(String keyHash) {
            throw new AssertionError("not read by a webhook");
        }

        @Override
        public Optional<AmazonLink> amazonSeller(String amazonSellerId) {
            throw new AssertionError("not read by a webhook");
        }
    }

    private final CountingAccounts accounts = new CountingAccounts(Map.of(
            "real", new Storefront("real", "s1", "generic", List.of("secret")),
            "amazon-sf", new Storefront("amazon-sf", "s1", "amazon", List.of())));
    private final RecentMisses misses = new RecentMisses();

    private static UnaryOperator<String> signed(String secret, Instant at) {
        String header = WebhookSignature.sign(secret, at.getEpochSecond(), BODY);
        return name -> WebhookSignature.HEADER.equals(name) ? header : null;
    }

    private Storefront verify(String id, Instant at) {
        return StorefrontRequests.verify(accounts, misses, id, signed("secret", at), BODY, at);
    }

    @Test
    void a_flood_to_an_unknown_storefront_costs_one_read_per_minute_and_the_real_one_is_still_served() {
        for (int i = 0; i < 2_000; i++) {
            assertThrows(Failure.Unauthenticated.class, () -> verify("no-such-store", NOW));
        }
        assertEquals(1, accounts.reads.get());
        assertEquals("real", verify("real", NOW).storefrontId());
        assertEquals(2, accounts.reads.get());
        assertThrows(Failure.Unauthenticated.class, () -> verify("no-such-store", NOW.plusSeconds(59)));
        assertEquals(2, accounts.reads.get());
        assertThrows(Failure.Unauthenticated.class, () -> verify("no-such-store", NOW.plus(RecentMisses.TTL)));
        assertEquals(3, accounts.reads.get(), "a storefront created since is found once its miss expires");
    }

    @Test
    void an_id_of_the_wrong_shape_is_refused_before_any_read() {
        for (String id : new String[] {"", "a/b", "x".repeat(65), "sf%00", "id with spaces", "ümlaut"}) {
            assertThrows(Failure.Unauthenticated.class, () -> verify(id, NOW), id);
        }
        assertEquals(0, accounts.reads.get());
    }

    @Test
    void a_storefront_that_takes_no_webhooks_is_remembered_like_an_unknown_one() {
        for (int i = 0; i < 100; i++) {
            assertThrows(Failure.Unauthenticated.class, () -> verify("amazon-sf", NOW));
        }
        assertEquals(1, accounts.reads.get());
    }

    @Test
    void a_flood_of_random_ids_stays_within_the_bound() {
        for (int i = 0; i < RecentMisses.CAPACITY * 2; i++) {
            String id = "random-" + i;
            assertThrows(Failure.Unauthenticated.class, () -> verify(id, NOW));
        }
        assertTrue(misses.size() <= RecentMisses.CAPACITY, "misses kept: " + misses.size());
    }

    @Test
    void a_known_storefront_is_read_every_time_so_a_revoked_secret_takes_effect_at_once() {
        verify("real", NOW);
        verify("real", NOW);
        assertEquals(2, accounts.reads.get());
        assertThrows(Failure.Unauthenticated.class,
                () -> StorefrontRequests.verify(accounts, misses, "real", signed("old-secret", NOW), BODY, NOW));
    }

    @Test
    void a_flood_of_tracking_events_for_a_seller_without_a_carrier_account_costs_one_read() {
        AtomicInteger reads = new AtomicInteger();
        CarrierAccounts none = new CarrierAccounts() {
            @Override
            public Optional<CarrierAccount> forOrder(Order order) {
                throw new AssertionError("not read by the tracking webhook");
            }

            @Override
            public Optional<CarrierAccount> get(String sellerId, String provider) {
                reads.incrementAndGet();
                return Optional.empty();
            }

            @Override
            public Optional<ShipAddress> shipFrom(String sellerId) {
                throw new AssertionError("not read by the tracking webhook");
            }
        };
        TrackingWebhook webhook = new TrackingWebhook(none, null, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 2_000; i++) {
            assertThrows(Failure.Unauthenticated.class, () -> webhook.receive(CarrierAccount.EASYPOST, "nobody",
                    "hmac-sha256-hex=00", BODY));
        }
        assertEquals(1, reads.get());
    }
}
