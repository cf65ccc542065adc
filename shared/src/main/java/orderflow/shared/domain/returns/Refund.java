package orderflow.shared.domain.returns;

import java.time.Instant;

import orderflow.shared.domain.Money;

/**
 * Money paid back on an order: for a received return ({@code rmaId} set) or a goodwill refund
 * ({@code requestId} set, the caller's idempotency key). Its id is derived from one of the two
 * ({@link RefundIds}), so the same return or request can never make a second refund. The
 * storefront is told by a signed webhook; {@code delivery} records how that went.
 */
public record Refund(String refundId, String orderId, String sellerId, String storefrontId, String rmaId,
                     String requestId, Money amount, String reason, Instant createdAt, Breakdown breakdown,
                     RefundDelivery delivery) {

    public Refund {
        if (refundId == null || orderId == null || amount == null || amount.minor() <= 0 || createdAt == null) {
            throw new IllegalArgumentException("a refund has an id, an order, a positive amount and a time");
        }
        if ((rmaId == null) == (requestId == null)) {
            throw new IllegalArgumentException("a refund is for a return or for a request, not both or neither");
        }
        if (delivery == null) {
            delivery = RefundDelivery.PENDING;
        }
    }

    /** The refund of a received return, from its quote. */
    public static Refund forReturn(ReturnAuthorization rma, String sellerId, String storefrontId, RefundQuote quote,
                                   Instant at) {
        return new Refund(RefundIds.forReturn(rma.rmaId()), rma.orderId(), sellerId, storefrontId, rma.rmaId(), null,
                quote.refund(), "return " + rma.rmaNumber(), at, Breakdown.of(quote), RefundDelivery.PENDING);
    }

    /** A goodwill refund of the amount asked, keyed by the caller's request id. */
    public static Refund goodwill(String orderId, String sellerId, String storefrontId, String requestId, Money amount,
                                  String reason, Instant at) {
        return new Refund(RefundIds.goodwill(orderId, requestId), orderId, sellerId, storefrontId, null, requestId,
                amount, reason, at, null, RefundDelivery.PENDING);
    }

    public boolean goodwill() {
        return requestId != null;
    }

    public Refund withDelivery(RefundDelivery next) {
        return new Refund(refundId, orderId, sellerId, storefrontId, rmaId, requestId, amount, reason, createdAt,
                breakdown, next);
    }

    /** How a return's refund was computed (see {@link RefundCalculator}); null for goodwill. */
    public record Breakdown(Money items, Money discount, Money tax, Money restockingFees, Money returnShipping,
                            Money computed, boolean capped) {

        static Breakdown of(RefundQuote q) {
            return new Breakdown(q.items(), q.discount(), q.tax(), q.restockingFees(), q.returnShipping(),
                    q.computed(), q.capped());
        }
    }
}
