package orderflow.shared.documents;

import java.util.Optional;
import java.util.Set;

import com.google.zxing.oned.Code128Writer;

/**
 * Code 128 bar patterns from ZXing's encoder, drawn by our PDF writer as vector rectangles (no
 * java.awt or ImageIO at runtime: they cost cold start). {@code modules[i]} is one narrow module,
 * true for a bar; quiet zones are the drawer's job.
 */
public record Code128(String text, boolean[] modules) {

    /** ZXing's marker for FNC1 inside the content (Code128Writer.ESCAPE_FNC_1). */
    private static final char FNC1 = '\u00f1';
    /** ZXing refuses longer content; a scanner would struggle anyway. */
    private static final int MAX_LENGTH = 80;
    /** GS1 application identifiers of fixed length (GS1 General Specifications, figure 5.10.1-2): no FNC1 after. */
    private static final Set<String> FIXED_LENGTH_PREFIXES = Set.of("00", "01", "02", "03", "04", "11", "12", "13",
            "14", "15", "16", "17", "18", "19", "20", "31", "32", "33", "34", "35", "36", "41");

    /** Plain Code 128 of printable ASCII; empty when the text cannot be a barcode (non-ASCII, too long, blank). */
    public static Optional<Code128> of(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 || c > 126) {
                return Optional.empty();
            }
        }
        return Optional.of(new Code128(text, new Code128Writer().encode(text)));
    }

    /**
     * GS1-128 from an element string in human-readable form, e.g. "(00)106141411234567897" (an SSCC):
     * FNC1 first, and after each variable-length field that is not the last, as carriers' labels need.
     */
    public static Code128 gs1(String elementString) {
        if (elementString == null || !elementString.matches("(\\(\\d{2,4}\\)[\\x21-\\x7e&&[^()]]+)+")) {
            throw new IllegalArgumentException("not a GS1 element string like (00)123...: " + elementString);
        }
        StringBuilder content = new StringBuilder().append(FNC1);
        String[] fields = elementString.substring(1).split("\\(");
        for (int i = 0; i < fields.length; i++) {
            String ai = fields[i].substring(0, fields[i].indexOf(')'));
            String value = fields[i].substring(ai.length() + 1);
            if (ai.equals("00") && !value.matches("\\d{18}")) {
                throw new IllegalArgumentException("an SSCC (00) has 18 digits");
            }
            content.append(ai).append(value);
            if (i < fields.length - 1 && !FIXED_LENGTH_PREFIXES.contains(ai.substring(0, 2))) {
                content.append(FNC1);
            }
        }
        if (content.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("GS1-128 element string too long");
        }
        return new Code128(elementString, new Code128Writer().encode(content.toString()));
    }
}
