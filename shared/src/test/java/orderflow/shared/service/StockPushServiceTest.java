package orderflow.shared.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import orderflow.shared.ports.StockChannel;
import orderflow.shared.ports.StockPushes;
import org.junit.jupiter.api.Test;

class StockPushServiceTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    /** In-memory outbox: available per SKU, marks with their first change, links, recorded outcomes. */
    private static final class Outbox implements StockPushes {
        final Map<String, Long> available = new HashMap<>();
        final Map<String, Instant> marks = new LinkedHashMap<>();
        final Map<String, ChannelLink> links = new LinkedHashMap<>();
        final Map<String, String> recorded = new LinkedHashMap<>();

        void change(String sku, long units, Instant at) {
            available.put(sku, units);
            marks.putIfAbsent(sku, at);
        }

        @Override
        public List<Due> due(Instant settledBy, int limit) {
            return marks.entrySet().stream().filter(e -> !e.getValue().isAfter(settledBy))
                    .map(e -> new Due("s1", e.getKey())).limit(limit).toList();
        }

        @Override
        public Map<String, Long> available(String sellerId, Collection<String> skus) {
            Map<String, Long> out = new HashMap<>();
            skus.forEach(s -> out.put(s, available.get(s)));
            return out;
        }

        @Override
        public boolean clear(String sellerId, String sku, long pushed) {
            return available.get(sku) == pushed && marks.remove(sku) != null;
        }

        @Override
        public Set<String> linkedStorefronts(String sellerId) {
            return links.keySet();
        }

        @Override
        public Optional<ChannelLink> link(String storefrontId) {
            return Optional.ofNullable(links.get(storefrontId));
        }

        @Override
        public void record(String sellerId, String storefrontId, String sku, long pushed, PushResult result, Instant at) {
            recorded.put(storefrontId + "/" + sku, (result instanceof PushResult.Done ? "DONE " : "FAILED ") + pushed);
        }
    }

    /** A platform that records each call's levels and answers what it is told per SKU (Done otherwise). */
    private static final class Platform implements StockChannel {
        final List<List<StockLevel>> calls = new ArrayList<>();
        final Map<String, PushResult> answers = new HashMap<>();

        @Override
        public Map<String, PushResult> setAvailable(ChannelLink link, List<StockLevel> levels) {
            calls.add(List.copyOf(levels));
            Map<String, PushResult> out = new LinkedHashMap<>();
            levels.forEach(l -> out.put(l.sku(), answers.getOrDefault(l.sku(), new PushResult.Done("ok"))));
            return out;
        }
    }

    private final Outbox outbox = new Outbox();
    private final Platform platform = new Platform();

    private static ChannelLink link(String storefront, String pushStock) {
        return new ChannelLink(storefront, ChannelLink.WOOCOMMERCE, "https://shop.example",
                pushStock == null ? Map.of() : Map.of("pushStock", pushStock), Map.of());
    }

    private StockPushService.Report runAt(Instant now) {
        return new StockPushService(outbox, platform, Clock.fixed(now, ZoneOffset.UTC)).run(JobDeadline.none());
    }

    @Test
    void a_thousand_changes_to_one_sku_are_one_push_of_the_last_number() {
        outbox.links.put("sf1", link("sf1", "true"));
        for (int i = 0; i < 1000; i++) {
            outbox.change("MUG", 500 - i % 7, T0.plusMillis(i));
        }
        outbox.change("MUG", 42, T0.plusSeconds(1));
        StockPushService.Report r = runAt(T0.plusSeconds(30));
        assertEquals(List.of(List.of(new StockLevel("MUG", 42))), platform.calls);
        assertEquals(1, r.cleared());
        assertEquals("DONE 42", outbox.recorded.get("sf1/MUG"));
        runAt(T0.plusSeconds(90));
        assertEquals(1, platform.calls.size(), "nothing changed: no call");
    }

    @Test
    void a_burst_still_going_on_waits_until_it_settles() {
        outbox.links.put("sf1", link("sf1", "true"));
        outbox.change("MUG", 3, T0);
        runAt(T0.plusSeconds(10));
        assertEquals(List.of(), platform.calls);
        runAt(T0.plusSeconds(21));
        assertEquals(1, platform.calls.size());
    }

    @Test
    void a_throttled_platform_keeps_the_mark_and_the_next_run_sends_the_newer_number() {
        outbox.links.put("sf1", link("sf1", "true"));
        outbox.change("MUG", 5, T0);
        platform.answers.put("MUG", new PushResult.Retry("THROTTLED"));
        StockPushService.Report r = runAt(T0.plusSeconds(30));
        assertEquals(1, r.retried());
        assertTrue(outbox.marks.containsKey("MUG"));
        assertEquals(Map.of(), outbox.recorded, "a retry is not an outcome");
        platform.answers.clear();
        outbox.change("MUG", 4, T0.plusSeconds(40));
        runAt(T0.plusSeconds(90));
        assertEquals(List.of(new StockLevel("MUG", 4)), platform.calls.get(1));
        assertTrue(outbox.marks.isEmpty());
    }

    @Test
    void a_change_after_the_read_keeps_the_mark() {
        outbox.links.put("sf1", link("sf1", "true"));
        outbox.change("MUG", 5, T0);
        StockChannel racing = (l, levels) -> {
            outbox.available.put("MUG", 2L); // an order reserved while the push was on its way
            return platform.setAvailable(l, levels);
        };
        new StockPushService(outbox, racing, Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC)).run(JobDeadline.none());
        assertTrue(outbox.marks.containsKey("MUG"), "the newer number is pushed next run");
        runAt(T0.plusSeconds(90));
        assertEquals(List.of(new StockLevel("MUG", 2)), platform.calls.get(1));
    }

    @Test
    void a_refused_sku_is_recorded_for_the_seller_and_cleared() {
        outbox.links.put("sf1", link("sf1", "true"));
        outbox.change("GHOST", 5, T0);
        platform.answers.put("GHOST", new PushResult.Refused("no product with SKU GHOST"));
        StockPushService.Report r = runAt(T0.plusSeconds(30));
        assertEquals(1, r.refused());
        assertEquals("FAILED 5", outbox.recorded.get("sf1/GHOST"));
        assertTrue(outbox.marks.isEmpty(), "tried again at the SKU's next change");
    }

    @Test
    void only_links_that_opted_in_get_stock_and_a_seller_without_them_is_just_cleared() {
        outbox.links.put("sf1", link("sf1", null));
        outbox.links.put("sf2", link("sf2", "false"));
        outbox.change("MUG", 5, T0);
        runAt(T0.plusSeconds(30));
        assertEquals(List.of(), platform.calls);
        assertTrue(outbox.marks.isEmpty());
    }
}
