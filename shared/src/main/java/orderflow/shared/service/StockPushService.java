package orderflow.shared.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.ports.StockPushes;

/**
 * Pushes each marked SKU's available units to the seller's storefronts whose link has pushStock
 * "true". Coalesced: a SKU changed a thousand times since the last run is one number in one batch
 * call. A SKU is pushed once its first unpushed change is {@link #SETTLE} old, so a burst settles
 * first. The mark is cleared only if available still equals what was pushed (a later change keeps
 * it for the next run). A platform's Retry (throttled, 5xx) keeps the mark; a Refused is recorded
 * for the seller and clears it (tried again at the SKU's next change).
 */
public final class StockPushService {

    /** How old a SKU's first unpushed change must be before it is pushed. */
    public static final Duration SETTLE = Duration.ofSeconds(20);
    /** Marked SKUs read per run; the rest wait for the next (one a minute). */
    static final int MAX_PER_RUN = 2_000;

    public record Report(int due, int sellers, int pushed, int refused, int retried, int cleared, boolean complete) {
    }

    private final StockPushes pushes;
    private final StockChannel channel;
    private final Clock clock;

    public StockPushService(StockPushes pushes, StockChannel channel, Clock clock) {
        this.pushes = Objects.requireNonNull(pushes);
        this.channel = Objects.requireNonNull(channel);
        this.clock = Objects.requireNonNull(clock);
    }

    public Report run(JobDeadline deadline) {
        Instant now = clock.instant();
        List<StockPushes.Due> due = pushes.due(now.minus(SETTLE), MAX_PER_RUN);
        Map<String, List<String>> bySeller = new LinkedHashMap<>();
        due.forEach(d -> bySeller.computeIfAbsent(d.sellerId(), s -> new ArrayList<>()).add(d.sku()));
        Pacer pacer = new Pacer(deadline);
        int[] counts = new int[4]; // pushed, refused, retried, cleared
        boolean complete = true;
        for (Map.Entry<String, List<String>> seller : bySeller.entrySet()) {
            if (!pacer.startPage()) {
                complete = false;
                break;
            }
            pushSeller(seller.getKey(), seller.getValue(), now, counts);
            pacer.done();
        }
        return new Report(due.size(), bySeller.size(), counts[0], counts[1], counts[2], counts[3], complete);
    }

    private void pushSeller(String sellerId, List<String> skus, Instant now, int[] counts) {
        Map<String, Long> available = pushes.available(sellerId, skus);
        List<StockLevel> levels = new ArrayList<>();
        skus.stream().distinct().filter(available::containsKey)
                .forEach(sku -> levels.add(new StockLevel(sku, available.get(sku))));
        Set<String> keepMarked = new HashSet<>();
        for (ChannelLink link : stockLinks(sellerId)) {
            Map<String, PushResult> results = levels.isEmpty() ? Map.of() : channel.setAvailable(link, levels);
            for (StockLevel level : levels) {
                PushResult result = results.get(level.sku());
                if (result == null || result instanceof PushResult.Retry) {
                    keepMarked.add(level.sku());
                    counts[2]++;
                    continue;
                }
                counts[result instanceof PushResult.Done ? 0 : 1]++;
                pushes.record(sellerId, link.storefrontId(), level.sku(), level.available(), result, now);
            }
        }
        for (StockLevel level : levels) {
            if (!keepMarked.contains(level.sku()) && pushes.clear(sellerId, level.sku(), level.available())) {
                counts[3]++;
            }
        }
    }

    /** The seller's links that opted in to stock pushes, in storefront order. */
    private List<ChannelLink> stockLinks(String sellerId) {
        List<ChannelLink> links = new ArrayList<>();
        for (String storefrontId : pushes.linkedStorefronts(sellerId).stream().sorted().toList()) {
            Optional<ChannelLink> link = pushes.link(storefrontId);
            if (link.isPresent() && "true".equalsIgnoreCase(String.valueOf(link.get().setting("pushStock")).strip())) {
                links.add(link.get());
            }
        }
        return links;
    }
}
