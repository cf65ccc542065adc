package orderflow.shared.domain;

import java.util.Locale;

/**
 * Who made a change to an order, as recorded in its history: a seller API key (by its public id,
 * never the key), a storefront, a scheduled or queued job, or an operator using the admin tool.
 */
public record Actor(Kind kind, String id) {

    public enum Kind { SELLER_KEY, STOREFRONT, JOB, OPERATOR }

    public static Actor sellerKey(String keyId) {
        return new Actor(Kind.SELLER_KEY, keyId == null ? "unknown" : keyId);
    }

    public static Actor storefront(String storefrontId) {
        return new Actor(Kind.STOREFRONT, storefrontId);
    }

    public static Actor job(String name) {
        return new Actor(Kind.JOB, name);
    }

    public static Actor operator(String name) {
        return new Actor(Kind.OPERATOR, name);
    }

    /** "seller-key:key_1a2b3c", "storefront:sf-1", "job:process-order". */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ":" + id;
    }

    public static Actor parse(String text) {
        int colon = text.indexOf(':');
        return new Actor(Kind.valueOf(text.substring(0, colon).replace('-', '_').toUpperCase(Locale.ROOT)),
                text.substring(colon + 1));
    }
}
