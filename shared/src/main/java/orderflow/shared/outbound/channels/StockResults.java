package orderflow.shared.outbound.channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;

/** Small helpers shared by the stock clients: per-SKU results and batches. */
final class StockResults {

    private StockResults() {
    }

    static Map<String, PushResult> all(List<StockLevel> levels, PushResult result) {
        Map<String, PushResult> out = new LinkedHashMap<>();
        levels.forEach(l -> out.put(l.sku(), result));
        return out;
    }

    /** Gives every SKU without a result yet this one. */
    static void fill(Map<String, PushResult> results, List<StockLevel> levels, PushResult result) {
        levels.forEach(l -> results.putIfAbsent(l.sku(), result));
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return out;
    }
}
