package orderflow.bench;

import java.io.ByteArrayOutputStream;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;

import orderflow.shared.documents.Code128;

/** The bench's packing slip with OpenPDF 2 (see {@link PdfProbe}): the same drawing as {@link PdfBoxSlips}. */
final class OpenPdfSlips {

    private OpenPdfSlips() {
    }

    static byte[] write(int count) throws Exception {
        ByteArrayOutputStream out = PdfProbe.out();
        Document doc = new Document(PageSize.LETTER);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.open();
        BaseFont font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        BaseFont bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                doc.newPage();
            }
            PdfContentByte s = writer.getDirectContent();
            text(s, bold, 16, 40, 740, "Bench Store");
            text(s, font, 12, 40, 720, "Packing slip - order #" + (1001 + i));
            float y = 660;
            for (Code128 code : PdfProbe.barcodes()) {
                for (int m = 0; m < code.modules().length; m++) {
                    if (code.modules()[m]) {
                        s.rectangle(50 + m, y, 1, 40);
                    }
                }
                s.fill();
                text(s, font, 10, 50, y - 14, code.text());
                y -= 80;
            }
            text(s, font, 10, 40, 480, "Ship to: Ada Lovelace, 1 Way, 62701 Springfield, US");
            text(s, font, 10, 40, 466, "2 x " + PdfProbe.SKU + "  Blue mug 350 ml");
        }
        doc.close();
        return out.toByteArray();
    }

    private static void text(PdfContentByte s, BaseFont font, float size, float x, float y, String text) {
        s.beginText();
        s.setFontAndSize(font, size);
        s.setTextMatrix(x, y);
        s.showText(text);
        s.endText();
    }
}
