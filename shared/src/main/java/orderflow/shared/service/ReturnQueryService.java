package orderflow.shared.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.RefundIds;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.RmaStatus;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.Refunds;
import orderflow.shared.ports.Returns;

/**
 * The read side of returns and refunds: the seller's RMAs (newest first), one order's RMAs and one
 * order's refunds; each RMA with its refund once received.
 */
public final class ReturnQueryService {

    private final Orders orders;
    private final Returns returns;
    private final Refunds refunds;

    public ReturnQueryService(Orders orders, Returns returns, Refunds refunds) {
        this.orders = orders;
        this.returns = returns;
        this.refunds = refunds;
    }

    /** An RMA with its refund (null until received with something to pay back). */
    public record Listed(ReturnAuthorization rma, Refund refund) {
    }

    public record Listing(List<Listed> items, String nextCursor) {
    }

    /** GET /v1/returns?status=&limit=&cursor=: the seller's RMAs, newest first. */
    public Listing list(String sellerId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<FieldError> errors = new ArrayList<>();
        RmaStatus status = null;
        if (q.get("status") != null) {
            try {
                status = RmaStatus.valueOf(q.get("status"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + Arrays.toString(RmaStatus.values())));
            }
        }
        int limit = QueryParams.limit(q, 25, 100, errors);
        Map<String, String> after = q.get("cursor") == null ? null
                : ListingCursor.decode(q.get("cursor"), sellerId, ListingCursor.RETURN_KEYS, errors);
        QueryParams.check(errors);
        Returns.Page page = returns.listBySeller(sellerId, status, after, limit);
        return new Listing(withRefunds(page.items()), ListingCursor.encode(page.next()));
    }

    /** GET /v1/orders/{orderId}/returns: the order's RMAs, oldest first (404 for another seller's order). */
    public List<Listed> forOrder(String sellerId, String orderId) {
        new OrderQueryService(orders).get(sellerId, orderId);
        return withRefunds(returns.forOrder(orderId));
    }

    /** GET /v1/orders/{orderId}/refunds: the order's refunds, oldest first (404 for another seller's order). */
    public List<Refund> refunds(String sellerId, String orderId) {
        new OrderQueryService(orders).get(sellerId, orderId);
        return refunds.forOrder(orderId);
    }

    private List<Listed> withRefunds(List<ReturnAuthorization> rmas) {
        List<Refunds.Key> keys = rmas.stream().filter(r -> r.status() == RmaStatus.RECEIVED)
                .map(r -> new Refunds.Key(r.orderId(), RefundIds.forReturn(r.rmaId()))).toList();
        Map<String, Refund> byRma = new HashMap<>();
        if (!keys.isEmpty()) {
            refunds.getAll(keys).forEach(r -> byRma.put(r.rmaId(), r));
        }
        return rmas.stream().map(r -> new Listed(r, byRma.get(r.rmaId()))).toList();
    }
}
