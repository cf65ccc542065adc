package orderflow.shared.email;

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

/** Builds the queued email messages for order events. */
public final class OrderEmails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    private OrderEmails() {
    }

    public static EmailMessage confirmation(Order order, Seller seller) {
        Map<String, Object> data = new HashMap<>();
        data.put("orderId", order.orderId());
        data.put("externalOrderId", order.externalOrderId());
        data.put("shipBy", DAY.format(order.shipBy().atZone(seller.timeZone())));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            lines.add(Map.of("sku", line.sku(), "title", line.title(), "quantity", line.quantity(),
                    "lineTotal", line.lineTotal().display()));
        }
        data.put("lines", lines);
        data.put("subtotal", order.totals().subtotal().display());
        data.put("shipping", order.totals().shipping().display());
        data.put("tax", order.totals().tax().display());
        data.put("total", order.totals().total().display());
        Address a = order.shipTo();
        data.put("shipToName", a.name());
        data.put("shipToLines", String.join(", ", nonBlank(a.line1(), a.line2(), a.city(), a.region(),
                a.postalCode(), a.country())));
        return new EmailMessage("order-confirmed:" + order.orderId(), "order-confirmed", order.buyer().email(),
                order.buyer().name(), seller.storeName(), seller.replyTo(), seller.supportContact(), data);
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p);
            }
        }
        return out;
    }
}
