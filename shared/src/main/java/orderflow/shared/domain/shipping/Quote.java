package orderflow.shared.domain.shipping;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rates asked for one parcel of one order, kept so the purchase buys exactly what was priced: the
 * lines in the box, the parcel, the provider's quote and its offers. A quote is bought at most once
 * (its label id is derived from it), and expires after {@link #TTL_HOURS}.
 */
public record Quote(String sellerId, String orderId, String provider, String quoteId, Map<String, Integer> lines,
                    Parcel parcel, List<Rate> rates, Instant createdAt) {

    public static final int TTL_HOURS = 24;

    public Quote {
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        rates = List.copyOf(rates);
    }

    public Optional<Rate> rate(String rateId) {
        return rates.stream().filter(r -> r.rateId().equals(rateId)).findFirst();
    }

    public boolean expired(Instant now) {
        return now.isAfter(createdAt.plusSeconds(TTL_HOURS * 3600L));
    }
}
