package orderflow.shared.domain.channels;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;

/**
 * Money paid back here that the platform must pay the buyer: amount in total, and the same amount
 * split over the order's lines (each line's share in minor units, proportional to its value, the
 * shares summing to amount exactly), so a platform that refunds per item (Amazon's payment adjustment
 * feed) gets whole-cent amounts. quantity: units returned on that line (0 for a goodwill refund or a
 * line not returned, whose share is then money only). goodwill: no goods came back.
 */
public record RefundNotice(String refundId, Money amount, String reason, boolean goodwill, List<Line> lines)
        implements ChannelNotice {

    public RefundNotice {
        lines = List.copyOf(lines);
        long sum = lines.stream().mapToLong(l -> l.amount().minor()).sum();
        if (!lines.isEmpty() && sum != amount.minor()) {
            throw new IllegalArgumentException("line shares " + sum + " do not add up to " + amount.minor());
        }
    }

    public record Line(String sku, String lineId, int quantity, Money amount) {
    }

    /**
     * The refund spread over the lines that were returned (returned: units per SKU), or over every line
     * when none were (goodwill): largest remainder, so the shares add up to the cent.
     */
    public static RefundNotice of(Order order, String refundId, Money amount, String reason, boolean goodwill,
                                  java.util.Map<String, Integer> returned) {
        List<OrderLine> base = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            if (returned.isEmpty() || returned.getOrDefault(l.sku(), 0) > 0) {
                base.add(l);
            }
        }
        if (base.isEmpty()) {
            base.addAll(order.lines());
        }
        BigInteger[] weights = new BigInteger[base.size()];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < base.size(); i++) {
            OrderLine l = base.get(i);
            int units = returned.isEmpty() ? l.quantity() : Math.min(l.quantity(), returned.get(l.sku()));
            weights[i] = BigInteger.valueOf(l.unitPrice() == null ? 0 : Math.max(0, l.unitPrice().minor()))
                    .multiply(BigInteger.valueOf(units));
            total = total.add(weights[i]);
        }
        if (total.signum() == 0) {
            java.util.Arrays.fill(weights, BigInteger.ONE);
            total = BigInteger.valueOf(weights.length);
        }
        // Integer arithmetic (amount x weight can pass 2^63): floor shares, then the cents left over go
        // to the largest remainders.
        BigInteger all = total;
        long[] shares = new long[base.size()];
        BigInteger[] remainders = new BigInteger[base.size()];
        long given = 0;
        for (int i = 0; i < base.size(); i++) {
            BigInteger[] qr = BigInteger.valueOf(amount.minor())
                    .multiply(weights[i]).divideAndRemainder(all);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += shares[i];
        }
        for (long left = amount.minor() - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < remainders.length; i++) {
                if (remainders[i] != null && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = null;
        }
        List<Line> lines = new ArrayList<>();
        java.util.Map<String, Integer> left = new java.util.HashMap<>(returned);
        for (int i = 0; i < base.size(); i++) {
            OrderLine l = base.get(i);
            int units = Math.min(l.quantity(), left.getOrDefault(l.sku(), 0));
            left.merge(l.sku(), -units, Integer::sum);
            lines.add(new Line(l.sku(), l.lineId(), units, new Money(shares[i], amount.currency())));
        }
        return new RefundNotice(refundId, amount, reason, goodwill, lines);
    }
}
