package orderflow.shared.domain.returns;

import java.util.Map;
import java.util.regex.Pattern;

import orderflow.shared.domain.Money;

/**
 * The body of {@code POST /v1/orders/{orderId}/refunds}: {@code {amount: {amount: "5.00", currency:
 * "USD"}, reason, requestId}}, the request id in the body or the {@code Idempotency-Key} header
 * (the same value if both). Every bad field is named; nothing is rounded.
 */
public final class GoodwillRequests {

    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}");

    private GoodwillRequests() {
    }

    public static GoodwillRequest parse(Map<String, Object> body, String idempotencyKey) {
        Fields in = new Fields();
        Money amount = amount(in, body);
        String reason = in.text(body, "reason", "reason", 500, true);
        String requestId = in.text(body, "requestId", "requestId", 100, false);
        String header = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (requestId != null && header != null && !requestId.equals(header)) {
            in.error("requestId", "differs from the Idempotency-Key header; give one id, or the same in both");
        }
        String id = requestId != null ? requestId : header;
        if (id == null && !in.hasErrorAt("requestId")) {
            in.error("requestId", "is required (or an Idempotency-Key header): a retry with the same id never"
                    + " refunds twice");
        } else if (id != null && !REQUEST_ID.matcher(id).matches()) {
            in.error("requestId", "must be 1-100 letters, digits and . _ : - starting with a letter or digit");
        }
        in.check("refund request");
        return new GoodwillRequest(amount, reason, id);
    }

    private static Money amount(Fields in, Map<String, Object> body) {
        Object raw = body.get("amount");
        if (raw == null) {
            in.error("amount", "is required, e.g. {\"amount\": \"5.00\", \"currency\": \"USD\"}");
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            in.error("amount", "must be an object such as {\"amount\": \"5.00\", \"currency\": \"USD\"}");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        String currency = in.text(m, "currency", "amount.currency", 3, true);
        if (currency != null && !Money.isCurrency(currency)) {
            in.error("amount.currency", "must be an ISO 4217 code such as USD");
            currency = null;
        }
        Object value = m.get("amount");
        if (value == null) {
            in.error("amount.amount", "is required, a decimal string such as \"5.00\"");
            return null;
        }
        if (!(value instanceof String s)) {
            in.error("amount.amount", "must be a decimal string such as \"5.00\"");
            return null;
        }
        if (currency == null) {
            return null;
        }
        try {
            Money money = Money.parse(s, currency);
            if (money.minor() <= 0) {
                in.error("amount.amount", "must be more than 0");
                return null;
            }
            return money;
        } catch (IllegalArgumentException e) {
            in.error("amount.amount", e.getMessage());
            return null;
        }
    }
}
