package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.returns.GoodwillRequest;
import orderflow.shared.domain.returns.GoodwillRequests;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.RefundIds;
import orderflow.shared.domain.returns.Refunding;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.RefundNotices;
import orderflow.shared.ports.Refunds;
import orderflow.shared.ports.SyncQueue;

/**
 * {@code POST /v1/orders/{orderId}/refunds}: a goodwill refund under the cap of what was paid minus
 * what was refunded, recorded in the order's one transaction, then sent to the storefront and emailed.
 *
 * <p>Exactly once: the refund id comes from the request id and is written only if new, with the
 * order conditioned on its version. A repeat answers the recorded refund with {@code changed: false}
 * and announces it again under the same ids (see {@link RefundAnnouncer}).
 */
public final class GoodwillRefundService {

    private final Orders orders;
    private final Refunds refunds;
    private final RefundAnnouncer announcer;
    private final Clock clock;

    public GoodwillRefundService(Orders orders, Refunds refunds, Accounts accounts, EmailOutbox emails,
                                 RefundNotices notices, Clock clock) {
        this(orders, refunds, accounts, emails, notices, null, null, clock);
    }

    /** channels and syncQueue: with a platform link the refund goes to the platform (null: never). */
    public GoodwillRefundService(Orders orders, Refunds refunds, Accounts accounts, EmailOutbox emails,
                                 RefundNotices notices, ChannelSyncs channels, SyncQueue syncQueue, Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.announcer = new RefundAnnouncer(accounts, emails, notices,
                channels == null ? ChannelOutbox.NONE : new ChannelOutbox(channels, syncQueue));
        this.clock = clock;
    }

    /** A refund, the order after it, and whether this call made it. */
    public record Issued(Refund refund, Order order, boolean changed) {
    }

    public Issued issue(String sellerId, Actor actor, String orderId, Map<String, Object> body, String idempotencyKey) {
        OrderQueryService query = new OrderQueryService(orders);
        query.get(sellerId, orderId); // another seller's order: 404 before anything else
        GoodwillRequest request = GoodwillRequests.parse(body, idempotencyKey);
        String refundId = RefundIds.goodwill(orderId, request.requestId());
        Issued issued = Races.retry(RefundAnnouncer.ATTEMPTS, attempt -> {
            Order order = query.get(sellerId, orderId);
            Optional<Refund> existing = refunds.get(orderId, refundId);
            if (existing.isPresent()) {
                Refund r = existing.get();
                if (!r.amount().equals(request.amount())) {
                    throw new Failure.Conflict("Request id " + request.requestId() + " already refunded "
                            + r.amount().toDecimalString() + " " + r.amount().currency() + " on this order; nothing"
                            + " was written. Use a new request id for another refund.");
                }
                announcer.announce(order, r);
                return new Issued(r, order, false);
            }
            Instant now = clock.instant();
            RefundChange change = announcer.withChannel(Refunding.goodwill(order, request, actor, now), Map.of(), now);
            return switch (refunds.issue(change)) {
                case Orders.Done d -> {
                    announcer.announce(change.order().after(), change.refund());
                    yield new Issued(change.refund(), change.order().after(), true);
                }
                case Orders.Stale s -> null; // lost a race to another writer of the order: again
                case Orders.Short s -> throw new IllegalStateException("a refund never reserves stock");
            };
        });
        if (issued == null) {
            throw RefundAnnouncer.busy();
        }
        return issued;
    }
}
