package orderflow.shared.email;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer email as queued: self-contained (the sender reads no tables to render it).
 * {@code eventId} is the de-duplication key: one event, at most one email.
 */
public record EmailMessage(String eventId, String template, String toAddress, String toName,
                           String storeName, String replyTo, String supportContact,
                           Map<String, Object> data, String orderId) {

    public EmailMessage {
        data = Map.copyOf(data);
    }

    /** An email about no order (a seller notification). */
    public EmailMessage(String eventId, String template, String toAddress, String toName, String storeName,
                        String replyTo, String supportContact, Map<String, Object> data) {
        this(eventId, template, toAddress, toName, storeName, replyTo, supportContact, data, null);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", eventId);
        json.put("template", template);
        json.put("toAddress", toAddress);
        json.put("toName", toName);
        json.put("storeName", storeName);
        json.put("replyTo", replyTo);
        json.put("supportContact", supportContact);
        json.put("data", data);
        if (orderId != null) {
            json.put("orderId", orderId); // a permanent rejection is recorded on this order
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    public static EmailMessage fromJson(Map<String, Object> json) {
        Object data = json.get("data");
        if (!(json.get("eventId") instanceof String) || !(json.get("template") instanceof String)
                || !(json.get("toAddress") instanceof String) || !(data instanceof Map)) {
            throw new IllegalArgumentException("email message lacks eventId, template, toAddress or data");
        }
        return new EmailMessage((String) json.get("eventId"), (String) json.get("template"),
                (String) json.get("toAddress"), (String) json.get("toName"), (String) json.get("storeName"),
                (String) json.get("replyTo"), (String) json.get("supportContact"), (Map<String, Object>) data,
                json.get("orderId") instanceof String id ? id : null);
    }
}
