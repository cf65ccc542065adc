package orderflow.shared.ports;

import java.util.Map;

/** POSTs a signed refund notice to a storefront's refund URL. */
public interface RefundWebhook {

    /** The HTTP status the endpoint answered; throws {@link java.io.UncheckedIOException} when none came. */
    int post(String url, byte[] body, Map<String, String> headers);
}
