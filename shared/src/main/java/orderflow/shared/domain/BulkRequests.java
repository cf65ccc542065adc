package orderflow.shared.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The envelope of POST /v1/orders/bulk-actions, validated as a whole before any order is touched:
 * every bad field named, nothing written.
 */
public final class BulkRequests {

    /** One request stays within one Lambda invocation (and API Gateway's 30 s) at a cancel's cost per order. */
    public static final int MAX_ORDERS = 100;

    public enum Action { ACKNOWLEDGE, CANCEL }

    private static final Map<String, Action> ACTIONS = Map.of("acknowledge", Action.ACKNOWLEDGE, "cancel", Action.CANCEL);

    /** cancel: the reason and note shared by every order (null for an acknowledgement). */
    public record BulkRequest(Action action, List<String> orderIds, ActionRequests.Cancel cancel) {

        /**
         * What a repeated Idempotency-Key must repeat: the same key with another request is refused,
         * never answered with the first request's outcomes.
         */
        public String fingerprint() {
            return action + "|" + (cancel == null ? "" : cancel.reason() + "|" + cancel.note()) + "|"
                    + String.join(",", orderIds);
        }
    }

    private BulkRequests() {
    }

    public static BulkRequest parse(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        Action action = action(body.get("action"), errors);
        List<String> ids = orderIds(body.get("orderIds"), errors);
        ActionRequests.Cancel cancel = null;
        if (action == Action.CANCEL) {
            try {
                cancel = ActionRequests.cancel(body);
            } catch (Failure.InvalidInput e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + "; no order was changed.", errors);
        }
        return new BulkRequest(action, ids, cancel);
    }

    /** The Idempotency-Key header: optional; when given, printable and at most 255 characters. */
    public static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String key = header.strip();
        if (key.length() > 255 || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new Failure.InvalidInput("The Idempotency-Key header is not usable; no order was changed.",
                    List.of(new FieldError("Idempotency-Key", "must be 1 to 255 printable ASCII characters")));
        }
        return key;
    }

    private static Action action(Object v, List<FieldError> errors) {
        if (v instanceof String s && ACTIONS.containsKey(s)) {
            return ACTIONS.get(s);
        }
        errors.add(new FieldError("action", (v == null ? "is required: " : "must be ") + "one of "
                + new TreeSet<>(ACTIONS.keySet())));
        return null;
    }

    private static List<String> orderIds(Object v, List<FieldError> errors) {
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ORDERS) {
            errors.add(new FieldError("orderIds", "must be an array of 1 to " + MAX_ORDERS + " order ids"));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "orderIds[" + i + "]";
            // Only ids that cannot be ours are refused here; a well-formed unknown id is that order's 404.
            if (!(list.get(i) instanceof String s) || !OrderIds.looksValid(s)) {
                errors.add(new FieldError(path, "must be an order id (ord_ and 26 lowercase letters or digits)"));
            } else if (!seen.add(s)) {
                errors.add(new FieldError(path, "appears twice; give each order once"));
            } else {
                ids.add(s);
            }
        }
        return ids;
    }
}
