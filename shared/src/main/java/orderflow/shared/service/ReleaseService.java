package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.ReleaseRequest;
import orderflow.shared.domain.Storefront;
import orderflow.shared.ports.OrderQueue;
import orderflow.shared.ports.Orders;
import orderflow.shared.ports.SkuMappings;

/**
 * The seller fixes an ON_HOLD order and releases it: lines mapped to their SKUs (remembered for the
 * storefront's later orders), a total that did not add up accepted, then on to READY (queued for
 * stock) or, when the storefront has not confirmed payment, PENDING. A hold that only the platform
 * can fix (an address missing, an unreadable delivery) is named in the 400, with what to do.
 */
public final class ReleaseService {

    private static final Set<String> TOTAL_FIELDS = Set.of("total_price", "total", "OrderTotal.Amount");

    private final Orders orders;
    private final SkuMappings mappings;
    private final OrderQueue queue;
    private final Clock clock;

    public ReleaseService(Orders orders, SkuMappings mappings, OrderQueue queue, Clock clock) {
        this.orders = orders;
        this.mappings = mappings;
        this.queue = queue;
        this.clock = clock;
    }

    public ActionResult release(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        ReleaseRequest request = ReleaseRequest.parse(body);
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        if (order.status() != OrderStatus.ON_HOLD) {
            throw new Failure.IllegalTransition("Only an ON_HOLD order can be released; this one is " + order.status()
                    + ".", order.status());
        }
        List<OrderLine> lines = new ArrayList<>(order.lines());
        List<FieldError> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < request.skus().size(); i++) {
            ReleaseRequest.Mapping m = request.skus().get(i);
            if (m.line() >= lines.size()) {
                errors.add(new FieldError("skus[" + i + "].line", "is " + m.line() + " but the order has "
                        + lines.size() + " line" + (lines.size() == 1 ? "" : "s") + " (0 for the first)"));
            } else if (!seen.add(m.line())) {
                errors.add(new FieldError("skus[" + i + "].line", "maps line " + m.line() + " a second time"));
            } else {
                lines.set(m.line(), lines.get(m.line()).withSku(m.sku()));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sku() == null) {
                errors.add(new FieldError("lines[" + i + "].sku", "has no SKU (" + lines.get(i).title()
                        + "): map it with skus: [{\"line\": " + i + ", \"sku\": \"...\"}]"));
            }
        }
        if (lines.isEmpty()) {
            errors.add(new FieldError("lines", "the delivery could not be read as an order: nothing to release; "
                    + "fix it on the platform (its next delivery updates this order) or cancel it"));
        }
        for (FieldError hold : order.intake().holds()) {
            boolean sku = Intake.skuHold(hold);
            boolean total = TOTAL_FIELDS.contains(hold.field());
            if (total && !request.acceptTotals()) {
                errors.add(new FieldError("acceptTotals", "must be true to release an order whose " + hold.field() + " "
                        + hold.message()));
            } else if (!sku && !total) {
                errors.add(new FieldError(hold.field(), hold.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The order cannot be released yet: " + errors.size() + " thing"
                    + (errors.size() == 1 ? "" : "s") + " to fix.", errors);
        }
        Intake intake = order.intake().withHolds(List.of());
        OrderStatus next = intake.awaitingPayment() ? OrderStatus.PENDING : OrderStatus.READY;
        Instant now = clock.instant();
        Order released = order.released(next, lines, intake);
        String why = "released by the seller" + (request.skus().isEmpty() ? "" : ", " + request.skus().size()
                + " line" + (request.skus().size() == 1 ? "" : "s") + " mapped")
                + (request.acceptTotals() ? ", total accepted" : "");
        if (orders.apply(OrderChange.of(order, released, now, actor, "release", why, List.of())) instanceof Orders.Stale) {
            throw new Failure.Conflict("The order changed while this request was being processed; nothing was written."
                    + " Read the order again and retry if the release still applies.");
        }
        for (ReleaseRequest.Mapping m : request.skus()) {
            OrderLine before = order.lines().get(m.line());
            String key = Storefront.mappingKey(before);
            if (m.remember() && key != null) {
                mappings.remember(order.storefrontId(), key, m.sku());
            }
        }
        if (next == OrderStatus.READY) {
            queue.enqueue(order.orderId());
        }
        return new ActionResult(released, true, null);
    }
}
