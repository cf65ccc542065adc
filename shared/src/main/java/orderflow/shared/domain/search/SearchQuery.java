package orderflow.shared.domain.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import orderflow.shared.domain.FieldError;

/**
 * What GET /v1/orders?q=&field= asks for: the text and the kinds to look it up as, in the order their
 * results come. Without a field, text with an @ is an email; anything else is tried as an order
 * number, a tracking number, a SKU and a name, in that order (the exact kinds first: a scanned label
 * or a pasted order id finds its one order at the top).
 */
public record SearchQuery(String text, List<SearchKind> kinds) {

    public static final int MAX_LENGTH = 200;

    public SearchQuery {
        kinds = List.copyOf(kinds);
    }

    /** The query, or null with the reasons added to errors. */
    public static SearchQuery parse(String q, String field, List<FieldError> errors) {
        SearchKind only = null;
        if (field != null) {
            only = SearchKind.ofCode(field);
            if (only == null) {
                errors.add(new FieldError("field", "must be one of num, name, email, sku, track"));
            }
        }
        if (q == null || q.isBlank()) {
            errors.add(new FieldError("q", "must be some text to search for" + (field != null ? " in " + field : "")));
            return null;
        }
        if (q.length() > MAX_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + MAX_LENGTH + " characters"));
            return null;
        }
        if (field != null && only == null) {
            return null;
        }
        List<SearchKind> kinds = only != null ? List.of(only)
                : q.contains("@") ? List.of(SearchKind.EMAIL)
                : List.of(SearchKind.NUM, SearchKind.TRACK, SearchKind.SKU, SearchKind.NAME);
        SearchQuery query = new SearchQuery(q, kinds);
        if (q.codePoints().noneMatch(Character::isLetterOrDigit) || kinds.stream().allMatch(k -> query.termFor(k) == null)) {
            errors.add(new FieldError("q", "has no letters or digits to search for"));
            return null;
        }
        return query;
    }

    /**
     * The one term looked up for a kind, or null when the text has nothing of that kind. For names,
     * the longest word typed (the fewest entries to read); {@link #nameWords()} narrows the rest.
     */
    public SearchTerm termFor(SearchKind kind) {
        if (kind == SearchKind.NAME) {
            return nameWords().stream().max(Comparator.comparingInt(String::length))
                    .map(w -> new SearchTerm(kind, w)).orElse(null);
        }
        String value = SearchText.normalise(kind, text);
        return value.isEmpty() ? null : new SearchTerm(kind, value);
    }

    public List<String> nameWords() {
        return new ArrayList<>(SearchText.words(text));
    }
}
