package orderflow.shared.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.search.SearchTerm;
import orderflow.shared.domain.search.SearchTerms;
import orderflow.shared.ports.OrderSearch;

/** The entries SearchTable would hold for the fake's orders, ordered as its sort key orders them. */
final class SearchFake implements OrderSearch {

    private final InMemory.OrdersFake orders;

    SearchFake(InMemory.OrdersFake orders) {
        this.orders = orders;
    }

    private record Entry(String sk, String orderId) {
    }

    @Override
    public Matches find(String sellerId, SearchTerm term, Instant createdFrom, Instant createdTo,
                        Map<String, String> after, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (Order o : orders.orders.values()) {
            for (SearchTerm t : SearchTerms.of(o)) {
                boolean match = term.kind().matchesByPrefix() ? t.value().startsWith(term.value())
                        : t.value().equals(term.value());
                if (o.sellerId().equals(sellerId) && t.kind() == term.kind() && match
                        && (createdFrom == null || !o.createdAt().isBefore(createdFrom))
                        && (createdTo == null || !o.createdAt().isAfter(createdTo))) {
                    entries.add(new Entry(t.value() + "|" + o.createdAt() + "|" + o.orderId(), o.orderId()));
                }
            }
        }
        Comparator<Entry> bySk = Comparator.comparing(Entry::sk);
        entries.sort(term.kind().matchesByPrefix() ? bySk : bySk.reversed());
        String from = after == null ? null : after.get("sk");
        List<Entry> rest = from == null ? entries : entries.subList(entries.indexOf(entries.stream()
                .filter(e -> e.sk().equals(from)).findFirst().orElseThrow()) + 1, entries.size());
        List<Entry> page = rest.subList(0, Math.min(limit, rest.size()));
        Map<String, String> next = rest.size() > limit
                ? Map.of("pk", sellerId + "#" + term.kind().code(), "sk", page.get(page.size() - 1).sk()) : null;
        return new Matches(page.stream().map(Entry::orderId).toList(), next);
    }

    @Override
    public List<Order> orders(List<String> orderIds) {
        return orderIds.stream().map(orders.orders::get).filter(o -> o != null).toList();
    }
}
