package orderflow.shared.domain.storefront;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orderflow.shared.domain.Money;

/**
 * Money the seller paid back on the platform itself (Shopify admin, WooCommerce), as the platform
 * tells us. platform: "shopify", "woocommerce". refundId: the platform's own id of the refund, stable
 * across redeliveries (our refund id is derived from it, so a repeat records nothing). amount: what
 * went back to the buyer, positive, in the currency the platform reports. note: the platform's text
 * (Shopify note, WooCommerce reason), null when none. createdAt: null when the platform does not say.
 */
public record PlatformRefund(String platform, String refundId, Money amount, String note, Instant createdAt) {

    /**
     * Our refund ids as our own refunds to the platforms carry them: "[rf_" + 26 base32 characters + "]"
     * in the Shopify note or WooCommerce reason (see ShopifyRefunds, WooCommerceChannel).
     */
    private static final Pattern OUR_MARKER = Pattern.compile("\\[(rf_[0-9a-z]{26})]");

    /** Our own notes are a reason of up to 500 characters and the marker: kept whole, so the marker is found. */
    static final int MAX_NOTE = 1000;

    public PlatformRefund {
        if (platform == null || platform.isBlank() || refundId == null || refundId.isBlank()) {
            throw new IllegalArgumentException("a platform refund names its platform and its refund id");
        }
        if (amount == null || amount.minor() <= 0) {
            throw new IllegalArgumentException("a platform refund pays something back");
        }
        note = clean(note, MAX_NOTE);
    }

    /** Our refund id when this is one of our own refunds coming back from the platform (its note holds our marker), else null. */
    public String ourRefundId() {
        if (note == null) {
            return null;
        }
        Matcher m = OUR_MARKER.matcher(note);
        return m.find() ? m.group(1) : null;
    }

    /** The message form (OrderQueue carries it as JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", platform);
        m.put("refundId", refundId);
        m.put("amountMinor", amount.minor());
        m.put("currency", amount.currency());
        m.put("note", note);
        m.put("createdAt", createdAt == null ? null : createdAt.toString());
        return m;
    }

    /** Reads {@link #toMap()}'s form back; throws IllegalArgumentException when it is not that. */
    public static PlatformRefund fromMap(Map<?, ?> m) {
        if (!(m.get("amountMinor") instanceof Number minor) || !(m.get("currency") instanceof String currency)) {
            throw new IllegalArgumentException("a platform refund message lacks its amount");
        }
        Instant createdAt;
        try {
            createdAt = m.get("createdAt") instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt is not an instant", e);
        }
        return new PlatformRefund(text(m.get("platform")), text(m.get("refundId")),
                new Money(minor.longValue(), currency), text(m.get("note")), createdAt);
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    /** Display text from a platform: control characters dropped, cut to max; blank is null. */
    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String c = s.replaceAll("\\p{Cntrl}", " ").strip();
        return c.isEmpty() ? null : c.length() > max ? c.substring(0, max) : c;
    }
}
