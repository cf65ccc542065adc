package orderflow.shared.domain.settings;

import java.time.Instant;

/**
 * A storefront of the seller as the settings page shows it: its platform type, whether our changes
 * go back to the platform (writeBackPlatform, null: no channel link), and what shows the connection
 * works: the newest order from it among the seller's latest orders, and the stock push outcomes.
 * lastOrderAt is null when none of the latest {@code ordersLooked} orders came from it.
 */
public record StorefrontState(String storefrontId, String type, String writeBackPlatform, Instant lastOrderAt,
                              int ordersLooked, int stockPushesFailed, Instant lastStockPushAt) {

    public boolean linked() {
        return writeBackPlatform != null;
    }
}
