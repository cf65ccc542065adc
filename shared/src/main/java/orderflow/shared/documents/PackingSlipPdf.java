package orderflow.shared.documents;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.service.PackingSlipService;

/**
 * One packing slip, as the HTML one shows it: the store, the order id as Code 128 (the packer
 * scans it to open the order), ship-to, and each line left to ship with its SKU as Code 128.
 */
final class PackingSlipPdf {

    private PackingSlipPdf() {
    }

    static void draw(PdfCanvas c, PackingSlipService.Slip slip) {
        Order order = slip.order();
        Seller seller = slip.seller();
        PdfFonts f = c.fonts();
        boolean small = c.size().small();
        float body = small ? 8 : 10;
        c.newPage();
        c.line(seller.storeName(), f.bold(), small ? 12 : 16);
        c.line("Packing slip - order " + order.displayNumber(), f.regular(), small ? 9 : 12);
        c.gap(4);
        barcode(c, Code128.of(order.orderId()), c.width(), small ? 30 : 40);
        c.line(order.orderId(), f.regular(), body - 1);
        String shipBy = order.shipBy() == null ? ""
                : "   Ship by: " + PackingSlips.DAY.format(order.shipBy().atZone(seller.timeZone()));
        c.line("Ordered: " + PackingSlips.DAY.format(order.createdAt().atZone(seller.timeZone())) + shipBy,
                f.regular(), body);
        c.gap(4);
        Address a = order.shipTo();
        c.line("Ship to", f.bold(), body);
        if (a != null) {
            c.line(a.name(), f.regular(), body);
            PackingSlips.addressLines(a).forEach(l -> c.line(l, f.regular(), body));
        }
        c.gap(4);
        c.rule();
        List<PackingSlips.SlipLine> lines = PackingSlips.openLines(order, slip.stock());
        float barWidth = small ? c.width() * 0.55f : c.width() * 0.45f;
        float barHeight = small ? 24 : 30;
        float textX = c.left() + barWidth + 6;
        float textWidth = c.width() - barWidth - 6;
        for (PackingSlips.SlipLine l : lines) {
            c.need(barHeight + body * 1.3f + 6);
            Optional<Code128> code = Code128.of(l.sku());
            code.ifPresent(bars -> c.barsAt(bars, c.left(), barWidth, barHeight));
            c.textAt(l.quantity() + " x " + l.sku(), f.bold(), body, textX, textWidth);
            c.gap(body * 1.3f);
            c.textAt(l.title(), f.regular(), body - 1, textX, textWidth);
            c.gap(body * 1.3f);
            c.textAt(l.bin().isEmpty() ? "" : "Bin " + l.bin(), f.regular(), body - 1, textX, textWidth);
            c.gap(Math.max(barHeight - 2.6f * body, body * 1.3f) + 2);
            if (code.isEmpty()) {
                c.line(l.sku(), f.regular(), body - 1); // no barcode for it: at least the text
            }
            c.gap(4);
        }
        c.rule();
        c.line("Units: " + lines.stream().mapToInt(PackingSlips.SlipLine::quantity).sum(), f.bold(), body);
        if (seller.supportContact() != null && !seller.supportContact().isBlank()) {
            c.line("Questions? " + seller.supportContact(), f.regular(), body - 1);
        }
    }

    /** A full-width barcode block; nothing when the value cannot be a barcode (its text still prints). */
    static void barcode(PdfCanvas c, Optional<Code128> code, float maxWidth, float height) {
        if (code.isEmpty()) {
            return;
        }
        c.need(height + 2);
        c.barsAt(code.get(), c.left(), maxWidth, height);
        c.gap(height + 2);
    }
}
