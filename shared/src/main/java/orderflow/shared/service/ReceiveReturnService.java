package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Races;
import orderflow.shared.domain.returns.ItemCondition;
import orderflow.shared.domain.returns.ReceiveRequest;
import orderflow.shared.domain.returns.ReceiveRequests;
import orderflow.shared.domain.returns.ReceivedLine;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundChange;
import orderflow.shared.domain.returns.RefundIds;
import orderflow.shared.domain.returns.Refunding;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.domain.returns.RmaStatus;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.ChannelSyncs;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.RefundNotices;
import orderflow.shared.ports.Refunds;
import orderflow.shared.ports.SyncQueue;
import orderflow.shared.ports.ReturnPolicies;
import orderflow.shared.ports.Returns;

/**
 * {@code POST /v1/returns/{rmaId}/receive}: what arrived is checked against the RMA, sellable units
 * go back to stock (their backorders get their chance), damaged ones are written off, and the
 * refund the policy dictates is recorded, all in the order's one transaction; the storefront is
 * then told and the buyer emailed.
 *
 * <p>Exactly once: the refund id comes from the RMA and is written only if new, with the order
 * conditioned on its version. The same receipt again answers the recorded refund with
 * {@code changed: false} and announces it again under the same ids (see {@link RefundAnnouncer}).
 */
public final class ReceiveReturnService {

    private final Orders orders;
    private final Returns returns;
    private final Refunds refunds;
    private final ReturnPolicies policies;
    private final RefundAnnouncer announcer;
    private final OrderQueue orderQueue;
    private final LowStockAlerts alerts;
    private final Clock clock;

    public ReceiveReturnService(Orders orders, Returns returns, Refunds refunds, ReturnPolicies policies,
                                Accounts accounts, EmailOutbox emails, RefundNotices notices, OrderQueue orderQueue,
                                LowStockAlerts alerts, Clock clock) {
        this(orders, returns, refunds, policies, accounts, emails, notices, orderQueue, alerts, null, null, clock);
    }

    /** channels and syncQueue: with a platform link the refund goes to the platform (null: never). */
    public ReceiveReturnService(Orders orders, Returns returns, Refunds refunds, ReturnPolicies policies,
                                Accounts accounts, EmailOutbox emails, RefundNotices notices, OrderQueue orderQueue,
                                LowStockAlerts alerts, ChannelSyncs channels, SyncQueue syncQueue, Clock clock) {
        this.orders = orders;
        this.returns = returns;
        this.refunds = refunds;
        this.policies = policies;
        this.announcer = new RefundAnnouncer(accounts, emails, notices,
                channels == null ? ChannelOutbox.NONE : new ChannelOutbox(channels, syncQueue));
        this.orderQueue = orderQueue;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The RMA as received, its refund (null when nothing was due) and whether this call made them. */
    public record Receipt(ReturnAuthorization rma, Refund refund, Order order, boolean changed) {
    }

    public Receipt receive(String sellerId, Actor actor, String rmaId, Map<String, Object> body) {
        ReceiveRequest request = ReceiveRequests.parse(body);
        // not an id we make: no such return, without a read (DynamoDB refuses a key over 2 KB: a 500)
        if (rmaId == null || !rmaId.matches("rma_[0-9a-z]{26}")) {
            throw noSuchReturn(rmaId);
        }
        Receipt receipt = Races.retry(RefundAnnouncer.ATTEMPTS, attempt -> {
            ReturnAuthorization rma = returns.get(rmaId).orElseThrow(() -> noSuchReturn(rmaId));
            Order order = ownOrder(sellerId, rma);
            if (rma.status() == RmaStatus.RECEIVED && sameLines(rma.received(), request)) {
                return repeat(order, rma);
            } // a different receipt of a received RMA is refused below, rule rma-status
            List<ReturnAuthorization> rmas = returns.forOrder(order.orderId());
            ReturnPolicy policy = policies.get(sellerId).orElse(ReturnPolicy.DEFAULT);
            Instant now = clock.instant();
            RefundChange change = Refunding.receive(order, rma, rmas, request, policy, actor, now);
            change = announcer.withChannel(change, returnedUnits(change), now);
            return switch (refunds.issue(change)) {
                case Orders.Done d -> {
                    afterReceipt(change);
                    yield new Receipt(change.received(), change.refund(), change.order().after(), true);
                }
                case Orders.Stale s -> null; // lost a race to another writer of the order or RMA: again
                case Orders.Short s -> throw new IllegalStateException("a return never reserves stock");
            };
        });
        if (receipt == null) {
            throw RefundAnnouncer.busy();
        }
        return receipt;
    }

    private Receipt repeat(Order order, ReturnAuthorization rma) {
        Refund refund = refunds.get(order.orderId(), RefundIds.forReturn(rma.rmaId())).orElse(null);
        if (refund != null) {
            announcer.announce(order, refund);
        }
        return new Receipt(rma, refund, order, false);
    }

    private void afterReceipt(RefundChange change) {
        Order order = change.order().after();
        List<String> restocked = new ArrayList<>();
        for (ReceivedLine line : change.received().received()) {
            if (line.condition() == ItemCondition.SELLABLE && !restocked.contains(line.sku())) {
                restocked.add(line.sku());
            }
        }
        for (String sku : restocked) {
            orderQueue.stockArrived(order.sellerId(), sku); // backorders of the SKU get their chance
        }
        if (!restocked.isEmpty()) {
            alerts.check(order.sellerId(), restocked, clock.instant());
        }
        if (change.refund() != null) {
            announcer.announce(order, change.refund());
        }
    }

    /** Units per SKU that came back, whatever their condition: the platform's refund names them. */
    private static Map<String, Integer> returnedUnits(RefundChange change) {
        Map<String, Integer> units = new HashMap<>();
        change.received().received().forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
        return units;
    }

    /** The RMA's order, if it is this seller's; otherwise the RMA does not exist for them. */
    private Order ownOrder(String sellerId, ReturnAuthorization rma) {
        Optional<Order> order = orders.get(rma.orderId());
        if (order.isEmpty() || !order.get().sellerId().equals(sellerId)) {
            throw noSuchReturn(rma.rmaId());
        }
        return order.get();
    }

    /** Whether a repeated receipt reports the same units in the same conditions (in any order). */
    private static boolean sameLines(List<ReceivedLine> recorded, ReceiveRequest request) {
        Map<String, Integer> a = new HashMap<>();
        recorded.forEach(l -> a.merge(l.sku() + "\n" + l.condition(), l.quantity(), Integer::sum));
        Map<String, Integer> b = new HashMap<>();
        request.lines().forEach(l -> b.merge(l.sku() + "\n" + l.condition(), l.quantity(), Integer::sum));
        return a.equals(b);
    }

    private static Failure noSuchReturn(String rmaId) {
        return new Failure.NotFound("No return " + rmaId + ".");
    }
}
