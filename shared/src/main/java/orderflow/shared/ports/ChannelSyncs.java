package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;

/**
 * The outbox of platform changes (written with the order change, see OrderChange.syncs) and the
 * platform links they go through.
 */
public interface ChannelSyncs {

    Optional<ChannelSync> get(String orderId, String syncId);

    /** The order's syncs, oldest first. */
    List<ChannelSync> ofOrder(String orderId);

    /**
     * Records an attempt's outcome, unless the sync moved on meanwhile (another delivery finished
     * it): true when written.
     */
    boolean record(ChannelSync before, ChannelSync after);

    /** Where the storefront's changes go back to; empty when it has no platform link. */
    Optional<ChannelLink> link(String storefrontId);
}
