package orderflow.shared.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.GenericOrderPayloadTestData;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.PickList;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.StockItem;
import orderflow.shared.service.PackingSlipService;

class PdfDocumentsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Seller SELLER = new Seller("seller", "Blue Mug Co", "s@example.com", "help@example.com",
            "help@example.com", 2, ZoneOffset.UTC, 5);

    private static Order order(String externalId, String buyer, Map<String, Integer> lines) {
        Map<String, Object> json = new HashMap<>(GenericOrderPayloadTestData.valid());
        json.put("externalOrderId", externalId);
        json.put("shipTo", Map.of("name", buyer, "line1", "1 Way", "city", "Springfield", "postalCode", "62701",
                "country", "US"));
        List<Map<String, Object>> l = new ArrayList<>();
        lines.forEach((sku, q) -> l.add(Map.of("sku", sku, "title", "Item " + sku, "quantity", q, "unitPrice", "1.00")));
        json.put("lines", l);
        json.remove("total");
        return GenericOrderPayload.parse(json).toOrder("sf", "seller", NOW).confirmed(NOW, NOW);
    }

    /** The order with any name at all: intake would hold some of these, the slip must print them anyway. */
    private static Order shippingTo(Order o, String name) {
        Address a = o.shipTo();
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(), o.status(),
                o.statusReason(), o.createdAt(), o.receivedAt(), o.currency(), o.buyer(),
                new Address(name, a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country()),
                o.lines(), o.totals(), o.shipBy(), o.confirmationQueuedAt(), o.version(), o.fulfillment(),
                o.refunded(), o.intake());
    }

    private static PackingSlipService.Slip slip(Order order) {
        Map<String, StockItem> stock = new HashMap<>();
        order.lines().forEach(l -> stock.put(l.sku(), new StockItem(l.sku(), 10, 0, 10, 0, "A-" + l.sku().length(),
                null, null, NOW)));
        return new PackingSlipService.Slip(order, SELLER, stock);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static List<PDRectangle> pageSizes(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDRectangle> sizes = new ArrayList<>();
            doc.getPages().forEach(p -> sizes.add(p.getMediaBox()));
            return sizes;
        }
    }

    /** A one-page 4x6 PDF with one line of text, as a carrier's label stands in. */
    private static byte[] label(String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(288, 432));
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.COURIER), 12);
                s.newLineAtOffset(20, 400);
                s.showText(text);
                s.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void slip_text_has_the_store_order_number_order_id_skus_and_buyer_name() throws IOException {
        Order o = order("1001", "Ada Lovelace", Map.of("MUG-BLUE", 2, "TEE-M", 1));
        String text = text(PdfDocuments.packingSlip(slip(o), PageSize.A4));
        for (String expected : List.of("Blue Mug Co", "1001", o.orderId(), "MUG-BLUE", "TEE-M", "Ada Lovelace",
                "Springfield", "Item MUG-BLUE", "Units: 3")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
    }

    @Test
    void slip_barcode_decodes_to_the_order_id_and_each_line_to_its_sku() throws IOException {
        Order o = order("1001", "Ada", Map.of("MUG-BLUE", 2, "TEE-M", 1));
        for (PageSize size : PageSize.values()) {
            byte[] pdf = PdfDocuments.packingSlip(slip(o), size);
            assertEquals(Set.of(o.orderId(), "MUG-BLUE", "TEE-M"), PrintedBarcodes.all(pdf, 200), size.name());
        }
    }

    @Test
    void buyer_names_in_any_script_never_break_the_pdf_and_latin_letters_survive() throws IOException {
        String hostile = "Zo\u00eb \u7530\u4e2d \ud83d\udce6 \u0645\u062d\u0645\u062f\u200f Dvo\u0159\u00e1k\u0000\u0007"
                + "\r\nO'Brien <b>\u202e\ufeff";
        Order o = shippingTo(order("1002", "Ada", Map.of("MUG-BLUE", 1)), hostile);
        byte[] pdf = PdfDocuments.packingSlip(slip(o), PageSize.LABEL_4X6);
        String text = text(pdf);
        assertTrue(text.contains("Zo\u00eb"), text);
        assertTrue(text.contains("Dvor\u00e1k"), "r with caron prints as r: " + text);
        assertTrue(text.contains("O'Brien <b>"), text);
        assertFalse(text.contains("\u0000"), "no control characters reach the page");
        assertEquals(Set.of(o.orderId(), "MUG-BLUE"), PrintedBarcodes.all(pdf, 200));
    }

    @Test
    void a_sku_that_cannot_be_a_barcode_still_prints_as_text() throws IOException {
        Order o = order("1003", "Ada", Map.of("TASSE-\u00e9T\u00c9", 1, "MUG-BLUE", 1));
        byte[] pdf = PdfDocuments.packingSlip(slip(o), PageSize.A4);
        assertTrue(text(pdf).contains("TASSE-\u00e9T\u00c9"));
        assertEquals(Set.of(o.orderId(), "MUG-BLUE"), PrintedBarcodes.all(pdf, 200));
    }

    @Test
    void page_sizes_are_a4_letter_and_4x6_inches_in_points() throws IOException {
        Order o = order("1004", "Ada", Map.of("MUG-BLUE", 1));
        PDRectangle label = pageSizes(PdfDocuments.packingSlip(slip(o), PageSize.LABEL_4X6)).get(0);
        assertEquals(288f, label.getWidth());
        assertEquals(432f, label.getHeight());
        PDRectangle letter = pageSizes(PdfDocuments.packingSlip(slip(o), PageSize.LETTER)).get(0);
        assertEquals(612f, letter.getWidth());
        assertEquals(792f, letter.getHeight());
        PDRectangle a4 = pageSizes(PdfDocuments.packingSlip(slip(o), PageSize.A4)).get(0);
        assertEquals(595.28f, a4.getWidth(), 0.01f);
        assertEquals(841.89f, a4.getHeight(), 0.01f);
    }

    @Test
    void a_long_slip_flows_onto_more_pages() throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            lines.put("SKU-" + i, 1);
        }
        byte[] pdf = PdfDocuments.packingSlip(slip(order("1005", "Ada", lines)), PageSize.LABEL_4X6);
        assertTrue(pageSizes(pdf).size() > 1);
        assertTrue(text(pdf).contains("Units: 40"));
    }

    @Test
    void pick_list_shows_bins_and_orders_and_its_barcodes_decode_to_the_skus() throws IOException {
        Order a = order("2001", "Ada", Map.of("MUG-BLUE", 2, "TEE-M", 1));
        Order b = order("2002", "Bob", Map.of("MUG-BLUE", 1, "CAP", 3));
        PickList list = PickList.of(List.of(a, b), Map.of("MUG-BLUE", new StockItem("MUG-BLUE", 9, 0, 9, 0, "A-10",
                null, null, NOW)));
        byte[] pdf = PdfDocuments.pickList(list, PageSize.LETTER);
        String text = text(pdf);
        assertTrue(text.contains("Bin A-10: 3 x MUG-BLUE"), text);
        assertTrue(text.contains("2 orders, 7 units, 3 SKUs"), text);
        assertTrue(text.contains("2001") && text.contains("2002"), text);
        assertEquals(Set.of("MUG-BLUE", "TEE-M", "CAP"), PrintedBarcodes.all(pdf, 200));
    }

    @Test
    void wave_of_100_slips_has_a_page_per_slip_then_the_pick_list_and_every_order_id_decodes() throws IOException {
        List<PackingSlipService.Slip> slips = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Order o = order("W" + i, "Buyer " + i, Map.of("MUG-BLUE", 1, "SKU-" + (i % 7), 2));
            orders.add(o);
            slips.add(slip(o));
        }
        byte[] pdf = PdfDocuments.wave(slips, PickList.of(orders, Map.of()), PageSize.A4, List.of());
        List<Set<String>> pages = PrintedBarcodes.perPage(pdf, 150);
        assertEquals(101, pages.size());
        for (int i = 0; i < 100; i++) {
            assertTrue(pages.get(i).contains(orders.get(i).orderId()), "slip " + i + " on page " + (i + 1));
        }
        assertEquals(Set.of("MUG-BLUE", "SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6"), pages.get(100));
    }

    @Test
    void label_pdfs_are_appended_page_by_page_after_the_slips_and_pick_list() throws IOException {
        Order o = order("3001", "Ada", Map.of("MUG-BLUE", 1));
        byte[] pdf = PdfDocuments.wave(List.of(slip(o)), PickList.of(List.of(o), Map.of()), PageSize.LETTER,
                List.of(label("LABEL ONE"), label("LABEL TWO")));
        List<PDRectangle> sizes = pageSizes(pdf);
        assertEquals(4, sizes.size());
        assertEquals(612f, sizes.get(0).getWidth());
        assertEquals(288f, sizes.get(2).getWidth(), "a label keeps its own 4x6 size");
        assertEquals(432f, sizes.get(3).getHeight());
        String text = text(pdf);
        assertTrue(text.indexOf("LABEL ONE") > text.indexOf("Pick list"), text);
        assertTrue(text.indexOf("LABEL TWO") > text.indexOf("LABEL ONE"), text);
    }

    @Test
    void a_label_that_is_not_a_pdf_is_refused_with_its_position() throws IOException {
        Order o = order("3002", "Ada", Map.of("MUG-BLUE", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PdfDocuments.wave(
                List.of(slip(o)), null, PageSize.A4, List.of(label("OK"), "<html>".getBytes())));
        assertEquals("label 1 is not a readable PDF", e.getMessage());
    }
}
