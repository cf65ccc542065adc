package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.firstNonNull;
import static orderflow.shared.domain.storefront.PayloadReader.fullName;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

/**
 * WooCommerce order webhooks (X-WC-Webhook-Topic order.created, order.updated), whose body is the
 * REST API (v3) order. Money fields of the order and line_items[].subtotal/total are decimal
 * strings, always before tax (even with prices_include_tax); line_items[].price is a JSON number
 * computed as total / quantity (after coupons). total = line subtotals - discount_total +
 * shipping_total + fee_lines totals + total_tax (which holds the fees' tax).
 *
 * <p>Status: processing is paid; pending (awaiting payment), on-hold (bank transfer, cheque) and
 * failed (the card was declined; the buyer may pay again, and a later processing goes on as paid)
 * wait as PENDING; cancelled cancels; completed means the shop shipped it on WooCommerce, recorded
 * here as a shipment (never a new order to ship); refunded, or a refunds list with any status, records
 * the refunds made on WooCommerce ({@link WooCommercePlatformRefunds}). WooCommerce does not retry a failed delivery and
 * disables the webhook after 5 in a row, so nothing here is refused: what we cannot act on is a hold.
 */
public final class WooCommerceWebhooks {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_UPDATED = "order.updated";

    private WooCommerceWebhooks() {
    }

    public static StorefrontEvent parse(String topic, Map<String, Object> body) {
        if (body == null) {
            body = Map.of();
        }
        String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        if (!t.equals(ORDER_CREATED) && !t.equals(ORDER_UPDATED)) {
            return new StorefrontEvent.Ignored("woocommerce: topic " + (t.isEmpty() ? "(none)" : PayloadReader.abbreviate(t))
                    + " is not handled");
        }
        String status = loose(body, "status");
        StorefrontEvent event = switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "pending", "on-hold", "failed" -> placed(body, false);
            case "processing" -> placed(body, true);
            // With a parcel's tracking: shipped from the WooCommerce admin, recorded here (an order first seen
            // so is kept too, then shipped). Without: a paid order (autocomplete plugins complete before shipping).
            case "completed" -> WooCommerceShipments.shipped(body)
                    ? StorefrontEvent.Shipped.withOrder(WooCommerceShipments.completed(body), placed(body, true))
                    : placed(body, true);
            case "cancelled" -> canceled(body, "woocommerce: cancelled");
            // Refunded in full: the order's refunds list says how much, read below.
            case "refunded" -> new StorefrontEvent.Ignored("woocommerce: order " + idOrUnknown(body)
                    + " is refunded but lists no refund we can read: record the refund with the seller API");
            // trash, checkout-draft, statuses added by plugins: nothing we know how to act on.
            default -> new StorefrontEvent.Ignored("woocommerce: order " + idOrUnknown(body) + " has status "
                    + (status == null ? "(none)" : PayloadReader.abbreviate(status)) + ", which is not handled");
        };
        // Refunds made on WooCommerce come with the order, whatever its status (a partial one leaves it).
        return WooCommercePlatformRefunds.withRefunds(body, event);
    }

    private static String idOrUnknown(Map<String, Object> body) {
        Object id = body.get("id");
        return id instanceof Number || id instanceof String ? PayloadReader.abbreviate(id.toString()) : "?";
    }

    private static StorefrontEvent canceled(Map<String, Object> body, String reason) {
        PayloadReader in = new PayloadReader();
        String id = in.id(body, "id", "id");
        // WooCommerce does not say who canceled; a cancel by the shop is the conservative reading.
        StorefrontEvent order = placed(body, false);
        return new StorefrontEvent.Canceled(id, false, reason,
                order instanceof StorefrontEvent.Placed p ? p.order() : null);
    }

    private static StorefrontEvent placed(Map<String, Object> body, boolean paid) {
        PayloadReader in = new PayloadReader();
        String id = in.id(body, "id", "id");
        // date_created is in the site's time zone, date_created_gmt in UTC; both come without an offset.
        Instant createdAt = loose(body, "date_created_gmt") != null
                ? in.instant(body, "date_created_gmt", "date_created_gmt", true)
                : in.instant(body, "date_created", "date_created", true);
        String currency = in.currency(body.get("currency"), "currency");
        String money = PayloadReader.currencyOrNone(currency);

        Map<String, Object> billing = in.object(body, "billing", "billing", false);
        Map<String, Object> shipping = in.object(body, "shipping", "shipping", false);
        String email = in.email(loose(billing, "email"), "billing.email");
        String buyerName = PayloadReader.title(firstNonNull(fullName(billing, "first_name", "last_name"),
                fullName(shipping, "first_name", "last_name"), email, loose(billing, "phone")), "WooCommerce buyer");

        // An empty shipping address means "ship to the billing address" (or nothing to ship).
        Map<String, Object> to = loose(shipping, "address_1") != null ? shipping
                : loose(billing, "address_1") != null ? billing : null;
        String prefix = to == shipping ? "shipping" : "billing";
        Address shipTo = Address.NONE;
        if (to == null) {
            in.error("shipping.address_1", "is empty and so is billing.address_1: add the address on WooCommerce (the "
                    + "order.updated delivery updates the order here) or cancel the order");
        } else {
            String name = in.text(firstNonNull(fullName(to, "first_name", "last_name"), loose(to, "company"), buyerName),
                    prefix + ".first_name", 200, true);
            String line1 = in.text(to, "address_1", prefix + ".address_1", 200, true);
            String line2 = in.text(to, "address_2", prefix + ".address_2", 200, false);
            String city = in.text(to, "city", prefix + ".city", 100, false);
            String region = in.text(to, "state", prefix + ".state", 100, false);
            String postcode = in.text(to, "postcode", prefix + ".postcode", 20, false);
            String country = in.country(to, "country", prefix + ".country");
            shipTo = new Address(name, line1, line2, city, region, postcode, country);
        }

        List<OrderLine> lines = lines(in, body, money);
        Money fees = Money.zero(money);
        List<Map<String, Object>> feeLines = in.objects(body, "fee_lines", "fee_lines", false);
        if (feeLines != null) {
            for (int i = 0; i < feeLines.size(); i++) {
                if (feeLines.get(i) != null) {
                    // A fee may be negative (a discount given as a fee); it is added as it is.
                    fees = PayloadReader.plus(fees, signedAmount(in, feeLines.get(i).get("total"),
                            "fee_lines[" + i + "].total", money));
                }
            }
        }
        Money shippingTotal = in.amount(body, "shipping_total", "shipping_total", money, false);
        Money tax = in.amount(body, "total_tax", "total_tax", money, false);
        Money discount = in.amount(body, "discount_total", "discount_total", money, false);
        Money declared = in.amount(body, "total", "total", money, true);

        Totals totals = in.checkTotal("total", declared,
                PayloadReader.totals(lines, money, shippingTotal, tax, discount, fees, false),
                "line subtotals - discount_total + shipping_total + fee_lines + total_tax");
        Intake intake = new Intake(PayloadReader.displayNumber(body.get("number")), false, false, in.holds(), null, null, in.notes());
        return new StorefrontEvent.Placed(new IncomingOrder(id, createdAt, paid, money, new Buyer(buyerName, email),
                shipTo, lines, totals, intake));
    }

    private static Money signedAmount(PayloadReader in, Object value, String path, String currency) {
        String text = value instanceof BigDecimal d ? d.toPlainString()
                : value instanceof Number n ? n.toString() : value instanceof String s ? s.strip() : null;
        if (text != null && text.startsWith("-")) {
            Money positive = in.amount(text.substring(1), path, currency, false, null);
            return positive == null ? null : new Money(-positive.minor(), positive.currency());
        }
        return in.amount(value, path, currency, false, null);
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> body, String currency) {
        return in.lineItems(body, (item, path) -> {
            String sku = in.sku(item, "sku", path + ".sku");
            Integer quantity = in.quantity(item, "quantity", path + ".quantity");
            if (quantity == null) {
                return null;
            }
            Money unit = unitPrice(in, item, path, currency, quantity);
            Object variation = item.get("variation_id");
            Object ref = variation instanceof Number n && n.longValue() != 0 ? variation : item.get("product_id");
            return new OrderLine(sku, PayloadReader.title(loose(item, "name"), sku == null ? "line " + path : sku),
                    quantity, unit == null ? Money.zero(currency) : unit,
                    ref instanceof Number || ref instanceof String ? ref.toString() : null, PayloadReader.idText(item.get("id")));
        });
    }

    /**
     * The unit price before coupons. subtotal (a decimal string: the line before discounts, tax
     * excluded) divided by quantity, exactly. price is only the fallback when subtotal is absent: it
     * is total / quantity, after coupons (taking it would subtract discount_total twice) and a PHP
     * float such as 11.115 or 17.990000000000002, which may be no exact amount at all. It is read
     * from the JSON text as a BigDecimal, never through a double.
     */
    private static Money unitPrice(PayloadReader in, Map<String, Object> item, String path, String currency, int quantity) {
        if (item.get("subtotal") != null) {
            Money subtotal = in.amount(item, "subtotal", path + ".subtotal", currency, true);
            return subtotal == null ? null : in.unitPrice(subtotal, quantity, path + ".subtotal");
        }
        return in.amount(item, "price", path + ".price", currency, true);
    }
}
