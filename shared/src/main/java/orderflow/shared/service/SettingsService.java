package orderflow.shared.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.settings.SettingsChange;
import orderflow.shared.domain.settings.SettingsRequests;
import orderflow.shared.domain.settings.StorefrontState;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.SellerSettings;

/**
 * GET and PATCH /v1/settings: the seller's account settings and calendar, its return policy (read
 * through {@link ReturnPolicyService}, the one place it is kept) and its storefronts' state.
 */
public final class SettingsService {

    private final Accounts accounts;
    private final SellerSettings settings;
    private final ReturnPolicyService returnPolicy;
    private final Clock clock;

    public SettingsService(Accounts accounts, SellerSettings settings, ReturnPolicyService returnPolicy, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.returnPolicy = returnPolicy;
        this.clock = clock;
    }

    /** Everything the settings page shows; today is the seller's date (its holidays of this year and next). */
    public record Settings(Seller seller, LocalDate today, ReturnPolicyService.Current returnPolicy,
                           List<StorefrontState> storefronts) {
    }

    public Settings get(String sellerId) {
        return settingsOf(seller(sellerId));
    }

    /** Validates every field first (400 naming each bad one, nothing written), then writes the given ones. */
    public Settings update(String sellerId, Map<String, Object> body) {
        Seller before = seller(sellerId);
        SettingsChange change = SettingsRequests.parse(body, LocalDate.now(clock.withZone(before.timeZone())));
        if (change.isEmpty()) {
            return settingsOf(before);
        }
        return settingsOf(settings.update(sellerId, change).orElseThrow(SettingsService::noAccount));
    }

    private Settings settingsOf(Seller seller) {
        return new Settings(seller, LocalDate.now(clock.withZone(seller.timeZone())),
                returnPolicy.get(seller.sellerId()), settings.storefronts(seller.sellerId()));
    }

    private Seller seller(String sellerId) {
        return accounts.seller(sellerId).orElseThrow(SettingsService::noAccount);
    }

    private static Failure.NotFound noAccount() {
        return new Failure.NotFound("This API key's seller has no account settings; an operator creates them"
                + " (scripts/admin create-seller).");
    }
}
