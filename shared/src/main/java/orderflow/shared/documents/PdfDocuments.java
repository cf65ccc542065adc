package orderflow.shared.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import orderflow.shared.domain.PickList;
import orderflow.shared.service.PackingSlipService;

/**
 * The printable documents as PDF (PDFBox, Standard 14 fonts: see docs/shipping.md "Printable
 * documents" for why): a packing slip, a pick list, and a wave, that is every slip of a batch plus
 * its pick list and then the carrier labels, so one print job does the whole batch.
 */
public final class PdfDocuments {

    private PdfDocuments() {
    }

    public static byte[] packingSlip(PackingSlipService.Slip slip, PageSize size) {
        return wave(List.of(slip), null, size, List.of());
    }

    public static byte[] pickList(PickList list, PageSize size) {
        return wave(List.of(), list, size, List.of());
    }

    /**
     * The slips in the order given, then the pick list (when not null), then each label PDF's pages
     * as they are (their own size, e.g. a carrier's 4x6). A label that is not a PDF is refused with
     * its position, before anything is written.
     */
    public static byte[] wave(List<PackingSlipService.Slip> slips, PickList list, PageSize size, List<byte[]> labels) {
        List<PDDocument> sources = new ArrayList<>();
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < labels.size(); i++) {
                sources.add(load(labels.get(i), i));
            }
            try (PdfCanvas canvas = new PdfCanvas(document, size, PdfFonts.helvetica())) {
                slips.forEach(slip -> PackingSlipPdf.draw(canvas, slip));
                if (list != null) {
                    PickListPdf.draw(canvas, list);
                }
            }
            for (PDDocument source : sources) {
                for (PDPage page : source.getPages()) {
                    document.importPage(page);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sources.forEach(PdfDocuments::closeQuietly); // imported pages read from them until save
        }
    }

    private static PDDocument load(byte[] pdf, int index) {
        try {
            return Loader.loadPDF(pdf);
        } catch (IOException e) {
            throw new IllegalArgumentException("label " + index + " is not a readable PDF", e);
        }
    }

    private static void closeQuietly(PDDocument d) {
        try {
            d.close();
        } catch (IOException e) {
            // nothing to do: the wave is written or failed already
        }
    }
}
