package orderflow.shared.ports;

/**
 * Remembers the SKU a seller chose for a storefront's line we could not stock (no SKU, or one the
 * inventory does not know), so the platform's later orders of the same product arrive mapped; the
 * mappings are read with the storefront ({@link orderflow.shared.domain.Storefront#mappedSku}).
 * key: {@link orderflow.shared.domain.Storefront#mappingKey}.
 */
public interface SkuMappings {

    void remember(String storefrontId, String key, String sku);
}
