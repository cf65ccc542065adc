package orderflow.shared.domain.channels;

import java.util.Map;

/**
 * Where a storefront's changes go back to: its platform ("shopify", "woocommerce", "amazon"), the
 * base URL of the platform's API (configurable, so tests and the local stack point at fakes) and
 * what the platform needs to accept a call. settings are plain (Shopify: shopDomain, apiVersion,
 * notifyCustomer; WooCommerce: none; Amazon: marketplaceId); secrets are credentials (Shopify:
 * accessToken; WooCommerce: consumerKey, consumerSecret; Amazon: refreshToken) and never appear in
 * {@link #toString()}, logs or answers.
 */
public record ChannelLink(String storefrontId, String platform, String baseUrl, Map<String, String> settings,
                          Map<String, String> secrets) {

    public static final String SHOPIFY = "shopify";
    public static final String WOOCOMMERCE = "woocommerce";
    public static final String AMAZON = "amazon";

    public ChannelLink {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    public String setting(String name) {
        return settings.get(name);
    }

    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "ChannelLink[" + storefrontId + ", " + platform + ", " + baseUrl + ", settings=" + settings
                + ", secrets=" + secrets.keySet() + " (values hidden)]";
    }
}
