package orderflow.shared.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import orderflow.shared.ports.RefundWebhook;

/**
 * POSTs refund notices through {@link GuardedHttp}: the URL is checked again at every send (https,
 * public addresses after resolution, whatever the admin check accepted when it was set), no
 * redirects followed (a refund notice must reach the URL the operator configured, not wherever it
 * points), and one deadline for the whole exchange: a slow endpoint is retried later rather than
 * holding the function.
 */
public final class HttpRefundWebhook implements RefundWebhook {

    /** Connect, send and the whole answer within 11 s: one notice per invocation fits the 15 s function timeout. */
    private static final Duration DEADLINE = Duration.ofSeconds(11);
    /** Only the status matters; an endpoint answering more than this is misbehaving. */
    private static final long MAX_ANSWER = 64 * 1024;

    private final GuardedHttp http;

    public HttpRefundWebhook(OutboundRules rules) {
        this(new GuardedHttp(rules, DEADLINE, MAX_ANSWER));
    }

    public HttpRefundWebhook(GuardedHttp http) {
        this.http = http;
    }

    @Override
    public int post(String url, byte[] body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the refund URL is not a URL");
        }
        try {
            return http.exchange("POST", uri, headers, body).status();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
