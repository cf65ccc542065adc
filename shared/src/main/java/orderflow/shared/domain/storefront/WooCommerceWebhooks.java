package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.firstNonNull;
import static orderflow.shared.domain.storefront.PayloadReader.fullName;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

/**
 * WooCommerce order webhooks (X-WC-Webhook-Topic order.created, order.updated), whose body is the
 * REST API (v3) order. Money fields of the order and line_items[].subtotal/total are decimal
 * strings; line_items[].price is a JSON number computed as total / quantity (after coupons). The
 * order's total = sum of line subtotals - discount_total + shipping_total + total_tax (+ fee_lines,
 * which we do not take). Unknown fields are ignored; every bad field is reported at once.
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
        if (topic == null || topic.isBlank()) {
            return new StorefrontEvent.Ignored("woocommerce: no topic");
        }
        String t = topic.strip().toLowerCase(Locale.ROOT);
        if (!t.equals(ORDER_CREATED) && !t.equals(ORDER_UPDATED)) {
            return new StorefrontEvent.Ignored("woocommerce: topic " + PayloadReader.abbreviate(topic.strip())
                    + " is not handled");
        }
        String status = loose(body, "status");
        if (status == null) {
            throw new Failure.InvalidInput("The WooCommerce order has 1 invalid field.",
                    List.of(new FieldError("status", "is required")));
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            // pending: awaiting payment; on-hold: awaiting confirmation (bank transfer, cheque).
            case "pending", "on-hold" -> placed(body, false);
            // processing: paid, to be fulfilled; completed: fulfilled (a paid order all the same).
            case "processing", "completed" -> placed(body, true);
            case "cancelled" -> canceled(body, "woocommerce: cancelled");
            case "failed" -> canceled(body, "woocommerce: payment failed");
            case "refunded" -> new StorefrontEvent.Ignored("woocommerce: order " + idOrUnknown(body)
                    + " is refunded: refunds are handled elsewhere");
            // trash, checkout-draft, statuses added by plugins: nothing we know how to act on.
            default -> new StorefrontEvent.Ignored("woocommerce: order " + idOrUnknown(body) + " has status "
                    + PayloadReader.abbreviate(status) + ", which is not handled");
        };
    }

    private static String idOrUnknown(Map<String, Object> body) {
        Object id = body.get("id");
        return id instanceof Number || id instanceof String ? PayloadReader.abbreviate(id.toString()) : "?";
    }

    private static StorefrontEvent canceled(Map<String, Object> body, String reason) {
        PayloadReader in = new PayloadReader("WooCommerce");
        String id = in.id(body, "id", "id");
        in.throwIfAny();
        // WooCommerce does not say who canceled; a cancel by the shop is the conservative reading.
        return new StorefrontEvent.Canceled(id, false, reason);
    }

    private static StorefrontEvent placed(Map<String, Object> body, boolean paid) {
        PayloadReader in = new PayloadReader("WooCommerce");
        String id = in.id(body, "id", "id");
        // date_created is in the site's time zone, date_created_gmt in UTC; both come without an offset.
        Instant createdAt = loose(body, "date_created_gmt") != null
                ? in.instant(body, "date_created_gmt", "date_created_gmt", true)
                : in.instant(body, "date_created", "date_created", true);
        String currency = in.currency(body.get("currency"), "currency");

        Map<String, Object> billing = in.object(body, "billing", "billing", true);
        Map<String, Object> shipping = in.object(body, "shipping", "shipping", true);
        String emailValue = loose(billing, "email");
        String email = billing == null ? null : in.email(emailValue, "billing.email");
        String shipName = fullName(shipping, "first_name", "last_name");
        String buyerName = in.text(firstNonNull(fullName(billing, "first_name", "last_name"), shipName, emailValue),
                "billing.first_name", 200, billing != null);

        Address shipTo = null;
        if (shipping != null) {
            String name = in.text(shipName, "shipping.first_name", 200, true);
            String line1 = in.text(shipping, "address_1", "shipping.address_1", 200, true);
            String line2 = in.text(shipping, "address_2", "shipping.address_2", 200, false);
            String city = in.text(shipping, "city", "shipping.city", 100, true);
            String region = in.text(shipping, "state", "shipping.state", 100, false);
            String postcode = in.text(shipping, "postcode", "shipping.postcode", 20, true);
            String country = in.country(shipping, "country", "shipping.country");
            shipTo = new Address(name, line1, line2, city, region, postcode, country);
        }

        List<OrderLine> lines = lines(in, body, currency);
        List<Map<String, Object>> fees = in.objects(body, "fee_lines", "fee_lines", false);
        if (fees != null && !fees.isEmpty()) {
            in.error("fee_lines", "order fees are not supported: only line items, shipping, tax and discounts");
        }
        Money shippingTotal = in.amount(body, "shipping_total", "shipping_total", currency, false);
        Money tax = in.amount(body, "total_tax", "total_tax", currency, false);
        Money discount = in.amount(body, "discount_total", "discount_total", currency, false);
        Money declared = in.amount(body, "total", "total", currency, true);

        in.throwIfAny();
        Totals totals = PayloadReader.totals(lines, currency, shippingTotal, tax, discount);
        PayloadReader.requireTotal("WooCommerce", "total", declared, totals,
                "line subtotals - discount_total + shipping_total + total_tax");
        return new StorefrontEvent.Placed(new IncomingOrder(id, createdAt, paid, currency,
                new Buyer(buyerName, email), shipTo, lines, totals));
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> body, String currency) {
        return in.lineItems(body, (item, path) -> {
            String sku = in.sku(item, "sku", path + ".sku");
            Integer quantity = in.quantity(item, "quantity", path + ".quantity");
            Money unit = quantity == null ? null : unitPrice(in, item, path, currency, quantity);
            return sku == null || quantity == null || unit == null ? null
                    : new OrderLine(sku, PayloadReader.title(loose(item, "name"), sku), quantity, unit);
        });
    }

    /**
     * The unit price before coupons. subtotal (a decimal string: the line before discounts, tax
     * excluded) divided by quantity, exactly. price is only the fallback when subtotal is absent: it
     * is total / quantity, after coupons (taking it would subtract discount_total twice) and a PHP
     * float such as 11.115 or 17.990000000000002, which may be no exact amount at all. It is read
     * from the JSON text as a BigDecimal, never through a double, and refused when it is not.
     */
    private static Money unitPrice(PayloadReader in, Map<String, Object> item, String path, String currency, int quantity) {
        if (item.get("subtotal") != null) {
            Money subtotal = in.amount(item, "subtotal", path + ".subtotal", currency, true);
            return subtotal == null ? null : in.unitPrice(subtotal, quantity, path + ".subtotal");
        }
        return in.amount(item, "price", path + ".price", currency, true);
    }
}
