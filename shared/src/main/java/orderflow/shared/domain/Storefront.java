package orderflow.shared.domain;

import java.util.List;

/**
 * Where orders come from. Up to two secrets are active so a secret can be rotated without downtime.
 * refundUrl, when set, receives each refund as a signed webhook so the platform can pay it.
 * shopDomain (Shopify, e.g. acme.myshopify.com), when set, must be the X-Shopify-Shop-Domain of every
 * delivery: one app secret signs for every shop that installed the app.
 */
public record Storefront(String storefrontId, String sellerId, String type, List<String> secrets, String refundUrl,
                         String shopDomain) {

    public Storefront {
        secrets = List.copyOf(secrets);
    }

    public Storefront(String storefrontId, String sellerId, String type, List<String> secrets, String refundUrl) {
        this(storefrontId, sellerId, type, secrets, refundUrl, null);
    }

    public Storefront(String storefrontId, String sellerId, String type, List<String> secrets) {
        this(storefrontId, sellerId, type, secrets, null, null);
    }
}
