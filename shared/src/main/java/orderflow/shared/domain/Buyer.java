package orderflow.shared.domain;

/** email is null when the storefront gave none (a phone-only or POS checkout, Amazon's hidden PII): no buyer emails then. */
public record Buyer(String name, String email) {

    public boolean reachable() {
        return email != null && !email.isBlank();
    }
}
