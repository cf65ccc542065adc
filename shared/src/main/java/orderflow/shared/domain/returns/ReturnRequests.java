package orderflow.shared.domain.returns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a return request, {@code {lines: [{sku, quantity, reason}]}}, validated with every bad
 * field named: 1 to 98 lines, each SKU once, quantity a whole number from 1 to 10000, reason one of
 * {@link ReturnReason}. Whether the order allows the return is {@link ReturnRules#check}'s business.
 */
public final class ReturnRequests {

    private ReturnRequests() {
    }

    public static ReturnRequest parse(Map<String, Object> body) {
        return parse(body, null).request();
    }

    /**
     * The seller's request with its optional request id ({@code requestId} in the body or the
     * {@code Idempotency-Key} header, the same value if both): a retry with the same id answers the
     * RMA made the first time and emails nothing.
     */
    public static SellerReturn parse(Map<String, Object> body, String idempotencyKey) {
        Fields in = new Fields();
        ReturnRequest request = lines(in, body);
        String requestId = in.text(body, "requestId", "requestId", 100, false);
        String header = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (requestId != null && header != null && !requestId.equals(header)) {
            in.error("requestId", "differs from the Idempotency-Key header; give one id, or the same in both");
        }
        String id = requestId != null ? requestId : header;
        if (id != null && !in.hasErrorAt("requestId") && !GoodwillRequests.REQUEST_ID.matcher(id).matches()) {
            in.error("requestId", "must be 1-100 letters, digits and . _ : - starting with a letter or digit");
        }
        in.check("return request");
        return new SellerReturn(id, request);
    }

    /** A seller's return request; requestId null when the client sent none. */
    public record SellerReturn(String requestId, ReturnRequest request) {
    }

    /**
     * A buyer's return request from the storefront, {@code {returnId, externalOrderId, lines}}: the
     * storefront's own ids for the return (its redeliveries are recognised by it) and the order.
     */
    public static StorefrontReturn parseFromStorefront(Map<String, Object> body) {
        Fields in = new Fields();
        String returnId = in.text(body, "returnId", "returnId", 100, true);
        String externalOrderId = in.text(body, "externalOrderId", "externalOrderId", 100, true);
        ReturnRequest request = lines(in, body);
        in.check("return request");
        return new StorefrontReturn(returnId, externalOrderId, request);
    }

    public record StorefrontReturn(String returnId, String externalOrderId, ReturnRequest request) {
    }

    private static ReturnRequest lines(Fields in, Map<String, Object> body) {
        List<ReturnLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Map<String, Object>> raw = in.objects(body, "lines", Fields.MAX_LINES, "{sku, quantity, reason}");
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> line = raw.get(i);
            if (line == null) {
                continue;
            }
            String path = "lines[" + i + "]";
            String sku = in.sku(line, "sku", path + ".sku");
            Long quantity = in.whole(line, "quantity", path + ".quantity", 1, Fields.MAX_QUANTITY, true);
            ReturnReason reason = in.oneOf(line, "reason", path + ".reason", ReturnReason.class, true);
            if (sku != null && !seen.add(sku)) {
                in.error(path + ".sku", "appears twice; give each SKU once");
            } else if (sku != null && quantity != null && reason != null) {
                lines.add(new ReturnLine(sku, quantity.intValue(), reason));
            }
        }
        return new ReturnRequest(lines);
    }
}
