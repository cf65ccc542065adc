package orderflow.shared.email;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.BuyerMessage;
import orderflow.shared.domain.Cancellation;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Presentment;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.Shipment;
import orderflow.shared.domain.Totals;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnPolicy;
import orderflow.shared.domain.returns.ReturnShippingPayer;

/** Builds the queued email messages for order events. */
public final class OrderEmails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    private OrderEmails() {
    }

    public static EmailMessage confirmation(Order order, Seller seller) {
        Map<String, Object> data = base(order);
        data.put("shipBy", DAY.format(order.shipBy().atZone(seller.timeZone())));
        Totals totals = buyerTotals(order);
        data.put("subtotal", totals.subtotal().display());
        data.put("discount", totals.discount().minor() == 0 ? "" : "-" + totals.discount().display());
        data.put("shipping", totals.shipping().display());
        data.put("tax", totals.tax().display());
        Address a = order.shipTo();
        data.put("shipToName", a.name());
        data.put("shipToLines", String.join(", ", nonBlank(a.line1(), a.line2(), a.city(), a.region(),
                a.postalCode(), a.country())));
        return message("order-confirmed", "order-confirmed:" + order.orderId(), order, seller, data);
    }

    public static EmailMessage canceled(Order order, Seller seller) {
        Map<String, Object> data = base(order);
        Cancellation c = order.fulfillment().cancellation();
        data.put("reason", c == null ? "" : humanReason(c.reason()));
        data.put("buyerRequested", c != null && c.buyerRequested() ? "yes" : "");
        return message("order-canceled", "order-canceled:" + order.orderId(), order, seller, data);
    }

    public static EmailMessage shipped(Order order, Shipment shipment, Seller seller) {
        Map<String, Object> data = base(order);
        data.put("carrier", shipment.carrier());
        data.put("trackingNumber", shipment.trackingNumber());
        data.put("trackingUrl", shipment.trackingUrl() == null ? "" : shipment.trackingUrl());
        data.put("shipDate", DAY.format(shipment.shipDate().atZone(seller.timeZone())));
        List<Map<String, Object>> lines = new ArrayList<>();
        shipment.quantities().forEach((sku, q) -> lines.add(Map.of("sku", sku, "title", title(order, sku),
                "quantity", q)));
        data.put("lines", lines);
        boolean rest = order.status() == OrderStatus.PARTIALLY_SHIPPED;
        data.put("more", rest ? "The rest of your order will follow in another package." : "");
        data.put("deliverBy", order.fulfillment().deliverBy() == null ? ""
                : DAY.format(order.fulfillment().deliverBy().atZone(seller.timeZone())));
        return message("order-shipped", "order-shipped:" + order.orderId() + ":" + shipment.shipmentId(), order,
                seller, data);
    }

    /** Confirmed but waiting for stock: the buyer hears so at once instead of wondering. */
    public static EmailMessage backordered(Order order, Seller seller) {
        return message("order-backordered", "order-backordered:" + order.orderId(), order, seller, base(order));
    }

    /** The seller's answer to the buyer's message; replies go to the seller's reply-to address. */
    public static EmailMessage sellerReply(Order order, Seller seller, BuyerMessage reply) {
        Map<String, Object> data = base(order);
        data.put("reply", reply.body());
        return message("seller-reply", "seller-reply:" + order.orderId() + ":" + reply.messageId(), order, seller, data);
    }

    /** The RMA and how to send the items back; the RMA number must be on the parcel. */
    public static EmailMessage returnAuthorized(Order order, Seller seller,
                                                ReturnAuthorization rma,
                                                ReturnPolicy policy) {
        Map<String, Object> data = base(order);
        data.put("rmaNumber", rma.rmaNumber());
        data.put("lines", rma.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(),
                "title", title(order, l.sku()), "quantity", l.quantity())).toList());
        data.put("shipping", policy.payer() == ReturnShippingPayer.SELLER
                ? "We pay the return shipping: reply to this email for a prepaid label."
                : "Return shipping is yours to pay; " + new Money(policy.returnShippingMinor(),
                        order.currency()).display() + " is deducted from the refund unless the item is faulty.");
        data.put("refundNote", policy.restockingFeePercent() == 0 ? ""
                : "A restocking fee of " + policy.restockingFeePercent() + "% applies unless the item is faulty.");
        return message("return-authorized", "return-authorized:" + rma.rmaId(), order, seller, data);
    }

    /** One email per refund (its id is the event id): the amount, and for a return what was deducted. */
    public static EmailMessage refundIssued(Order order, Seller seller, Refund refund) {
        Map<String, Object> data = base(order);
        data.put("amount", refund.amount().display());
        data.put("reason", refund.goodwill() ? refund.reason() : "your " + refund.reason());
        List<Map<String, Object>> deductions = new ArrayList<>();
        var b = refund.breakdown();
        if (b != null) {
            if (b.restockingFees().minor() > 0) {
                deductions.add(Map.of("what", "Restocking fee", "deducted", b.restockingFees().display()));
            }
            if (b.returnShipping().minor() > 0) {
                deductions.add(Map.of("what", "Return shipping", "deducted", b.returnShipping().display()));
            }
        }
        data.put("deductions", deductions);
        return message("refund-issued", "refund-issued:" + refund.refundId(), order, seller, data);
    }

    public static EmailMessage delivered(Order order, Seller seller) {
        Map<String, Object> data = base(order);
        return message("order-delivered", "order-delivered:" + order.orderId(), order, seller, data);
    }

    private static Map<String, Object> base(Order order) {
        Map<String, Object> data = new HashMap<>();
        data.put("orderId", order.orderId());
        data.put("externalOrderId", order.displayNumber()); // what the buyer knows it by (#1001)
        // The buyer reads amounts in the currency they paid in (Shopify's presentment money).
        Presentment paid = order.intake().presentment();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            Money lineTotal = paid == null ? line.lineTotal() : paid.lineTotal(i, line.quantity());
            lines.add(Map.of("sku", String.valueOf(line.sku()), "title", line.title(), "quantity", line.quantity(),
                    "lineTotal", lineTotal.display()));
        }
        data.put("lines", lines);
        data.put("total", buyerTotals(order).total().display());
        return data;
    }

    private static Totals buyerTotals(Order order) {
        Presentment paid = order.intake().presentment();
        return paid == null ? order.totals() : paid.totals();
    }

    private static EmailMessage message(String template, String eventId, Order order, Seller seller,
                                        Map<String, Object> data) {
        return new EmailMessage(eventId, template, order.buyer().email(), order.buyer().name(), seller.storeName(),
                seller.replyTo(), seller.supportContact(), data, order.orderId());
    }

    private static String title(Order order, String sku) {
        return order.lines().stream().filter(l -> sku.equals(l.sku())).map(OrderLine::title).findFirst().orElse(sku);
    }

    /** "OUT_OF_STOCK: note" -> "out of stock: note" for the buyer; a platform's own code stays internal. */
    private static String humanReason(String reason) {
        int colon = reason.indexOf(':');
        if (colon > 0 && reason.substring(colon + 1).strip().matches("(shopify|woocommerce|amazon):.*")) {
            reason = reason.substring(0, colon);
            colon = -1;
        }
        String code = colon < 0 ? reason : reason.substring(0, colon);
        String text = switch (code) {
            case "BUYER_REQUESTED" -> "you asked us to cancel it";
            case "OUT_OF_STOCK" -> "the item is out of stock";
            case "ADDRESS_UNDELIVERABLE" -> "we cannot deliver to the shipping address";
            case "PRICING_ERROR" -> "the item was listed at a wrong price";
            case "FRAUD_SUSPECTED" -> "we could not verify the payment";
            case Cancellation.PAYMENT_NOT_RECEIVED -> "the payment did not reach us in time";
            default -> "we were unable to fulfil it";
        };
        return colon < 0 ? text : text + " (" + reason.substring(colon + 1).strip() + ")";
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
