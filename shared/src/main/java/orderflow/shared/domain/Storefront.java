package orderflow.shared.domain;

import java.util.List;
import java.util.Map;

/**
 * Where orders come from. Up to two secrets are active so a secret can be rotated without downtime.
 * refundUrl, when set, receives each refund as a signed webhook so the platform can pay it.
 * shopDomain (Shopify, e.g. acme.myshopify.com), when set, must be the X-Shopify-Shop-Domain of every
 * delivery: one app secret signs for every shop that installed the app. skuMappings: the SKUs the
 * seller chose for this storefront's lines it could not stock, read with the storefront (no extra
 * read per delivery).
 */
public record Storefront(String storefrontId, String sellerId, String type, List<String> secrets, String refundUrl,
                         String shopDomain, Map<String, String> skuMappings) {

    public Storefront {
        secrets = List.copyOf(secrets);
        skuMappings = skuMappings == null ? Map.of() : Map.copyOf(skuMappings);
    }

    public Storefront(String storefrontId, String sellerId, String type, List<String> secrets, String refundUrl) {
        this(storefrontId, sellerId, type, secrets, refundUrl, null, null);
    }

    public Storefront(String storefrontId, String sellerId, String type, List<String> secrets) {
        this(storefrontId, sellerId, type, secrets, null, null, null);
    }

    /** The SKU the seller mapped a line to; null when none. */
    public String mappedSku(OrderLine line) {
        String key = mappingKey(line);
        return key == null ? null : skuMappings.get(key);
    }

    /**
     * What a line's mapping is remembered by: "ref:" + the platform's product or variant id, else
     * "sku:" + the platform's SKU; null when the line has neither.
     */
    public static String mappingKey(OrderLine line) {
        return line.ref() != null ? "ref:" + line.ref() : line.sku() != null ? "sku:" + line.sku() : null;
    }
}
