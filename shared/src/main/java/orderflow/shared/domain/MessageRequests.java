package orderflow.shared.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The storefront's buyer-message webhook body and the seller's reply body, every bad field named. */
public final class MessageRequests {

    private MessageRequests() {
    }

    /** {externalOrderId, messageId, body, sentAt?}: messageId makes a redelivery a no-op. */
    public record Incoming(String externalOrderId, String messageId, String body, Instant sentAt) {
    }

    public static Incoming incoming(Map<String, Object> json, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String external = text(json, "externalOrderId", 100, errors);
        String messageId = text(json, "messageId", 100, errors);
        String body = body(json, errors);
        Instant sentAt = now;
        if (json.get("sentAt") != null) {
            try {
                sentAt = Instant.parse(String.valueOf(json.get("sentAt")));
                if (sentAt.isAfter(now.plusSeconds(3600))) {
                    errors.add(new FieldError("sentAt", "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("sentAt", "must be an RFC 3339 time such as 2026-11-27T15:04:05Z"));
            }
        }
        check(errors);
        // A storefront clock slightly ahead must not make a wait negative.
        return new Incoming(external, messageId, body, sentAt.isAfter(now) ? now : sentAt);
    }

    /** {body}: the seller's answer. */
    public static String reply(Map<String, Object> json) {
        List<FieldError> errors = new ArrayList<>();
        String body = body(json, errors);
        check(errors);
        return body;
    }

    private static String body(Map<String, Object> json, List<FieldError> errors) {
        Object v = json.get("body");
        if (!(v instanceof String s) || s.isBlank() || s.length() > BuyerMessage.MAX_BODY) {
            errors.add(new FieldError("body", "must be 1 to " + BuyerMessage.MAX_BODY + " characters of text"));
            return null;
        }
        return s.strip();
    }

    private static String text(Map<String, Object> json, String name, int max, List<FieldError> errors) {
        Object v = json.get(name);
        if (!(v instanceof String s) || s.isBlank() || s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(name, v == null ? "is required" : "must be 1 to " + max + " characters"));
            return null;
        }
        return s.strip();
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + ".", errors);
        }
    }
}
