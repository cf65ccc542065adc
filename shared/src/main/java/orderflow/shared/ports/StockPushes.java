package orderflow.shared.ports;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;

/**
 * The stock push outbox: every write that changes a SKU's available units marks the SKU (in the
 * same write); the push job reads the marks, sends the current numbers and clears each mark only
 * if the number did not change since it was read.
 */
public interface StockPushes {

    /** A SKU whose available units changed and have not been pushed since. */
    record Due(String sellerId, String sku) {
    }

    /** SKUs marked at or before settledBy (a burst settles first), oldest first, at most limit. */
    List<Due> due(Instant settledBy, int limit);

    /** The current available units of these SKUs of the seller (consistent read); an unknown SKU is absent. */
    Map<String, Long> available(String sellerId, Collection<String> skus);

    /** Removes the mark unless available moved away from pushed meanwhile (then the next run pushes again). */
    boolean clear(String sellerId, String sku, long pushed);

    /** The seller's storefronts that have a platform link (stock is pushed only where the link opts in). */
    Set<String> linkedStorefronts(String sellerId);

    /** Where the storefront's changes go; empty when it has no platform link. */
    Optional<ChannelLink> link(String storefrontId);

    /** Records, for the seller to see, what the platform made of a SKU's number (DONE or FAILED with its words). */
    void record(String sellerId, String storefrontId, String sku, long pushed, PushResult result, Instant at);
}
