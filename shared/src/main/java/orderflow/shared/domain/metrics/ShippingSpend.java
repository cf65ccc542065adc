package orderflow.shared.domain.metrics;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import orderflow.shared.domain.Money;

/**
 * What the labels bought here cost, per currency, over the orders placed in the last {@code days}
 * days that have at least one: the total, how many orders, and the average per order (rounded half
 * up to the minor unit). Shipments the seller typed in cost nothing here and are not counted.
 */
public record ShippingSpend(String currency, Money total, int orders, Money perOrder, int windowDays) {

    public static final int WINDOW_DAYS = 30;

    public static List<ShippingSpend> of(List<OrderFacts> facts, Instant now) {
        Instant from = now.minus(Duration.ofDays(WINDOW_DAYS));
        Map<String, BigInteger> totals = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (OrderFacts o : facts) {
            if (o.createdAt().isBefore(from) || o.createdAt().isAfter(now)) {
                continue;
            }
            Map<String, BigInteger> spent = new TreeMap<>();
            for (ShipmentFacts s : o.shipments()) {
                if (s.labelCost() != null) {
                    spent.merge(s.labelCost().currency(), BigInteger.valueOf(s.labelCost().minor()), BigInteger::add);
                }
            }
            spent.forEach((currency, minor) -> {
                totals.merge(currency, minor, BigInteger::add);
                counts.merge(currency, 1, Integer::sum);
            });
        }
        List<ShippingSpend> out = new ArrayList<>();
        totals.forEach((currency, minor) -> {
            int n = counts.get(currency);
            long average = new java.math.BigDecimal(minor).divide(java.math.BigDecimal.valueOf(n), 0,
                    RoundingMode.HALF_UP).longValueExact();
            out.add(new ShippingSpend(currency, new Money(minor.longValueExact(), currency), n,
                    new Money(average, currency), WINDOW_DAYS));
        });
        return out;
    }
}
