package orderflow.shared.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads printed barcodes back the way a scanner does: each page rendered to pixels, then every
 * few pixel rows decoded with ZXing's Code 128 reader (a 1D code is readable from one row).
 */
final class PrintedBarcodes {

    private PrintedBarcodes() {
    }

    /** The distinct texts of the barcodes on each page, in page order. */
    static List<Set<String>> perPage(byte[] pdf, float dpi) throws IOException {
        List<Set<String>> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                pages.add(decode(renderer.renderImageWithDPI(i, dpi, ImageType.GRAY), false));
            }
        }
        return pages;
    }

    static Set<String> all(byte[] pdf, float dpi) throws IOException {
        Set<String> all = new LinkedHashSet<>();
        perPage(pdf, dpi).forEach(all::addAll);
        return all;
    }

    /** Row by row; with {@code gs1}, FNC1 first reads as "]C1" and later ones as GS (0x1D), as ZXing reports them. */
    static Set<String> decode(BufferedImage image, boolean gs1) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        if (gs1) {
            hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        }
        Set<String> found = new LinkedHashSet<>();
        Code128Reader reader = new Code128Reader();
        BitArray row = new BitArray(image.getWidth());
        for (int y = 0; y < image.getHeight(); y += 3) {
            try {
                row = bitmap.getBlackRow(y, row);
                found.add(reader.decodeRow(y, row, hints).getText());
            } catch (ReaderException e) {
                // no Code 128 on this row
            }
        }
        return found;
    }
}
