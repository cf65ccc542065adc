package orderflow.shared.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids an unauthenticated route recently found unknown (a storefront id, or a seller id on the
 * tracking route), per execution environment. A flood of deliveries to an id that does not exist
 * then costs one DynamoDB read per minute per environment instead of one per request, and no read
 * capacity is taken from the real storefronts. Bounded: the oldest ids go first, so a flood of random ids cannot grow the heap. A
 * storefront (or carrier account) created after a miss is served within {@link #TTL}, when its miss expires.
 */
final class RecentMisses {

    static final int CAPACITY = 10_000;
    static final Duration TTL = Duration.ofSeconds(60);

    private final Map<String, Instant> misses = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    /** True when the id was found unknown less than {@link #TTL} ago. */
    synchronized boolean recentlyUnknown(String id, Instant now) {
        Instant until = misses.get(id);
        if (until == null) {
            return false;
        }
        if (!now.isBefore(until)) {
            misses.remove(id);
            return false;
        }
        return true;
    }

    synchronized void remember(String id, Instant now) {
        misses.remove(id); // re-inserted last: the freshest miss is evicted last
        misses.put(id, now.plus(TTL));
    }

    synchronized int size() {
        return misses.size();
    }
}
