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
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.ChannelSync;

/**
 * The seller's digest of one check run: orders newly late, orders at risk of shipping late, orders
 * waiting for the seller (held or backordered), buyer messages waiting more than 24 hours, and changes
 * the order's platform refused (FAILED channel syncs, each once). Its event id names the seller, the run and what it
 * lists, so a retried run that lists the same things is sent once. Each list shows at most
 * {@link #SHOWN} entries (the title counts them all): a queue message holds 256 KB, and a seller
 * with thousands of late orders needs the count and the API, not a list.
 */
public final class SellerDigests {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

    static final int SHOWN = 50;
    /** The platform's words are shown up to this length: enough to act on, not a whole error page. */
    static final int ERROR_SHOWN = 240;

    /** A change its platform refused (a FAILED sync), with its order for the number the seller knows. */
    public record Refused(Order order, ChannelSync sync) {
    }

    private SellerDigests() {
    }

    public static EmailMessage digest(Seller seller, String runId, List<Order> late, List<Order> atRisk,
                                      List<Order> held, List<MessageThread> overdue) {
        return digest(seller, runId, late, atRisk, held, overdue, List.of());
    }

    public static EmailMessage digest(Seller seller, String runId, List<Order> late, List<Order> atRisk,
                                      List<Order> held, List<MessageThread> overdue, List<Refused> refused) {
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
        data.put("refused", refused(refused));
        data.put("refusedTitle", refused.isEmpty() ? "" : "Not accepted by your platforms: " + refused.size()
                + (refused.size() == 1 ? " change" : " changes") + (refused.size() > SHOWN
                ? "; the first " + SHOWN + " below, each order's page shows its own" : ""));
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
        if (!refused.isEmpty()) {
            parts.add(refused.size() + " not accepted by a platform");
        }
        data.put("summary", String.join(", ", parts));
        StringBuilder listed = new StringBuilder();
        late.forEach(o -> listed.append("L").append(o.orderId()));
        atRisk.forEach(o -> listed.append("R").append(o.orderId()));
        held.forEach(o -> listed.append("H").append(o.orderId()));
        overdue.forEach(t -> listed.append("M").append(t.orderId()).append(t.awaitingSince()));
        refused.forEach(r -> listed.append("F").append(r.sync().syncId()).append(r.sync().updatedAt()));
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

    /** Each refused change: order, platform, what it was told, its words, and how to send it again. */
    private static List<Map<String, Object>> refused(List<Refused> refused) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Refused r : refused.subList(0, Math.min(SHOWN, refused.size()))) {
            ChannelSync s = r.sync();
            out.add(Map.of("orderId", s.orderId(), "externalOrderId", r.order().displayNumber(),
                    "platform", platformName(s.platform()), "kind", kindName(s.kind()),
                    "error", abbreviated(s.lastError()),
                    "retry", "POST /v1/orders/" + s.orderId() + "/channel-syncs/" + s.syncId() + "/retry"));
        }
        return out;
    }

    private static String platformName(String platform) {
        return switch (String.valueOf(platform)) {
            case ChannelLink.SHOPIFY -> "Shopify";
            case ChannelLink.WOOCOMMERCE -> "WooCommerce";
            case ChannelLink.AMAZON -> "Amazon";
            default -> String.valueOf(platform);
        };
    }

    private static String kindName(ChannelSync.Kind kind) {
        return switch (kind) {
            case SHIPMENT -> "shipment";
            case ACKNOWLEDGE -> "acknowledgement";
            case CANCEL -> "cancellation";
            case REFUND -> "refund";
        };
    }

    private static String abbreviated(String words) {
        if (words == null || words.isBlank()) {
            return "no reason given";
        }
        String one = words.strip().replaceAll("\\s+", " ");
        return one.length() <= ERROR_SHOWN ? one : one.substring(0, ERROR_SHOWN - 1) + "\u2026";
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
