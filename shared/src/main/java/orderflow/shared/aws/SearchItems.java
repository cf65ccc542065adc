package orderflow.shared.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.search.SearchKind;
import orderflow.shared.domain.search.SearchTerm;
import orderflow.shared.domain.search.SearchTerms;
import orderflow.shared.domain.search.SearchText;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * SearchTable items: pk "{sellerId}#{kind}", sk "{value}|{createdAt fixed width}|{orderId}". One Query
 * answers an exact value (begins_with "value|", newest first, or BETWEEN for a purchase window) or a
 * prefix (begins_with "value"); the seller is in every key, so no read can reach another's orders.
 */
final class SearchItems {

    private SearchItems() {
    }

    static String pk(String sellerId, SearchKind kind) {
        return sellerId + "#" + kind.code();
    }

    static String sk(String value, Instant createdAt, String orderId) {
        return value + SearchText.SEPARATOR + OrderItems.sortableTime(createdAt) + SearchText.SEPARATOR + orderId;
    }

    static Map<String, AttributeValue> key(Order order, SearchTerm term) {
        return Map.of("pk", Attr.s(pk(order.sellerId(), term.kind())),
                "sk", Attr.s(sk(term.value(), order.createdAt(), order.orderId())));
    }

    /** Only the order id besides the key: an entry is ~100 bytes, under one write unit. */
    static Map<String, AttributeValue> item(Order order, SearchTerm term) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(order, term));
        item.put("orderId", Attr.s(order.orderId()));
        return item;
    }

    /** A new order's entries (idempotent puts: a retried create writes the same items). */
    static List<TransactWriteItem> puts(String table, Order order) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (SearchTerm t : SearchTerms.of(order)) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(order, t))).build());
        }
        return writes;
    }

    /** Only what the change adds and removes: most changes (acknowledge, cancel) write no entry at all. */
    static List<TransactWriteItem> changes(String table, Order before, Order after) {
        SearchTerms.Difference d = SearchTerms.difference(before, after);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (SearchTerm t : d.removed()) {
            writes.add(TransactWriteItem.builder().delete(x -> x.tableName(table).key(key(before, t))).build());
        }
        for (SearchTerm t : d.added()) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item(after, t))).build());
        }
        return writes;
    }
}
