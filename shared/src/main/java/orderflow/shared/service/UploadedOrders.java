package orderflow.shared.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.OrderIds;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SellerStorefronts;

/**
 * Finds the order a file row names: our id (ord_...) or the platform's (Amazon's 3-7-7, Shopify's
 * number id...). Order ids are derived from (storefront, platform id), so a platform id is tried
 * against each storefront of the seller: the ones linked to a platform, and the ones the seller's
 * newest orders came from (a storefront that sends webhooks has no link). No index, no scan: one
 * read per candidate. One instance serves one run of one upload.
 */
final class UploadedOrders {

    /** How many of the newest orders name the storefronts that send webhooks. */
    static final int RECENT_ORDERS = 200;

    private final Orders orders;
    private final SellerStorefronts storefronts;
    private final String sellerId;
    private final Instant now;
    private Set<String> candidates;
    private final Map<String, Optional<Order>> found = new HashMap<>();

    UploadedOrders(Orders orders, SellerStorefronts storefronts, String sellerId, Instant now) {
        this.orders = orders;
        this.storefronts = storefronts;
        this.sellerId = sellerId;
        this.now = now;
    }

    /** The seller's order named ref, read now (not cached: a package before may have shipped part of it). */
    Optional<Order> find(String ref) {
        if (OrderIds.looksValid(ref)) {
            return mine(orders.get(ref));
        }
        Optional<Order> known = found.get(ref);
        if (known != null && known.isPresent()) {
            return mine(orders.get(known.get().orderId()));
        }
        for (String storefront : candidates()) {
            Optional<Order> order = mine(orders.get(OrderIds.forExternal(storefront, ref)));
            if (order.isPresent()) {
                found.put(ref, order);
                return order;
            }
        }
        return Optional.empty();
    }

    private Optional<Order> mine(Optional<Order> order) {
        return order.filter(o -> o.sellerId().equals(sellerId));
    }

    private Set<String> candidates() {
        if (candidates == null) {
            candidates = new LinkedHashSet<>(storefronts.storefrontIds(sellerId));
            orders.list(sellerId, new OrderFilter(null, null, null, null, null, now), null, RECENT_ORDERS)
                    .orders().forEach(o -> candidates.add(o.storefrontId()));
        }
        return candidates;
    }
}
