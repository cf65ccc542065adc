package orderflow.local;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;

/**
 * The demo storefront's refund endpoint (/_local/refunds): what a storefront's payment side would
 * receive. A POST is checked against the demo storefront's secret as a storefront should, kept,
 * and acknowledged (200); a GET lists what arrived, newest last, with whether each signature held.
 */
final class DemoRefundReceiver implements HttpGateway.LocalEndpoint {

    private final List<String> secrets;
    private final List<Map<String, Object>> received = new ArrayList<>();

    DemoRefundReceiver(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public byte[] handle(String subPath) {
        synchronized (received) {
            return Json.write(Map.of("refunds", new ArrayList<>(received))).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public byte[] handle(String subPath, String method, Map<String, String> headers, byte[] body) {
        if (!"POST".equals(method)) {
            return handle(subPath);
        }
        boolean valid;
        try {
            WebhookSignature.verify(headers.get(WebhookSignature.HEADER), body, secrets, Instant.now());
            valid = true;
        } catch (RuntimeException e) {
            valid = false;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("receivedAt", Instant.now().toString());
        entry.put("signatureValid", valid);
        entry.put("idempotencyKey", headers.get("idempotency-key"));
        entry.put("notice", Json.parseObject(new String(body, StandardCharsets.UTF_8)));
        synchronized (received) {
            received.add(entry);
        }
        return "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
    }
}
