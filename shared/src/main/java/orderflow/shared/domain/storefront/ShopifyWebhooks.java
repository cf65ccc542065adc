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
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

/**
 * Shopify order webhooks (X-Shopify-Topic orders/create, orders/paid, orders/cancelled), whose body
 * is the REST Admin API Order: prices are decimal strings in the shop currency, line_items[].price
 * is the unit price before discounts, total_discounts covers the order's discounts, and
 * total_price = total_line_items_price - total_discounts + shipping + total_tax (taxes not included).
 * Unknown fields are ignored; every bad field is reported at once, by its JSON path.
 */
public final class ShopifyWebhooks {

    public static final String ORDERS_CREATE = "orders/create";
    public static final String ORDERS_PAID = "orders/paid";
    public static final String ORDERS_CANCELLED = "orders/cancelled";

    private ShopifyWebhooks() {
    }

    public static StorefrontEvent parse(String topic, Map<String, Object> body) {
        if (body == null) {
            body = Map.of();
        }
        if (topic == null || topic.isBlank()) {
            return new StorefrontEvent.Ignored("shopify: no topic");
        }
        return switch (topic.strip().toLowerCase(Locale.ROOT)) {
            case ORDERS_CREATE, ORDERS_PAID -> placed(body);
            case ORDERS_CANCELLED -> canceled(body);
            default -> new StorefrontEvent.Ignored("shopify: topic " + PayloadReader.abbreviate(topic.strip())
                    + " is not handled");
        };
    }

    private static StorefrontEvent canceled(Map<String, Object> body) {
        PayloadReader in = new PayloadReader("Shopify");
        String id = in.id(body, "id", "id");
        in.throwIfAny();
        // cancel_reason: customer, declined, fraud, inventory, staff, other (null on old orders).
        String why = loose(body, "cancel_reason");
        String reason = why == null ? "unspecified" : why.toLowerCase(Locale.ROOT);
        return new StorefrontEvent.Canceled(id, reason.equals("customer"), "shopify: " + PayloadReader.abbreviate(reason));
    }

    private static StorefrontEvent placed(Map<String, Object> body) {
        PayloadReader in = new PayloadReader("Shopify");
        String id = in.id(body, "id", "id");

        // Paid means the money is secured: "paid", or "authorized" (captured later by the merchant,
        // the usual manual-capture setup), so the order can be picked. "pending" and
        // "partially_paid" wait for orders/paid. "partially_refunded" (and any status Shopify may
        // add) is not counted as paid either: only the two statuses above release stock to picking.
        // "voided", "expired" and "refunded" mean no money will come: nothing to fulfil.
        String status = loose(body, "financial_status");
        boolean paid = false;
        if (status == null) {
            in.error("financial_status", "is required");
        } else {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "paid", "authorized" -> paid = true;
                case "voided", "expired" -> {
                    return new StorefrontEvent.Ignored("shopify: order " + (id == null ? "?" : id) + " is "
                            + status.toLowerCase(Locale.ROOT) + ": no payment will come, nothing to fulfil");
                }
                case "refunded" -> {
                    return new StorefrontEvent.Ignored("shopify: order " + (id == null ? "?" : id)
                            + " is refunded: refunds are handled elsewhere");
                }
                default -> paid = false;
            }
        }

        Instant createdAt = in.instant(body, "created_at", "created_at", false);
        String currency = in.currency(body.get("currency"), "currency");
        if (Boolean.TRUE.equals(body.get("taxes_included"))) {
            // Our Totals add tax on top of line prices; a tax-inclusive order would be counted twice.
            in.error("taxes_included", "tax-inclusive prices are not supported: totals add tax on top of line prices");
        }

        Map<String, Object> customer = in.object(body, "customer", "customer", false);
        Map<String, Object> ship = in.object(body, "shipping_address", "shipping_address", true);

        String emailValue = firstNonNull(loose(body, "email"), loose(body, "contact_email"),
                loose(customer, "email"));
        String email = in.email(emailValue, "email");
        String shipName = ship == null ? null
                : firstNonNull(loose(ship, "name"), fullName(ship, "first_name", "last_name"));
        String buyerName = in.text(firstNonNull(fullName(customer, "first_name", "last_name"), shipName,
                emailValue), "customer", 200, true);

        Address shipTo = null;
        if (ship != null) {
            String name = in.text(shipName, "shipping_address.name", 200, true);
            String line1 = in.text(ship, "address1", "shipping_address.address1", 200, true);
            String line2 = in.text(ship, "address2", "shipping_address.address2", 200, false);
            String city = in.text(ship, "city", "shipping_address.city", 100, true);
            String region = loose(ship, "province_code") != null
                    ? in.text(ship, "province_code", "shipping_address.province_code", 100, false)
                    : in.text(ship, "province", "shipping_address.province", 100, false);
            String zip = in.text(ship, "zip", "shipping_address.zip", 20, true);
            String country = in.country(ship, "country_code", "shipping_address.country_code");
            shipTo = new Address(name, line1, line2, city, region, zip, country);
        }

        List<OrderLine> lines = lines(in, body, currency);
        Money shipping = shipping(in, body, currency);
        Money tax = in.amount(body, "total_tax", "total_tax", currency, false);
        Money discount = in.amount(body, "total_discounts", "total_discounts", currency, false);
        Money declared = in.amount(body, "total_price", "total_price", currency, true);

        in.throwIfAny();
        Totals totals = PayloadReader.totals(lines, currency, shipping, tax, discount);
        PayloadReader.requireTotal("Shopify", "total_price", declared, totals, "line items - discounts + shipping + tax");
        return new StorefrontEvent.Placed(new IncomingOrder(id, createdAt, paid, currency,
                new Buyer(buyerName, email), shipTo, lines, totals));
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> body, String currency) {
        return in.lineItems(body, (item, path) -> {
            String sku = in.sku(item, "sku", path + ".sku");
            Integer quantity = in.quantity(item, "quantity", path + ".quantity");
            Money price = in.amount(item, "price", path + ".price", currency, true);
            if (sku == null || quantity == null || price == null) {
                return null;
            }
            return new OrderLine(sku, PayloadReader.title(firstNonNull(loose(item, "title"), loose(item, "name")), sku),
                    quantity, price);
        });
    }

    /** shipping_lines[].price (before shipping discounts, which are in total_discounts), else total_shipping_price_set. */
    private static Money shipping(PayloadReader in, Map<String, Object> body, String currency) {
        List<Map<String, Object>> shippingLines = in.objects(body, "shipping_lines", "shipping_lines", false);
        if (shippingLines != null) {
            Money sum = currency == null ? null : Money.zero(currency);
            for (int i = 0; i < shippingLines.size(); i++) {
                if (shippingLines.get(i) == null) {
                    continue;
                }
                Money price = in.amount(shippingLines.get(i), "price", "shipping_lines[" + i + "].price", currency, true);
                if (price != null && sum != null) {
                    sum = sum.plus(price);
                }
            }
            return sum;
        }
        Map<String, Object> set = in.object(body, "total_shipping_price_set", "total_shipping_price_set", false);
        Map<String, Object> shop = in.object(set, "shop_money", "total_shipping_price_set.shop_money", false);
        return in.amount(shop, "amount", "total_shipping_price_set.shop_money.amount", currency, false);
    }
}
