package orderflow.shared.api;

import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Shipment;

/**
 * One CSV row per order for the seller's books (RFC 4180: quoted when needed, CRLF line ends).
 * Cells that a spreadsheet would run as a formula (= + - @ and tab or CR first) get a leading
 * apostrophe: buyer names and notes come from strangers.
 */
public final class OrderCsv {

    public static final String HEADER = row(List.of("orderId", "externalOrderId", "displayNumber", "storefrontId",
            "createdAt", "status", "currency", "items", "subtotal", "discount", "shipping", "fees", "tax", "total", "buyerName", "buyerEmail",
            "shipToCountry", "shipBy", "firstShippedAt", "deliveredAt", "lateShipment", "trackingNumbers",
            "canceledAt", "cancelReason", "buyerRequestedCancel"));

    private OrderCsv() {
    }

    public static String row(Order o) {
        var f = o.fulfillment();
        String firstShipped = f.shipments().stream().map(Shipment::shipDate).min(Comparator.naturalOrder())
                .map(Object::toString).orElse("");
        String delivered = f.allDelivered() ? f.shipments().stream().map(Shipment::deliveredAt)
                .max(Comparator.naturalOrder()).map(Object::toString).orElse("") : "";
        return row(List.of(o.orderId(), o.externalOrderId(), o.displayNumber(), o.storefrontId(), o.createdAt().toString(),
                o.status().name(), o.currency(),
                Integer.toString(o.lines().stream().mapToInt(OrderLine::quantity).sum()),
                o.totals().subtotal().toDecimalString(), o.totals().discount().toDecimalString(),
                o.totals().shipping().toDecimalString(), o.totals().fees().toDecimalString(),
                o.totals().tax().toDecimalString(), o.totals().total().toDecimalString(),
                o.buyer().name(), nullToEmpty(o.buyer().email()), nullToEmpty(o.shipTo().country()),
                o.shipBy() == null ? "" : o.shipBy().toString(), firstShipped, delivered,
                Boolean.toString(f.anyLate()),
                f.shipments().stream().map(s -> s.carrier() + " " + s.trackingNumber()).collect(Collectors.joining("; ")),
                f.cancellation() == null ? "" : f.cancellation().at().toString(),
                f.cancellation() == null ? "" : f.cancellation().reason(),
                f.cancellation() == null ? "" : Boolean.toString(f.cancellation().buyerRequested())));
    }

    static String row(List<String> cells) {
        StringJoiner line = new StringJoiner(",", "", "\r\n");
        for (String cell : cells) {
            line.add(cell(cell));
        }
        return line.toString();
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
