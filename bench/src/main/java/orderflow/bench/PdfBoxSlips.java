package orderflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import orderflow.shared.documents.Code128;

/** The bench's packing slip with Apache PDFBox 3 (see {@link PdfProbe}). */
final class PdfBoxSlips {

    private PdfBoxSlips() {
    }

    /** Process-wide in PDFBox (FontMappers is a singleton): fine in a probe JVM that only writes. */
    static void withoutFontMapper() {
        FontMappers.set(new FontMapper() {
            @Override
            public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
                return new FontMapping<>(null, false);
            }

            @Override
            public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
                return new FontMapping<>(null, false);
            }

            @Override
            public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo info) {
                return new CIDFontMapping(null, null, false);
            }
        });
    }

    static byte[] write(int count) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int i = 0; i < count; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    text(s, bold, 16, 40, 740, "Bench Store");
                    text(s, font, 12, 40, 720, "Packing slip - order #" + (1001 + i));
                    float y = 660;
                    for (Code128 code : PdfProbe.barcodes()) {
                        for (int m = 0; m < code.modules().length; m++) {
                            if (code.modules()[m]) {
                                s.addRect(50 + m, y, 1, 40);
                            }
                        }
                        s.fill();
                        text(s, font, 10, 50, y - 14, code.text());
                        y -= 80;
                    }
                    text(s, font, 10, 40, 480, "Ship to: Ada Lovelace, 1 Way, 62701 Springfield, US");
                    text(s, font, 10, 40, 466, "2 x " + PdfProbe.SKU + "  Blue mug 350 ml");
                }
            }
            ByteArrayOutputStream out = PdfProbe.out();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }
}
