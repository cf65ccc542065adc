package orderflow.shared.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.MessageThread;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;

/**
 * The seller's digest of one check run: orders newly late, orders at risk of shipping late, orders
 * waiting for the seller (held or backordered), and buyer messages waiting more than 24 hours. Its event id names the seller, the run and what it
 * lists, so a retried run that lists the same things is sent once. Each list shows at most
 * {@link #SHOWN} entries (the title counts them all): a queue message holds 256 KB, and a seller
 * with thousands of late orders needs the count and the API, not a list.
 */
public final class SellerDigests {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

    static final int SHOWN = 50;

    private SellerDigests() {
    }

    public static EmailMessage digest(Seller seller, String runId, List<Order> late, List<Order> atRisk,
                                      List<Order> held, List<MessageThread> overdue) {
        Map<String, Object> data = new HashMap<>();
        data.put("late", orders(seller, late));
        data.put("atRisk", orders(seller, atRisk));
        List<Map<String, Object>> waitingOrders = new ArrayList<>();
        for (Order o : held.subList(0, Math.min(SHOWN, held.size()))) {
            waitingOrders.add(Map.of("orderId", o.orderId(), "externalOrderId", o.displayNumber(),
                    "status", o.status().name(), "reason", o.statusReason() == null ? "" : o.statusReason()));
        }
        data.put("held", waitingOrders);
        data.put("heldTitle", held.isEmpty() ? "" : held.size() + " waiting for you (on hold or backordered)"
                + more(held.size(), "GET /v1/orders?status=ON_HOLD"));
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (MessageThread t : overdue.subList(0, Math.min(SHOWN, overdue.size()))) {
            waiting.add(Map.of("orderId", t.orderId(), "externalOrderId", String.valueOf(t.externalOrderId()),
                    "buyerName", String.valueOf(t.buyerName()),
                    "waitingSince", WHEN.format(t.awaitingSince().atZone(seller.timeZone()))));
        }
        data.put("overdue", waiting);
        data.put("lateTitle", late.isEmpty() ? "" : late.size() + " late (past the ship-by date, not shipped)"
                + more(late.size(), "GET /v1/orders?late=true"));
        data.put("atRiskTitle", atRisk.isEmpty() ? "" : atRisk.size() + " at risk (ship-by date close)"
                + more(atRisk.size(), "GET /v1/picklist?status=UNSHIPPED"));
        data.put("overdueTitle", overdue.isEmpty() ? "" : overdue.size() + " buyer message"
                + (overdue.size() == 1 ? "" : "s") + " waiting more than 24 hours"
                + more(overdue.size(), "GET /v1/messages"));
        List<String> parts = new ArrayList<>();
        if (!late.isEmpty()) {
            parts.add(late.size() + " late");
        }
        if (!atRisk.isEmpty()) {
            parts.add(atRisk.size() + " at risk");
        }
        if (!held.isEmpty()) {
            parts.add(held.size() + " waiting for you");
        }
        if (!overdue.isEmpty()) {
            parts.add(overdue.size() + " unanswered");
        }
        data.put("summary", String.join(", ", parts));
        StringBuilder listed = new StringBuilder();
        late.forEach(o -> listed.append("L").append(o.orderId()));
        atRisk.forEach(o -> listed.append("R").append(o.orderId()));
        held.forEach(o -> listed.append("H").append(o.orderId()));
        overdue.forEach(t -> listed.append("M").append(t.orderId()).append(t.awaitingSince()));
        return new EmailMessage("seller-digest:" + seller.sellerId() + ":" + runId + ":" + hash(listed.toString()),
                "seller-digest", seller.notifyEmail(), seller.storeName(), seller.storeName(), null,
                seller.supportContact(), data);
    }

    private static String more(int count, String all) {
        return count > SHOWN ? "; the first " + SHOWN + " below, all of them: " + all : "";
    }

    private static List<Map<String, Object>> orders(Seller seller, List<Order> orders) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Order o : orders.subList(0, Math.min(SHOWN, orders.size()))) {
            out.add(Map.of("orderId", o.orderId(), "externalOrderId", o.displayNumber(),
                    "status", o.status().name(), "shipBy", WHEN.format(o.shipBy().atZone(seller.timeZone()))));
        }
        return out;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
