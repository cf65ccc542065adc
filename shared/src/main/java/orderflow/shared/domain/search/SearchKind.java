package orderflow.shared.domain.search;

import java.util.Locale;

/**
 * What a search term is about. Each kind is its own key range (one DynamoDB partition per seller and
 * kind), so "1001" as an order number never matches a SKU "1001" unless the seller asks for both.
 * Only buyer names match by prefix: a packer types "smi" for Smith; numbers, emails, SKUs and
 * tracking numbers are copied or scanned whole, and a prefix there would bury the one exact match.
 */
public enum SearchKind {
    NUM(false), NAME(true), EMAIL(false), SKU(false), TRACK(false);

    private final boolean prefix;

    SearchKind(boolean prefix) {
        this.prefix = prefix;
    }

    public boolean matchesByPrefix() {
        return prefix;
    }

    /** The name in the API's field parameter and in the stored key: num, name, email, sku, track. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchKind ofCode(String code) {
        for (SearchKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        return null;
    }
}
