package orderflow.shared.domain;

/** A ship-to address; country is ISO 3166-1 alpha-2. */
public record Address(String name, String line1, String line2, String city, String region,
                      String postalCode, String country) {

    /** No address given (a held order whose storefront sent none): every part absent. */
    public static final Address NONE = new Address(null, null, null, null, null, null, null);
}
