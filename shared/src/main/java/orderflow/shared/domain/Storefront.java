package orderflow.shared.domain;

import java.util.List;

/** Where orders come from. Up to two secrets are active so a secret can be rotated without downtime. */
public record Storefront(String storefrontId, String sellerId, String type, List<String> secrets) {

    public Storefront {
        secrets = List.copyOf(secrets);
    }
}
