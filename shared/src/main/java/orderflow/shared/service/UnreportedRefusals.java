package orderflow.shared.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.channels.ChannelSync;
import orderflow.shared.email.SellerDigests;
import orderflow.shared.ports.FailedSyncs;
import orderflow.shared.ports.Orders;

/**
 * The digest's section of changes a platform refused: FAILED syncs not yet reported, by seller (the
 * order says whose). A sync is marked reported only after its digest is queued, so a run that dies
 * in between reports it again rather than never; one whose order is gone has nobody to tell and is
 * marked at once, so it cannot hold the oldest-first query.
 */
final class UnreportedRefusals {

    /** Syncs read per run: each costs two reads; the rest wait for the next run. */
    static final int PER_RUN = 100;

    static final UnreportedRefusals NONE = new UnreportedRefusals(new FailedSyncs() {
        @Override
        public List<ChannelSync> unreported(int limit) {
            return List.of();
        }

        @Override
        public void reported(ChannelSync sync) {
        }
    }, null);

    private final FailedSyncs failed;
    private final Orders orders;

    UnreportedRefusals(FailedSyncs failed, Orders orders) {
        this.failed = failed;
        this.orders = orders;
    }

    Map<String, List<SellerDigests.Refused>> bySeller() {
        Map<String, List<SellerDigests.Refused>> bySeller = new LinkedHashMap<>();
        for (ChannelSync sync : failed.unreported(PER_RUN)) {
            Order order = orders.get(sync.orderId()).orElse(null);
            if (order == null) {
                failed.reported(sync);
                continue;
            }
            bySeller.computeIfAbsent(order.sellerId(), s -> new ArrayList<>()).add(new SellerDigests.Refused(order, sync));
        }
        return bySeller;
    }

    /** In a queued digest, or with no seller left to tell: never listed again (unless it fails again). */
    void reported(List<SellerDigests.Refused> refused) {
        refused.forEach(r -> failed.reported(r.sync()));
    }
}
