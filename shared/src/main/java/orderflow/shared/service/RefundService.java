package orderflow.shared.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.returns.GoodwillRequest;
import orderflow.shared.domain.returns.GoodwillRequests;
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
import orderflow.shared.email.OrderEmails;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.RefundNotices;
import orderflow.shared.ports.Refunds;
import orderflow.shared.ports.ReturnPolicies;
import orderflow.shared.ports.Returns;

/**
 * Paying money back. {@code POST /v1/returns/{rmaId}/receive}: what arrived is checked against the
 * RMA, sellable units go back to stock, damaged ones are written off, and the refund the policy
 * dictates is recorded, all in the order's one transaction. {@code POST /v1/orders/{orderId}/refunds}:
 * a goodwill refund under the cap. Either way the storefront is then told (RefundQueue) and the
 * buyer emailed.
 *
 * <p>Exactly once: the refund id comes from the RMA or the request id and is written only if new,
 * with the order conditioned on its version. A repeat answers the recorded refund with
 * {@code changed: false} and queues its notice and email again under the same ids, so a crash
 * between the write and the queues heals on retry while the deliverer and the sender let one through.
 */
public final class RefundService {

    /** Attempts when another change to the order slips in between our read and our write. */
    private static final int ATTEMPTS = 3;

    private final Orders orders;
    private final Returns returns;
    private final Refunds refunds;
    private final ReturnPolicies policies;
    private final Accounts accounts;
    private final EmailOutbox emails;
    private final RefundNotices notices;
    private final OrderQueue orderQueue;
    private final LowStockAlerts alerts;
    private final Clock clock;

    /** orderQueue and alerts may be null where nothing is restocked (goodwill refunds). */
    public RefundService(Orders orders, Returns returns, Refunds refunds, ReturnPolicies policies, Accounts accounts,
                         EmailOutbox emails, RefundNotices notices, OrderQueue orderQueue, LowStockAlerts alerts,
                         Clock clock) {
        this.orders = orders;
        this.returns = returns;
        this.refunds = refunds;
        this.policies = policies;
        this.accounts = accounts;
        this.emails = emails;
        this.notices = notices;
        this.orderQueue = orderQueue;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The RMA as received, its refund (null when nothing was due) and whether this call made them. */
    public record Receipt(ReturnAuthorization rma, Refund refund, Order order, boolean changed) {
    }

    /** A refund, the order after it, and whether this call made it. */
    public record Issued(Refund refund, Order order, boolean changed) {
    }

    public Receipt receive(String sellerId, Actor actor, String rmaId, Map<String, Object> body) {
        ReceiveRequest request = ReceiveRequests.parse(body);
        for (int attempt = 1; ; attempt++) {
            ReturnAuthorization rma = returns.get(rmaId).orElseThrow(() -> noSuchReturn(rmaId));
            Order order = ownOrder(sellerId, rma);
            if (rma.status() == RmaStatus.RECEIVED && sameLines(rma.received(), request)) {
                return repeat(order, rma);
            } // a different receipt of a received RMA is refused below, rule rma-status
            List<ReturnAuthorization> rmas = returns.forOrder(order.orderId());
            ReturnPolicy policy = policies.get(sellerId).orElse(ReturnPolicy.DEFAULT);
            RefundChange change = Refunding.receive(order, rma, rmas, request, policy, actor, clock.instant());
            switch (refunds.issue(change)) {
                case Orders.Done d -> {
                    afterReceipt(change);
                    return new Receipt(change.received(), change.refund(), change.order().after(), true);
                }
                case Orders.Stale s -> {
                    if (attempt == ATTEMPTS) {
                        throw busy();
                    }
                }
                case Orders.Short s -> throw new IllegalStateException("a return never reserves stock");
            }
        }
    }

    public Issued goodwill(String sellerId, Actor actor, String orderId, Map<String, Object> body,
                           String idempotencyKey) {
        new OrderQueryService(orders).get(sellerId, orderId); // another seller's order: 404 before anything else
        GoodwillRequest request = GoodwillRequests.parse(body, idempotencyKey);
        String refundId = RefundIds.goodwill(orderId, request.requestId());
        for (int attempt = 1; ; attempt++) {
            Order order = new OrderQueryService(orders).get(sellerId, orderId);
            Optional<Refund> existing = refunds.get(orderId, refundId);
            if (existing.isPresent()) {
                Refund r = existing.get();
                if (!r.amount().equals(request.amount())) {
                    throw new Failure.Conflict("Request id " + request.requestId() + " already refunded "
                            + r.amount().toDecimalString() + " " + r.amount().currency() + " on this order; nothing"
                            + " was written. Use a new request id for another refund.");
                }
                announce(order, r);
                return new Issued(r, order, false);
            }
            RefundChange change = Refunding.goodwill(order, request, actor, clock.instant());
            switch (refunds.issue(change)) {
                case Orders.Done d -> {
                    announce(change.order().after(), change.refund());
                    return new Issued(change.refund(), change.order().after(), true);
                }
                case Orders.Stale s -> {
                    if (attempt == ATTEMPTS) {
                        throw busy();
                    }
                }
                case Orders.Short s -> throw new IllegalStateException("a refund never reserves stock");
            }
        }
    }

    /** The order's refunds, oldest first (404 for another seller's order). */
    public List<Refund> forOrder(String sellerId, String orderId) {
        new OrderQueryService(orders).get(sellerId, orderId);
        return refunds.forOrder(orderId);
    }

    private Receipt repeat(Order order, ReturnAuthorization rma) {
        Refund refund = refunds.get(order.orderId(), RefundIds.forReturn(rma.rmaId())).orElse(null);
        if (refund != null) {
            announce(order, refund);
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
            announce(order, change.refund());
        }
    }

    /** Tells the storefront (via RefundQueue) and the buyer; both are deduplicated downstream by refund id. */
    private void announce(Order order, Refund refund) {
        if (refund.delivery().status() == orderflow.shared.domain.returns.RefundDelivery.Status.PENDING) {
            notices.enqueue(refund.orderId(), refund.refundId()); // settled ones (acknowledged, by hand) stay so
        }
        Seller seller = accounts.seller(order.sellerId())
                .orElseThrow(() -> new IllegalStateException("unknown seller " + order.sellerId()));
        emails.enqueue(OrderEmails.refundIssued(order, seller, refund));
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

    private static Failure busy() {
        return new Failure.Conflict("The order kept changing while the refund was being recorded; nothing was"
                + " written. Retry: a repeat never refunds twice.");
    }
}
