package orderflow.shared.domain.returns;

import orderflow.shared.domain.Failure;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.Shipment;

/**
 * Whether an order's units may be returned, decided here and nowhere else. A refusal is a {@link
 * Failure.Refused} naming the rule, the offending field and the reason; the first offending line is reported.
 *
 * <ul>
 *   <li><b>not-delivered</b>: only delivered units come back. The order must be DELIVERED or have at
 *       least one delivered shipment, and each SKU must be in a delivered shipment.</li>
 *   <li><b>not-in-order</b>: the SKU is not on the order.</li>
 *   <li><b>non-returnable</b>: the policy lists the SKU as never returnable.</li>
 *   <li><b>return-window</b>: the window of a SKU starts at the delivery of the shipments holding it,
 *       the <i>latest</i> of those deliveries when its units came in several packages (the buyer
 *       cannot tell which unit came in which box, so the most generous start is taken). A return is
 *       in time up to and including {@code delivery + windowDays x 24h} (an exact duration, not
 *       calendar days: delivered 2026-12-01T15:00:00Z with 30 days, 2026-12-31T15:00:00Z is the last
 *       instant inside, one second later is outside).</li>
 *   <li><b>quantity</b>: at most the SKU's delivered units minus those held by the order's other RMAs
 *       ({@link ReturnAuthorization#unitsHeld}: authorized ones count what they authorize, received
 *       ones what arrived, canceled ones nothing).</li>
 * </ul>
 */
public final class ReturnRules {

    public static final String RULE_NOT_DELIVERED = "not-delivered";
    public static final String RULE_NOT_IN_ORDER = "not-in-order";
    public static final String RULE_NON_RETURNABLE = "non-returnable";
    public static final String RULE_RETURN_WINDOW = "return-window";
    public static final String RULE_QUANTITY = "quantity";
    public static final String RULE_NOT_AUTHORIZED = "not-authorized";
    public static final String RULE_RMA_STATUS = "rma-status";
    public static final String RULE_REFUND_CAP = "refund-cap";

    private ReturnRules() {
    }

    /** Throws {@link Failure.Refused} unless the order allows every line of the request now. */
    public static void check(Order order, List<ReturnAuthorization> existing, ReturnPolicy policy,
                             ReturnRequest request, Instant now) {
        Map<String, Integer> delivered = new HashMap<>();
        Map<String, Instant> lastDelivery = new HashMap<>();
        for (Shipment s : order.fulfillment().shipments()) {
            if (s.deliveredAt() == null) {
                continue;
            }
            s.quantities().forEach((sku, q) -> {
                delivered.merge(sku, q, Integer::sum);
                lastDelivery.merge(sku, s.deliveredAt(), (a, b) -> a.isAfter(b) ? a : b);
            });
        }
        if (delivered.isEmpty()) {
            throw new Failure.Refused(RULE_NOT_DELIVERED, "orderId", "Nothing of order " + order.orderId()
                    + " has been delivered yet (it is " + order.status() + "): only delivered items can be returned.");
        }
        if (!order.status().sellerActions().contains(SellerAction.RETURN)) {
            // A return is received and refunded from a delivered order: opening one earlier could
            // leave an RMA that can never be received (a package lost on its way).
            throw new Failure.Refused(RULE_NOT_DELIVERED, "orderId", "Order " + order.orderId() + " is " + order.status()
                    + ": returns open once every package has been delivered.");
        }
        Map<String, Integer> held = new HashMap<>();
        for (ReturnAuthorization rma : existing) {
            if (!rma.orderId().equals(order.orderId())) {
                throw new IllegalArgumentException(rma.rmaNumber() + " belongs to another order");
            }
            rma.unitsHeld().forEach((sku, q) -> held.merge(sku, q, Integer::sum));
        }
        Map<String, Integer> ordered = order.quantitiesBySku();
        for (int i = 0; i < request.lines().size(); i++) {
            ReturnLine line = request.lines().get(i);
            String sku = line.sku();
            String path = "lines[" + i + "]";
            if (!ordered.containsKey(sku)) {
                throw new Failure.Refused(RULE_NOT_IN_ORDER, path + ".sku", sku + " is not in this order.");
            }
            if (!policy.returnable(sku)) {
                throw new Failure.Refused(RULE_NON_RETURNABLE, path + ".sku", sku + " cannot be returned: the seller's "
                        + "return policy lists it as non-returnable.");
            }
            int units = delivered.getOrDefault(sku, 0);
            if (units == 0) {
                throw new Failure.Refused(RULE_NOT_DELIVERED, path + ".sku", sku + " has not been delivered yet: only "
                        + "delivered items can be returned.");
            }
            Instant end = policy.windowEnd(lastDelivery.get(sku));
            if (now.isAfter(end)) {
                throw new Failure.Refused(RULE_RETURN_WINDOW, path + ".sku", sku + " was delivered at "
                        + lastDelivery.get(sku) + "; its " + policy.windowDays() + "-day return window closed at "
                        + end + ".");
            }
            int taken = held.getOrDefault(sku, 0);
            if (line.quantity() > units - taken) {
                throw new Failure.Refused(RULE_QUANTITY, path + ".quantity", sku + ": " + units + " delivered, " + taken
                        + " already returned or authorized for return: at most " + Math.max(0, units - taken)
                        + " can be returned, not " + line.quantity() + ".");
            }
        }
    }

    /**
     * {@link #check}, then the order's next RMA, AUTHORIZED now; its sequence is the number of RMAs
     * the order has (canceled ones included) plus one.
     */
    public static ReturnAuthorization authorize(Order order, List<ReturnAuthorization> existing, ReturnPolicy policy,
                                                ReturnRequest request, Instant now) {
        check(order, existing, policy, request, now);
        return ReturnAuthorization.authorized(order.orderId(), existing.size() + 1, request.lines(), now);
    }
}
