package orderflow.bench;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.aws.PrimingSamples;
import orderflow.shared.documents.Code128;
import orderflow.shared.documents.PageSize;
import orderflow.shared.documents.PdfDocuments;
import orderflow.shared.service.PackingSlipService;

/**
 * Run alone in a fresh JVM by {@link DocumentsSection}: the time to the first packing slip (class
 * loading included) and then to 100 slips as one PDF, with one library. Prints one line:
 * {@code firstMs hundredMs firstBytes hundredBytes}. The "pdfbox" and "openpdf" slips draw the same
 * thing (title, store, ship-to, 2 Code 128 barcodes as rectangles, Helvetica); "shipped" is our
 * real writer (orderflow.shared.documents.PdfDocuments, on PDFBox); "pdfbox-nomapper" is "pdfbox"
 * with PDFBox's font mapper (system font scan, fallback TTF parse: needed to render, not to write)
 * replaced by one that maps nothing; "none" measures the JVM alone.
 */
public final class PdfProbe {

    static final String ORDER_ID = "ord_0123456789abcdefghjkmnpqrs";
    static final String SKU = "MUG-BLUE-350ML";

    private PdfProbe() {
    }

    /** One library's way to write N slips into one PDF. */
    interface Slips {
        byte[] write(int count) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args[0].equals("none")) {
            System.out.println("0 0 0 0");
            return;
        }
        Slips slips = switch (args[0]) {
            case "pdfbox" -> PdfBoxSlips::write;
            case "pdfbox-nomapper" -> {
                PdfBoxSlips.withoutFontMapper();
                yield PdfBoxSlips::write;
            }
            case "openpdf" -> OpenPdfSlips::write;
            case "shipped" -> PdfProbe::shipped;
            default -> throw new IllegalArgumentException(args[0]);
        };
        byte[] first = slips.write(1);
        long firstDone = System.nanoTime();
        byte[] hundred = slips.write(100);
        long hundredDone = System.nanoTime();
        System.out.printf("%.1f %.1f %d %d%n", (firstDone - start) / 1e6, (hundredDone - firstDone) / 1e6,
                first.length, hundred.length);
    }

    static List<Code128> barcodes() {
        return List.of(Code128.of(ORDER_ID).orElseThrow(), Code128.of(SKU).orElseThrow());
    }

    private static byte[] shipped(int count) {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        var slip = new PackingSlipService.Slip(PrimingSamples.unshippedOrder(now), PrimingSamples.seller(), Map.of());
        return PdfDocuments.wave(java.util.Collections.nCopies(count, slip), null, PageSize.LETTER, List.of());
    }

    static ByteArrayOutputStream out() {
        return new ByteArrayOutputStream();
    }
}
