package orderflow.shared.documents;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Helvetica and Helvetica-Bold, Standard 14 fonts: every PDF reader has them, nothing is embedded. */
record PdfFonts(PDFont regular, PDFont bold) {

    static PdfFonts helvetica() {
        return new PdfFonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
    }
}
