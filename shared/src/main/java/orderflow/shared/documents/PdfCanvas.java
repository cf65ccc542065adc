package orderflow.shared.documents;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Writes top to bottom on pages of one size, starting a new page when the next block does not
 * fit. Text goes through {@link PdfText} (never throws on odd characters); barcodes are filled
 * rectangles, so they stay sharp at any printer resolution.
 */
final class PdfCanvas implements AutoCloseable {

    /** Quiet zone each side of a barcode, in modules (Code 128 asks for at least 10). */
    private static final int QUIET_MODULES = 10;
    /** Narrower modules than this do not survive a 203 dpi thermal printer. */
    private static final float MIN_MODULE = 0.5f;
    private static final float MAX_MODULE = 1.0f;

    private final PDDocument document;
    private final PageSize size;
    private final PdfFonts fonts;
    private final float margin;
    private PDPageContentStream stream;
    private float y;

    PdfCanvas(PDDocument document, PageSize size, PdfFonts fonts) {
        this.document = document;
        this.size = size;
        this.fonts = fonts;
        this.margin = size.small() ? 14 : 40;
    }

    PdfFonts fonts() {
        return fonts;
    }

    PageSize size() {
        return size;
    }

    float left() {
        return margin;
    }

    float width() {
        return size.width() - 2 * margin;
    }

    /** Starts a fresh page (each document of a wave begins on its own page). */
    void newPage() {
        try {
            closeStream();
            PDPage page = new PDPage(new PDRectangle(size.width(), size.height()));
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = size.height() - margin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Room for {@code height} more points on this page, else a new page. */
    void need(float height) {
        if (stream == null || y - height < margin) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** One line of text at {@code x}, cut to {@code maxWidth}; moves down by the line height. */
    void line(String text, PDFont font, float fontSize, float x, float maxWidth) {
        need(fontSize * 1.3f);
        textAt(text, font, fontSize, x, maxWidth);
        y -= fontSize * 1.3f;
    }

    void line(String text, PDFont font, float fontSize) {
        line(text, font, fontSize, left(), width());
    }

    /** Text on the current line without moving down (for columns). */
    void textAt(String text, PDFont font, float fontSize, float x, float maxWidth) {
        String shown = PdfText.fit(PdfText.safe(text, font), font, fontSize, maxWidth);
        if (shown.isEmpty()) {
            return;
        }
        try {
            stream.beginText();
            stream.setFont(font, fontSize);
            stream.newLineAtOffset(x, y - fontSize);
            stream.showText(shown);
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The barcode with its quiet zones at {@code x}, as wide as fits in {@code maxWidth} (up to 1 pt
     * a module), {@code height} tall, top at the current line; does not move down. Returns the
     * width used.
     */
    float barsAt(Code128 code, float x, float maxWidth, float height) {
        boolean[] modules = code.modules();
        int total = modules.length + 2 * QUIET_MODULES;
        float module = Math.min(MAX_MODULE, Math.max(MIN_MODULE, maxWidth / total));
        float start = x + QUIET_MODULES * module;
        try {
            for (int i = 0; i < modules.length; ) {
                if (!modules[i]) {
                    i++;
                    continue;
                }
                int run = i;
                while (run < modules.length && modules[run]) {
                    run++;
                }
                stream.addRect(start + i * module, y - height, (run - i) * module, height);
                i = run;
            }
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total * module;
    }

    /** A thin rule across the page. */
    void rule() {
        need(6);
        try {
            stream.setLineWidth(0.5f);
            stream.moveTo(left(), y - 2);
            stream.lineTo(left() + width(), y - 2);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= 6;
    }

    private void closeStream() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() {
        try {
            closeStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
