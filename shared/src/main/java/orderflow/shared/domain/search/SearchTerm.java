package orderflow.shared.domain.search;

/** One way to find an order: a kind and its normalised value (see {@link SearchText}). */
public record SearchTerm(SearchKind kind, String value) {
}
