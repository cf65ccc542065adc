package orderflow.shared.domain;

/** One offending input field, named by its JSON path (for example {@code lines[1].quantity}). */
public record FieldError(String field, String message) {
}
