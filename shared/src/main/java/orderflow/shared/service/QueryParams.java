package orderflow.shared.service;

import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;

/** Query-string parameters every listing shares: the page size, and one error for all bad ones. */
final class QueryParams {

    private QueryParams() {
    }

    /** ?limit=: a whole number from 1 to max; absent means the default. Bad values are added to errors. */
    static int limit(Map<String, String> query, int defaultPage, int maxPage, List<FieldError> errors) {
        String value = query.get("limit");
        if (value == null) {
            return defaultPage;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > maxPage) {
                errors.add(new FieldError("limit", "must be between 1 and " + maxPage));
            }
            return limit;
        } catch (NumberFormatException e) {
            errors.add(new FieldError("limit", "must be a whole number"));
            return defaultPage;
        }
    }

    /** Throws one InvalidInput naming every bad parameter, if any. */
    static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The query has " + errors.size() + " invalid parameter"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }
}
