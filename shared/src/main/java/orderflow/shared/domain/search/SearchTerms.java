package orderflow.shared.domain.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Shipment;

/**
 * The terms an order can be found by. They are written with the order in the same transaction and
 * rewritten (only the difference) with every change, so they are capped: an order's terms plus its
 * own writes stay under DynamoDB's 100 actions per transaction.
 */
public final class SearchTerms {

    static final int MAX_NAME_WORDS = 8;
    static final int MAX_SKUS = 30;
    static final int MAX_TRACKING = 30;
    /** Every term an order can have: 3 numbers, the email, the name words, SKUs and tracking numbers. */
    public static final int MAX = 3 + 1 + MAX_NAME_WORDS + MAX_SKUS + MAX_TRACKING;

    private static final Pattern DIGITS = Pattern.compile("\\d{3,}");

    private SearchTerms() {
    }

    public static Set<SearchTerm> of(Order order) {
        Set<SearchTerm> terms = new LinkedHashSet<>();
        numbers(order, terms);
        Set<String> words = new LinkedHashSet<>();
        if (order.buyer() != null && order.buyer().name() != null) {
            words.addAll(SearchText.words(order.buyer().name()));
        }
        // The recipient too: Amazon hides the buyer's name from most sellers, and the packer sees the label's name.
        if (order.shipTo() != null && order.shipTo().name() != null) {
            words.addAll(SearchText.words(order.shipTo().name()));
        }
        words.stream().limit(MAX_NAME_WORDS).forEach(w -> terms.add(new SearchTerm(SearchKind.NAME, w)));
        if (order.buyer() != null && order.buyer().email() != null) {
            add(terms, SearchKind.EMAIL, SearchText.email(order.buyer().email()));
        }
        order.lines().stream().map(OrderLine::sku).filter(s -> s != null).map(SearchText::sku)
                .filter(s -> !s.isEmpty()).distinct().limit(MAX_SKUS)
                .forEach(s -> terms.add(new SearchTerm(SearchKind.SKU, s)));
        order.fulfillment().shipments().stream().map(Shipment::trackingNumber).filter(t -> t != null)
                .map(SearchText::tracking).filter(t -> !t.isEmpty()).distinct().limit(MAX_TRACKING)
                .forEach(t -> terms.add(new SearchTerm(SearchKind.TRACK, t)));
        return terms;
    }

    /**
     * The platform's id (Amazon's 123-1234567-1234567, Shopify's and WooCommerce's numeric ids) and the
     * number people use (#1001), and, when a shop puts letters around it (Shopify "#EU1001-X"), its digits.
     */
    private static void numbers(Order order, Set<SearchTerm> terms) {
        if (order.externalOrderId() != null) {
            add(terms, SearchKind.NUM, SearchText.number(order.externalOrderId()));
        }
        String display = order.intake().displayNumber();
        if (display != null) {
            String number = SearchText.number(display);
            add(terms, SearchKind.NUM, number);
            if (number.chars().anyMatch(Character::isLetter)) {
                Matcher digits = DIGITS.matcher(number);
                if (digits.find()) {
                    add(terms, SearchKind.NUM, digits.group());
                }
            }
        }
    }

    private static void add(Set<SearchTerm> terms, SearchKind kind, String value) {
        if (!value.isEmpty()) {
            terms.add(new SearchTerm(kind, value));
        }
    }

    /** What a change must write and delete: the terms after it that were not there before, and the reverse. */
    public record Difference(Set<SearchTerm> added, Set<SearchTerm> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }

        public int size() {
            return added.size() + removed.size();
        }
    }

    /** A changed purchase time moves every key (it is part of each), so all are rewritten then. */
    public static Difference difference(Order before, Order after) {
        if (!before.createdAt().equals(after.createdAt())) {
            return new Difference(of(after), of(before));
        }
        Set<SearchTerm> was = of(before);
        Set<SearchTerm> is = of(after);
        Set<SearchTerm> added = new LinkedHashSet<>(is);
        added.removeAll(was);
        Set<SearchTerm> removed = new LinkedHashSet<>(was);
        removed.removeAll(is);
        return new Difference(added, removed);
    }

    /** Whether an order still matches every word typed (the first word found it; the others narrow it). */
    public static boolean nameMatches(Order order, List<String> typed) {
        Set<String> words = new LinkedHashSet<>();
        of(order).stream().filter(t -> t.kind() == SearchKind.NAME).forEach(t -> words.add(t.value()));
        return typed.stream().allMatch(w -> words.stream().anyMatch(have -> have.startsWith(w)));
    }
}
