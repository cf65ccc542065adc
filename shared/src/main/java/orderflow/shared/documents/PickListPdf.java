package orderflow.shared.documents;

import java.util.stream.Collectors;

import orderflow.shared.domain.PickList;

/** The pick list in walking order: per SKU its bin, the total to take, its SKU as Code 128 and the orders it goes to. */
final class PickListPdf {

    private PickListPdf() {
    }

    static void draw(PdfCanvas c, PickList list) {
        PdfFonts f = c.fonts();
        boolean small = c.size().small();
        float body = small ? 8 : 10;
        c.newPage();
        c.line("Pick list", f.bold(), small ? 12 : 16);
        c.line(list.orders() + " orders, " + list.units() + " units, " + list.lines().size() + " SKUs"
                + (list.more() ? " (oldest orders only: more are waiting)" : ""), f.regular(), body);
        c.rule();
        float barWidth = small ? c.width() * 0.55f : c.width() * 0.45f;
        float barHeight = small ? 24 : 30;
        float textX = c.left() + barWidth + 6;
        float textWidth = c.width() - barWidth - 6;
        for (PickList.Line l : list.lines()) {
            c.need(barHeight + 8);
            var code = Code128.of(l.sku());
            code.ifPresent(bars -> c.barsAt(bars, c.left(), barWidth, barHeight));
            c.textAt((l.binLocation() == null ? "no bin" : "Bin " + l.binLocation()) + ": " + l.quantity() + " x "
                    + l.sku(), f.bold(), body, textX, textWidth);
            c.gap(body * 1.3f);
            c.textAt(l.title(), f.regular(), body - 1, textX, textWidth);
            c.gap(body * 1.3f);
            c.textAt("For " + l.orders().stream().map(s -> s.quantity() + " to " + s.externalOrderId())
                    .collect(Collectors.joining(", ")), f.regular(), body - 1, textX, textWidth);
            c.gap(Math.max(barHeight - 2.6f * body, body * 1.3f) + 2);
            if (code.isEmpty()) {
                c.line(l.sku(), f.regular(), body - 1);
            }
            c.gap(4);
        }
    }
}
