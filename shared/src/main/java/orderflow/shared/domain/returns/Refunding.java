package orderflow.shared.domain.returns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.StockChange;

/**
 * Decides what paying money back writes: for a return that arrived, the RMA received, sellable
 * units restocked, damaged ones written off and the refund the policy dictates; for a goodwill
 * refund, the amount asked under the cap. Pure: the caller reads, this decides, one transaction writes.
 */
public final class Refunding {

    private Refunding() {
    }

    /**
     * @param rmas every RMA of the order (the one received among them); the received ones fix the
     *             earlier returns' share of tax and discount
     */
    public static RefundChange receive(Order order, ReturnAuthorization rma, List<ReturnAuthorization> rmas,
                                       ReceiveRequest request, ReturnPolicy policy, Actor actor, Instant now) {
        if (!rma.orderId().equals(order.orderId())) {
            throw new IllegalArgumentException(rma.rmaNumber() + " belongs to another order");
        }
        OrderLifecycle.requireAllowed(order, SellerAction.RETURN);
        List<ReceivedLine> lines = Receiving.check(rma, request);
        List<ReturnAuthorization> earlier = rmas.stream().filter(r -> !r.rmaId().equals(rma.rmaId())).toList();
        RefundQuote quote = RefundCalculator.forReturn(order, Receiving.bySku(lines),
                ReturnAuthorization.receivedBySku(earlier), policy, order.refunded());
        List<StockChange> stock = new ArrayList<>();
        for (ReceivedLine line : lines) {
            stock.add(new StockChange(line.sku(), line.quantity(), line.condition() == ItemCondition.SELLABLE
                    ? StockChange.Kind.RESTOCK : StockChange.Kind.WRITE_OFF));
        }
        ReturnAuthorization received = rma.receive(lines, now);
        Refund refund = quote.refund().minor() > 0
                ? Refund.forReturn(rma, order.sellerId(), order.storefrontId(), quote, now) : null;
        String reason = rma.rmaNumber() + " received (" + describe(lines) + "); refund "
                + quote.refund().toDecimalString() + " " + order.currency()
                + (quote.capped() ? " (capped at what was left to refund)" : "");
        OrderChange change = OrderLifecycle.refund(order, quote.refund(), actor, now, "return-received", reason, stock);
        return new RefundChange(change, received, refund);
    }

    /** A goodwill refund: the status must allow refunds (409), the amount fit under the cap (422). */
    public static RefundChange goodwill(Order order, GoodwillRequest request, Actor actor, Instant now) {
        OrderLifecycle.requireAllowed(order, SellerAction.REFUND);
        RefundQuote quote = RefundCalculator.goodwill(order, request.amount(), order.refunded());
        Refund refund = Refund.goodwill(order.orderId(), order.sellerId(), order.storefrontId(), request.requestId(),
                quote.refund(), request.reason(), now);
        OrderChange change = OrderLifecycle.refund(order, quote.refund(), actor, now, "refund",
                "goodwill refund " + quote.refund().toDecimalString() + " " + order.currency() + ": "
                        + request.reason(), List.of());
        return new RefundChange(change, null, refund);
    }

    /** "2 sellable, 1 damaged" */
    private static String describe(List<ReceivedLine> lines) {
        Map<ItemCondition, Integer> units = new LinkedHashMap<>();
        lines.forEach(l -> units.merge(l.condition(), l.quantity(), Integer::sum));
        List<String> parts = new ArrayList<>();
        units.forEach((c, q) -> parts.add(q + " " + c.name().toLowerCase(Locale.ROOT)));
        return String.join(", ", parts);
    }

    /** Shown in errors: whole amounts in the order's currency. */
    static String amount(Money m) {
        return m.toDecimalString() + " " + m.currency();
    }
}
