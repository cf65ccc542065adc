package orderflow.shared.service;

import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Storefront;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Accounts;
import orderflow.shared.security.PlatformSignature;
import orderflow.shared.security.WebhookSignature;

/**
 * What every signed storefront webhook goes through before its body is read: the id's format, the
 * body's size, then (unless the id was recently unknown) one read of the storefront, then its signature.
 */
final class StorefrontRequests {

    /** Far above any real order (100 lines) or message, far below API Gateway's 10 MB. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    static final String SHOPIFY_SIGNATURE = "x-shopify-hmac-sha256";
    static final String WOO_SIGNATURE = "x-wc-webhook-signature";
    /** Storefront types that deliver signed webhooks (amazon storefronts deliver through the notification queue). */
    private static final Set<String> DELIVERING_TYPES = Set.of("shopify", "woocommerce", "generic");

    private StorefrontRequests() {
    }

    /**
     * The storefront, once the signature over the raw body matches one of its secrets, checked the
     * way its platform signs: our t=,v1= header (generic), X-Shopify-Hmac-Sha256 or X-WC-Webhook-Signature.
     */
    static Storefront verify(Accounts accounts, RecentMisses misses, String storefrontId,
                             UnaryOperator<String> headers, byte[] body, Instant now) {
        // An unknown storefront is answered like a bad signature, so ids cannot be probed.
        Failure.Unauthenticated unknown = new Failure.Unauthenticated(
                "The signature does not match a secret of this storefront.");
        if (storefrontId == null || !storefrontId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw unknown;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new Failure.TooLarge("The body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + ".");
        }
        // Checked before any read: a flood of made-up ids costs no DynamoDB read after the first.
        if (misses.recentlyUnknown(storefrontId, now)) {
            throw unknown;
        }
        Storefront storefront = accounts.storefront(storefrontId).orElse(null);
        if (storefront == null || !DELIVERING_TYPES.contains(storefront.type())) {
            misses.remember(storefrontId, now);
            throw unknown;
        }
        switch (storefront.type()) {
            case "shopify" -> PlatformSignature.verify(headers.apply(SHOPIFY_SIGNATURE), body, storefront.secrets());
            case "woocommerce" -> PlatformSignature.verify(headers.apply(WOO_SIGNATURE), body, storefront.secrets());
            case "generic" -> WebhookSignature.verify(headers.apply(WebhookSignature.HEADER), body, storefront.secrets(), now);
            default -> throw unknown; // amazon storefronts deliver through the notification queue
        }
        return storefront;
    }

    static String utf8(byte[] body) {
        return Json.utf8Request(body);
    }
}
