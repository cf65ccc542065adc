package orderflow.shared.domain.returns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import orderflow.shared.domain.Skus;

/**
 * A seller's return policy.
 *
 * <ul>
 *   <li>{@code windowDays}: returns are accepted until exactly {@code windowDays} x 24 hours after the
 *       delivery (see {@link ReturnRules} for which delivery); 0 to 365.</li>
 *   <li>{@code restockingFeePercent}: 0 to 100, taken from refunds of returns that are not the
 *       seller's fault ({@link ReturnReason#sellerFault()}).</li>
 *   <li>{@code payer} and {@code returnShippingMinor}: who pays for the way back and how much, in minor
 *       units of the order's currency (0 to 10,000,000); deducted from the refund only when the BUYER pays.</li>
 *   <li>{@code nonReturnableSkus}: SKUs that are never taken back (at most 1000).</li>
 * </ul>
 */
public record ReturnPolicy(int windowDays, int restockingFeePercent, ReturnShippingPayer payer,
                           long returnShippingMinor, Set<String> nonReturnableSkus) {

    public static final int MAX_WINDOW_DAYS = 365;
    public static final long MAX_RETURN_SHIPPING_MINOR = 10_000_000L;
    public static final int MAX_NON_RETURNABLE_SKUS = 1000;

    /** 30 days, no restocking fee, the seller pays the way back, every SKU returnable. */
    public static final ReturnPolicy DEFAULT = new ReturnPolicy(30, 0, ReturnShippingPayer.SELLER, 0, Set.of());

    public ReturnPolicy {
        if (windowDays < 0 || windowDays > MAX_WINDOW_DAYS || restockingFeePercent < 0 || restockingFeePercent > 100
                || payer == null || returnShippingMinor < 0 || returnShippingMinor > MAX_RETURN_SHIPPING_MINOR
                || nonReturnableSkus == null || nonReturnableSkus.size() > MAX_NON_RETURNABLE_SKUS) {
            throw new IllegalArgumentException("not a valid return policy; use ReturnPolicy.parse for input");
        }
        nonReturnableSkus = Set.copyOf(nonReturnableSkus);
    }

    public boolean returnable(String sku) {
        return !nonReturnableSkus.contains(sku);
    }

    /** The last instant a return is accepted for goods delivered at {@code deliveredAt} (inclusive). */
    public Instant windowEnd(Instant deliveredAt) {
        return deliveredAt.plus(Duration.ofDays(windowDays));
    }

    /**
     * Validates a policy body, naming every bad field. A field left out keeps the {@link #DEFAULT}
     * value; unknown fields are ignored. Fields: windowDays, restockingFeePercent,
     * returnShippingPayer (BUYER or SELLER), returnShippingMinor, nonReturnableSkus (array of SKUs).
     */
    public static ReturnPolicy parse(Map<String, Object> body) {
        Fields in = new Fields();
        Long window = in.whole(body, "windowDays", "windowDays", 0, MAX_WINDOW_DAYS, false);
        Long fee = in.whole(body, "restockingFeePercent", "restockingFeePercent", 0, 100, false);
        ReturnShippingPayer payer = in.oneOf(body, "returnShippingPayer", "returnShippingPayer",
                ReturnShippingPayer.class, false);
        Long shipping = in.whole(body, "returnShippingMinor", "returnShippingMinor", 0, MAX_RETURN_SHIPPING_MINOR,
                false);
        Set<String> skus = new LinkedHashSet<>();
        Object raw = body.get("nonReturnableSkus");
        if (raw != null) {
            if (!(raw instanceof List<?> list) || list.size() > MAX_NON_RETURNABLE_SKUS) {
                in.error("nonReturnableSkus", "must be an array of at most " + MAX_NON_RETURNABLE_SKUS + " SKUs");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String path = "nonReturnableSkus[" + i + "]";
                    Object v = list.get(i);
                    if (!(v instanceof String s) || !Skus.isValid(s.strip())) {
                        in.error(path, "must be a SKU: it " + Skus.RULE);
                    } else if (!skus.add(s.strip())) {
                        in.error(path, "appears twice; give each SKU once");
                    }
                }
            }
        }
        in.check("return policy");
        return new ReturnPolicy(window == null ? DEFAULT.windowDays : window.intValue(),
                fee == null ? DEFAULT.restockingFeePercent : fee.intValue(),
                payer == null ? DEFAULT.payer : payer,
                shipping == null ? DEFAULT.returnShippingMinor : shipping,
                raw == null ? DEFAULT.nonReturnableSkus : skus);
    }

    /** The JSON shape {@link #parse} reads (SKUs sorted), for the API and for storage. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("windowDays", windowDays);
        json.put("restockingFeePercent", restockingFeePercent);
        json.put("returnShippingPayer", payer.name());
        json.put("returnShippingMinor", returnShippingMinor);
        json.put("nonReturnableSkus", new ArrayList<>(new TreeSet<>(nonReturnableSkus)));
        return json;
    }
}
