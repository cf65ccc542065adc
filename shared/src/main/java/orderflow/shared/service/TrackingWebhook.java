package orderflow.shared.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.EasyPostEvents;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.security.EasyPostSignature;

/**
 * POST /tracking-events/{provider}/{sellerId}: a carrier's tracker webhook. The signature is checked
 * on the raw body with the seller's account secrets (current and previous) before anything is read
 * from it; an unknown provider, seller or account is answered like a bad signature, so ids cannot be
 * probed. Then the scans go to {@link TrackParcels}.
 */
public final class TrackingWebhook {

    /** What the webhook did: how many scans it read and how many changed an order. */
    public record Outcome(int scans, int changed) {
    }

    private final CarrierAccounts accounts;
    private final TrackParcels parcels;
    private final Clock clock;
    /** Sellers without an account of this provider, for this execution environment: a flood costs no read. */
    private final RecentMisses misses = new RecentMisses();

    public TrackingWebhook(CarrierAccounts accounts, TrackParcels parcels, Clock clock) {
        this.accounts = accounts;
        this.parcels = parcels;
        this.clock = clock;
    }

    public Outcome receive(String provider, String sellerId, String signature, byte[] body) {
        if (!CarrierAccount.EASYPOST.equals(provider) || sellerId == null || sellerId.length() > 128) {
            throw new Failure.Unauthenticated("Unknown tracking webhook.");
        }
        Instant now = clock.instant();
        if (misses.recentlyUnknown(sellerId, now)) {
            EasyPostSignature.verify(signature, body, List.of()); // answered as a bad signature, without a read
        }
        Optional<CarrierAccount> account = accounts.get(sellerId, provider);
        if (account.isEmpty()) {
            misses.remember(sellerId, now);
        }
        List<String> secrets = new ArrayList<>();
        account.ifPresent(a -> {
            secrets.add(a.secret("webhookSecret"));
            secrets.add(a.secret("previousWebhookSecret"));
        });
        EasyPostSignature.verify(signature, body, secrets); // no account: no secret matches
        Optional<EasyPostEvents.Update> update = EasyPostEvents.parse(new String(body, StandardCharsets.UTF_8));
        if (update.isEmpty()) {
            return new Outcome(0, 0);
        }
        var scans = update.get().events().stream().filter(e -> e.at() != null && e.trackingNumber() != null).toList();
        return new Outcome(scans.size(), parcels.record(sellerId, provider, scans));
    }
}
