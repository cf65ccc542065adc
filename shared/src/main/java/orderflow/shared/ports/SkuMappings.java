package orderflow.shared.ports;

import java.util.Map;

/**
 * The SKUs a seller chose for a storefront's lines we could not stock (no SKU, or one the inventory
 * does not know), remembered per storefront so the platform's later orders of the same product arrive
 * mapped. key: "ref:" + the platform's product or variant id, or "sku:" + the platform's SKU when
 * there is no id.
 */
public interface SkuMappings {

    /** Every mapping of the storefront, by key: one read per delivery, whatever its number of lines. */
    Map<String, String> of(String storefrontId);

    void remember(String storefrontId, String key, String sku);

    /** The key a line is remembered by, or null when it has neither a platform id nor a SKU. */
    static String keyOf(String ref, String platformSku) {
        return ref != null ? "ref:" + ref : platformSku != null ? "sku:" + platformSku : null;
    }
}
