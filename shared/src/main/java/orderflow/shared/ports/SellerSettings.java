package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.settings.SettingsChange;
import orderflow.shared.domain.settings.StorefrontState;

/** The settings side of a seller's account: the change of its SELLER# item, and its storefronts' state. */
public interface SellerSettings {

    /** Writes only the fields the change holds and returns the seller as stored; empty (nothing written) when it has no account. */
    Optional<Seller> update(String sellerId, SettingsChange change);

    /** The seller's storefronts, by id, with their connection state. */
    List<StorefrontState> storefronts(String sellerId);
}
