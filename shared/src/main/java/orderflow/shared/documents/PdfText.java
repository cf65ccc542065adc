package orderflow.shared.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;

import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text a Standard 14 font (WinAnsi encoding) can show, from anything a buyer or platform sent:
 * control and bidi/format characters dropped, letters outside WinAnsi reduced to their base
 * letter (Łódź -> Lodz) or else "?", so a PDF is always written. Embedding a Unicode font would
 * print CJK names faithfully, at megabytes per function and much slower cold starts.
 */
final class PdfText {

    private PdfText() {
    }

    static String safe(String text, PDFont font) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return; // CR/LF become spaces above; the rest (and RTL marks) print nothing
            } else if (encodable(cp, font)) {
                out.appendCodePoint(cp);
            } else {
                String base = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "");
                out.append(!base.isEmpty() && base.codePoints().allMatch(c -> encodable(c, font)) ? base : "?");
            }
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** The widest prefix of {@code text} (already safe) that fits, with "..." when cut. */
    static String fit(String text, PDFont font, float size, float maxWidth) {
        if (width(text, font, size) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "...", font, size) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    static float width(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean encodable(int cp, PDFont font) {
        try {
            font.encode(Character.toString(cp));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false; // "No glyph for U+... in font Helvetica": the font's own answer
        }
    }
}
