package orderflow.shared.domain.shipping;

import java.util.Map;

/**
 * A seller's account with a shipping provider: the provider ({@link #EASYPOST} or
 * {@link #AMAZON_SHIPPING}), the API's base URL (configurable, so tests and the local stack point at
 * fakes), plain settings and secrets. EasyPost: secrets apiKey, webhookSecret. Amazon Shipping v2:
 * secrets refreshToken, settings marketplaceId (the Amazon storefront's link supplies both). Secrets
 * never appear in {@link #toString()}, logs or answers.
 */
public record CarrierAccount(String sellerId, String provider, String baseUrl, Map<String, String> settings,
                             Map<String, String> secrets) {

    public static final String EASYPOST = "easypost";
    public static final String AMAZON_SHIPPING = "amazon-shipping";

    public CarrierAccount {
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
        return "CarrierAccount[" + sellerId + ", " + provider + ", " + baseUrl + ", settings=" + settings
                + ", secrets=" + secrets.keySet() + " (values hidden)]";
    }
}
