package orderflow.shared.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.StockItem;
import orderflow.shared.email.EmailTemplates;

/**
 * The printable packing slip (resources/documents/packing-slip.html), rendered with the email
 * templates' engine: every value HTML-escaped. Shows what is left to ship, with bins and codes.
 */
public final class PackingSlips {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private PackingSlips() {
    }

    public static String render(Order order, Seller seller, Map<String, StockItem> stock) {
        Map<String, Object> values = new HashMap<>();
        values.put("storeName", seller.storeName());
        values.put("supportContact", seller.supportContact() == null ? "" : seller.supportContact());
        values.put("orderId", order.orderId());
        values.put("externalOrderId", order.displayNumber());
        values.put("orderDate", DAY.format(order.createdAt().atZone(seller.timeZone())));
        values.put("shipBy", order.shipBy() == null ? "" : DAY.format(order.shipBy().atZone(seller.timeZone())));
        Address a = order.shipTo();
        values.put("shipToName", a.name() == null ? "" : a.name());
        values.put("address", addressLines(a).stream().map(l -> Map.<String, Object>of("line", l)).toList());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SlipLine l : openLines(order, stock)) {
            lines.add(Map.of("sku", l.sku(), "title", l.title(), "quantity", l.quantity(), "bin", l.bin(),
                    "code", l.code()));
        }
        values.put("lines", lines);
        values.put("units", lines.stream().mapToInt(l -> (Integer) l.get("quantity")).sum());
        return EmailTemplates.render(load(), values, true);
    }

    /** What is left to ship, line by line, with each SKU's bin and scan code ("" when unknown). */
    record SlipLine(String sku, String title, int quantity, String bin, String code) {
    }

    static List<SlipLine> openLines(Order order, Map<String, StockItem> stock) {
        Map<String, Integer> left = order.unshippedBySku();
        List<SlipLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Integer open = left.get(line.sku());
            if (open == null) {
                continue;
            }
            StockItem item = stock.get(line.sku());
            lines.add(new SlipLine(line.sku(), line.title(), Math.min(open, line.quantity()),
                    item == null || item.binLocation() == null ? "" : item.binLocation(),
                    item == null ? line.sku() : item.scanCode()));
            left.merge(line.sku(), -Math.min(open, line.quantity()), Integer::sum);
            left.values().removeIf(q -> q <= 0);
        }
        return lines;
    }

    /** The ship-to address as printed lines: street, street, "postcode city region", country. */
    static List<String> addressLines(Address a) {
        List<String> addressLines = new ArrayList<>();
        for (String part : new String[] {a.line1(), a.line2(),
                String.join(" ", nonNull(a.postalCode()), nonNull(a.city()), nonNull(a.region())).strip(), a.country()}) {
            if (part != null && !part.isBlank()) {
                addressLines.add(part);
            }
        }
        return addressLines;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String load() {
        try (InputStream in = PackingSlips.class.getResourceAsStream("/documents/packing-slip.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
