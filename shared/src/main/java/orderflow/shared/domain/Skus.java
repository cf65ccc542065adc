package orderflow.shared.domain;

/**
 * What a SKU may be, in one place: what sellers really type on their platforms ("MUG BLUE #2",
 * "TEE (M)/RED", "Café-01"): 1 to 100 characters, starting with a letter or digit, made of letters,
 * digits, spaces and the punctuation SKUs use ({@value #PUNCTUATION}), no "..". Quotes, angle and
 * curly brackets, $, %, ; and control characters never appear in real SKUs and are where injection
 * and path tricks live, so they stay out of a value that is a key, a URL segment and a label.
 */
public final class Skus {

    public static final int MAX_LENGTH = 100;
    static final String PUNCTUATION = "-_./#+&(),:*!@[]~";
    public static final String RULE = "must be 1 to " + MAX_LENGTH + " letters, digits, spaces and " + PUNCTUATION
            + ", starting with a letter or digit, without \"..\" or a space at the end";

    private Skus() {
    }

    public static boolean isValid(String sku) {
        if (sku == null || sku.isEmpty() || sku.length() > MAX_LENGTH || !sku.equals(sku.strip())
                || sku.contains("..") || !Character.isLetterOrDigit(sku.codePointAt(0))) {
            return false;
        }
        return sku.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || PUNCTUATION.indexOf(c) >= 0);
    }
}
