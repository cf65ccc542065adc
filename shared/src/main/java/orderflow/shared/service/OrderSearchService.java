package orderflow.shared.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderFilter;
import orderflow.shared.domain.search.SearchKind;
import orderflow.shared.domain.search.SearchQuery;
import orderflow.shared.domain.search.SearchTerm;
import orderflow.shared.domain.search.SearchTerms;
import orderflow.shared.domain.search.SearchText;
import orderflow.shared.ports.OrderSearch;

/**
 * GET /v1/orders?q=: the query's kinds one after another, each a Query of the seller's entries, the
 * orders fetched by id and then held to the listing's other filters. A page reads a bounded number
 * of entry pages, so a search that matches much but passes few filters returns a short page with a
 * cursor instead of reading on.
 */
final class OrderSearchService {

    /** Entry pages read per request at most: the cap on what one search can cost (5 x limit entries). */
    static final int MAX_READS = 5;

    private final OrderSearch search;

    OrderSearchService(OrderSearch search) {
        this.search = search;
    }

    /** The cursor's position, checked against the seller and the query (null with an error when foreign). */
    static SearchCursor.Position position(String cursor, String sellerId, SearchQuery query, List<FieldError> errors) {
        return SearchCursor.decode(cursor, (kind, key) -> {
            SearchTerm term = query.termFor(kind);
            if (!query.kinds().contains(kind) || term == null) {
                return false;
            }
            String start = kind.matchesByPrefix() ? term.value() : term.value() + SearchText.SEPARATOR;
            return key == null || key.get("pk").equals(sellerId + "#" + kind.code()) && key.get("sk").startsWith(start);
        }, errors);
    }

    OrderQueryService.Listing search(String sellerId, SearchQuery query, OrderFilter filter,
                                     SearchCursor.Position from, int limit) {
        List<Order> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<SearchKind> kinds = query.kinds();
        int first = from == null ? 0 : kinds.indexOf(from.kind());
        int reads = 0;
        for (int k = first; k < kinds.size(); k++) {
            SearchKind kind = kinds.get(k);
            SearchTerm term = query.termFor(kind);
            Map<String, String> at = from != null && from.kind() == kind ? from.key() : null;
            if (term == null) {
                continue;
            }
            do {
                if (reads == MAX_READS || found.size() == limit) {
                    return new OrderQueryService.Listing(found, SearchCursor.encode(new SearchCursor.Position(kind, at)));
                }
                OrderSearch.Matches matches = search.find(sellerId, term, filter.createdFrom(), filter.createdTo(), at,
                        limit - found.size());
                reads++;
                for (Order o : search.orders(matches.orderIds())) {
                    if (o.sellerId().equals(sellerId) && filter.matches(o) && seen.add(o.orderId())
                            && (kind != SearchKind.NAME || SearchTerms.nameMatches(o, query.nameWords()))) {
                        found.add(o);
                    }
                }
                at = matches.next();
            } while (at != null);
        }
        return new OrderQueryService.Listing(found, null);
    }
}
