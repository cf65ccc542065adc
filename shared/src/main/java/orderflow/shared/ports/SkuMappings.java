package orderflow.shared.ports;

import java.util.Optional;

/**
 * The SKU a seller chose for a storefront line we could not stock (no SKU, or one the inventory does
 * not know), remembered per storefront so the platform's later orders of the same product arrive mapped.
 * key: "ref:" + the platform's product or variant id, or "sku:" + the platform's SKU when there is no id.
 */
public interface SkuMappings {

    Optional<String> skuFor(String storefrontId, String key);

    void remember(String storefrontId, String key, String sku);

    /** The key a line is remembered by, or null when it has neither a platform id nor a SKU. */
    static String keyOf(String ref, String platformSku) {
        return ref != null ? "ref:" + ref : platformSku != null ? "sku:" + platformSku : null;
    }
}
