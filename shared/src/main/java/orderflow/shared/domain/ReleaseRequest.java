package orderflow.shared.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * POST /v1/orders/{orderId}/release: {"skus": [{"line": 1, "sku": "MUG-BLUE", "remember": true}],
 * "acceptTotals": true}. skus maps order lines (by index in the order's lines) to the seller's
 * SKUs; remember (default true) keeps the mapping for the storefront's later orders; acceptTotals
 * accepts a total that did not add up (the platform's figure is the one kept).
 */
public record ReleaseRequest(List<Mapping> skus, boolean acceptTotals) {

    public record Mapping(int line, String sku, boolean remember) {
    }

    public static ReleaseRequest parse(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        List<Mapping> skus = new ArrayList<>();
        Object raw = body == null ? null : body.get("skus");
        if (raw != null && !(raw instanceof List<?>)) {
            errors.add(new FieldError("skus", "must be an array of {line, sku}"));
        } else if (raw instanceof List<?> list) {
            if (list.size() > GenericOrderPayload.MAX_LINES) {
                errors.add(new FieldError("skus", "must have at most " + GenericOrderPayload.MAX_LINES + " mappings"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String path = "skus[" + i + "]";
                    if (!(list.get(i) instanceof Map<?, ?> m)) {
                        errors.add(new FieldError(path, "must be an object {line, sku}"));
                        continue;
                    }
                    Object line = m.get("line");
                    Object sku = m.get("sku");
                    Object remember = m.get("remember");
                    boolean ok = true;
                    if (!(line instanceof Integer n) || n < 0 || n >= GenericOrderPayload.MAX_LINES) {
                        errors.add(new FieldError(path + ".line", "must be the index of an order line (0 for the first)"));
                        ok = false;
                    }
                    if (!(sku instanceof String s) || !Skus.isValid(s)) {
                        errors.add(new FieldError(path + ".sku", "must be a SKU: it " + Skus.RULE));
                        ok = false;
                    }
                    if (remember != null && !(remember instanceof Boolean)) {
                        errors.add(new FieldError(path + ".remember", "must be true or false"));
                        ok = false;
                    }
                    if (ok) {
                        skus.add(new Mapping((Integer) line, (String) sku, !Boolean.FALSE.equals(remember)));
                    }
                }
            }
        }
        Object accept = body == null ? null : body.get("acceptTotals");
        if (accept != null && !(accept instanceof Boolean)) {
            errors.add(new FieldError("acceptTotals", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The release request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
        return new ReleaseRequest(List.copyOf(skus), Boolean.TRUE.equals(accept));
    }
}
