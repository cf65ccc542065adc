package orderflow.shared.domain.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.InventoryRequests;

/** The bodies of the label routes, checked whole: every bad field named at once. */
public final class LabelRequests {

    private LabelRequests() {
    }

    /**
     * POST /v1/orders/{orderId}/rates {lines?, weightGrams?, box? {lengthMm, widthMm, heightMm}}: the
     * lines in the box (left out: everything left to ship); weight and box left out are worked out
     * from the SKUs' inventory settings.
     */
    public record RateAsk(Map<String, Integer> lines, Integer weightGrams, ShippingProfile box) {
    }

    /** POST /v1/orders/{orderId}/labels {quoteId, rateId, format?}: one rate of a quote, PDF unless ZPL. */
    public record BuyAsk(String quoteId, String rateId, LabelFormat format) {
    }

    public static RateAsk rates(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> lines = ActionRequests.lines(body, errors);
        ShippingProfile given = InventoryRequests.shipping(body, errors);
        Integer weight = given == null ? null : given.weightGrams();
        ShippingProfile box = body.get("box") instanceof Map<?, ?> && given != null
                ? new ShippingProfile(null, given.lengthMm(), given.widthMm(), given.heightMm()) : null;
        check(errors);
        return new RateAsk(lines, weight, box);
    }

    public static BuyAsk buy(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        String quoteId = id(body, "quoteId", errors);
        String rateId = id(body, "rateId", errors);
        LabelFormat format = LabelFormat.PDF;
        Object f = body.get("format");
        if (f != null) {
            try {
                format = LabelFormat.valueOf(String.valueOf(f).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("format", "must be PDF or ZPL"));
            }
        }
        check(errors);
        return new BuyAsk(quoteId, rateId, format);
    }

    private static String id(Map<String, Object> body, String name, List<FieldError> errors) {
        Object v = body.get(name);
        if (!(v instanceof String s) || s.isBlank() || s.length() > 200 || !s.chars().allMatch(c -> c > 32 && c < 127)) {
            errors.add(new FieldError(name, "is required: the " + (name.equals("quoteId") ? "quote" : "rate")
                    + " id from POST /v1/orders/{orderId}/rates"));
            return null;
        }
        return s;
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }
}
