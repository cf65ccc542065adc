package orderflow.shared.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.documents.PageSize;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

/**
 * The query of a printable document route: {@code format} (the route's own formats, the first
 * the default; "pdf" among them) and {@code pageSize} (A4, LETTER or 4x6; LETTER by default).
 * An unknown value is a 400 naming the field, never a silent fallback that prints the wrong thing.
 */
public record DocumentQuery(String format, PageSize pageSize) {

    public static final String PDF = "pdf";

    public static DocumentQuery of(Map<String, String> query, List<String> formats) {
        String format = query.getOrDefault("format", formats.get(0));
        String size = query.getOrDefault("pageSize", PageSize.LETTER.apiName());
        List<FieldError> errors = new ArrayList<>();
        if (!formats.contains(format)) {
            errors.add(new FieldError("format", "must be one of " + String.join(", ", formats)));
        }
        var pageSize = PageSize.parse(size);
        if (pageSize.isEmpty()) {
            errors.add(new FieldError("pageSize", "must be A4, LETTER or 4x6"));
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The query has " + errors.size() + " invalid parameter"
                    + (errors.size() == 1 ? "." : "s."), errors);
        }
        return new DocumentQuery(format, pageSize.get());
    }

    public boolean pdf() {
        return PDF.equals(format);
    }
}
