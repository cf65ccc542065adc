package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.firstNonNull;
import static orderflow.shared.domain.storefront.PayloadReader.fullName;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Presentment;
import orderflow.shared.domain.Totals;

/**
 * Shopify order webhooks, whose body is the REST Admin API Order: prices are decimal strings in the
 * shop currency, line_items[].price is the unit price before discounts, total_discounts covers the
 * order's discounts. total_price = lines - total_discounts + shipping + tip + duties + additional
 * fees, + total_tax unless taxes_included (then the line prices hold the tax already).
 *
 * <p>What the delivery means is read from the signed body, never from the unsigned X-Shopify-Topic
 * header alone: cancelled_at set is a cancel whatever the topic says, so a captured orders/create
 * re-posted as orders/cancelled changes nothing. The topic only tells order topics (orders/create,
 * orders/paid, orders/updated, orders/cancelled, ...) from the rest, and shipments made on Shopify
 * (fulfillments/create, orders/fulfilled, orders/partially_fulfilled) from orders to keep: a shipment
 * only ever records a package on an order that is here; refunds/create records money paid back on
 * Shopify, likewise only on an order that is here. A field we cannot read or act on
 * is a hold on the order, never a refusal: Shopify drops a delivery after 8 failed tries.
 */
public final class ShopifyWebhooks {

    public static final String ORDERS_CREATE = "orders/create";
    public static final String ORDERS_PAID = "orders/paid";
    public static final String ORDERS_CANCELLED = "orders/cancelled";
    public static final String ORDERS_UPDATED = "orders/updated";
    public static final String ORDERS_FULFILLED = "orders/fulfilled";
    public static final String ORDERS_PARTIALLY_FULFILLED = "orders/partially_fulfilled";
    public static final String FULFILLMENTS_CREATE = "fulfillments/create";
    public static final String REFUNDS_CREATE = "refunds/create";

    /**
     * Gateways that collect the money when the parcel arrives or outside Shopify: ship while pending.
     * Whole words, so a card gateway such as "Checkout.com" or "Decode Pay" never matches.
     */
    private static final Pattern MANUAL_GATEWAY = Pattern.compile("\\b(cash on delivery|cod|manual|bank deposit|"
            + "bank transfer|money order|cheque|pay(ment)? on delivery|invoice)\\b");

    private ShopifyWebhooks() {
    }

    public static StorefrontEvent parse(String topic, Map<String, Object> body) {
        if (body == null) {
            body = Map.of();
        }
        String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        if (t.equals(FULFILLMENTS_CREATE)) {
            // A package shipped from the Shopify admin (or ours coming back: a repeat, by its tracking number).
            return ShopifyFulfillments.created(body);
        }
        if (t.equals(REFUNDS_CREATE)) {
            // Money paid back from the Shopify admin (or ours coming back: recognised by the note's marker).
            return ShopifyPlatformRefunds.created(body);
        }
        if (t.startsWith("refunds/")) {
            return new StorefrontEvent.Ignored("shopify: " + PayloadReader.abbreviate(t) + " is not handled: refunds are "
                    + "read from refunds/create");
        }
        if (!t.startsWith("orders/")) {
            return new StorefrontEvent.Ignored("shopify: topic " + (t.isEmpty() ? "(none)" : PayloadReader.abbreviate(t))
                    + " is not an order topic");
        }
        if (t.equals("orders/delete") || t.equals("orders/edited")) {
            // delete carries only the id; edited carries an order_edit, and Shopify sends orders/updated too.
            return new StorefrontEvent.Ignored("shopify: " + t + " is read from orders/updated and orders/cancelled");
        }
        if (loose(body, "cancelled_at") != null) {
            return canceled(body);
        }
        if (t.equals(ORDERS_FULFILLED) || t.equals(ORDERS_PARTIALLY_FULFILLED)) {
            // The whole order comes with its fulfillments: kept even if its orders/create never came.
            return StorefrontEvent.Shipped.withOrder(ShopifyFulfillments.ofOrder(t, body), placed(body, false));
        }
        return placed(body, false);
    }

    private static StorefrontEvent canceled(Map<String, Object> body) {
        PayloadReader in = new PayloadReader();
        String id = in.id(body, "id", "id");
        // cancel_reason: customer, declined, fraud, inventory, staff, other (null on old orders).
        String why = loose(body, "cancel_reason");
        String reason = why == null ? "unspecified" : why.toLowerCase(Locale.ROOT);
        StorefrontEvent order = placed(body, true);
        return new StorefrontEvent.Canceled(id, reason.equals("customer"), "shopify: " + PayloadReader.abbreviate(reason),
                order instanceof StorefrontEvent.Placed p ? p.order() : null);
    }

    /** canceling: read for a cancel's record of the order, whatever its payment became. */
    private static StorefrontEvent placed(Map<String, Object> body, boolean canceling) {
        PayloadReader in = new PayloadReader();
        String id = in.id(body, "id", "id");

        // Paid means the money is secured: "paid", "authorized" (captured later by the merchant, the
        // usual manual-capture setup), "partially_refunded" (paid, some given back). "pending" and
        // "partially_paid" wait for orders/paid, except with a manual gateway (cash on delivery,
        // bank deposit): those are shipped while pending and marked pay on delivery.
        String status = loose(body, "financial_status");
        boolean paid = false;
        boolean payOnDelivery = false;
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        switch (canceling ? "canceled" : s) {
            case "canceled" -> paid = false;
            case "paid", "authorized", "partially_refunded" -> paid = true;
            case "voided", "expired" -> {
                return new StorefrontEvent.Ignored("shopify: order " + (id == null ? "?" : id) + " is " + s
                        + ": no payment will come, nothing to fulfil");
            }
            case "refunded" -> {
                return new StorefrontEvent.Ignored("shopify: order " + (id == null ? "?" : id)
                        + " is refunded: refunds are handled elsewhere");
            }
            case "pending" -> payOnDelivery = manualGateway(body);
            case "partially_paid" -> paid = false;
            default -> in.note("financial_status " + (status == null ? "is absent" : PayloadReader.abbreviate(status)
                    + " is unknown") + ": the order waits for payment");
        }

        Instant createdAt = in.instant(body, "created_at", "created_at", false);
        String currency = in.currency(body.get("currency"), "currency");
        String money = PayloadReader.currencyOrNone(currency);
        boolean taxesIncluded = Boolean.TRUE.equals(body.get("taxes_included"));
        String presentmentCurrency = loose(body, "presentment_currency");
        if (presentmentCurrency != null && currency != null && !presentmentCurrency.equals(currency)) {
            in.note("the buyer paid in " + PayloadReader.abbreviate(presentmentCurrency) + "; amounts here are in the shop "
                    + "currency " + currency + ", the buyer's emails show theirs");
        }

        Map<String, Object> customer = in.object(body, "customer", "customer", false);
        Map<String, Object> ship = in.object(body, "shipping_address", "shipping_address", false);

        String email = in.email(firstNonNull(loose(body, "email"), loose(body, "contact_email"), loose(customer, "email")),
                "email");
        String shipName = ship == null ? null
                : firstNonNull(loose(ship, "name"), fullName(ship, "first_name", "last_name"));
        String phone = firstNonNull(loose(body, "phone"), loose(customer, "phone"));
        String buyerName = PayloadReader.title(firstNonNull(fullName(customer, "first_name", "last_name"), shipName,
                email, phone), "Shopify buyer");

        List<OrderLine> lines = lines(in, body, money);
        Address shipTo = address(in, ship, needsShipping(body));
        Money shipping = shipping(in, body, money);
        Money tax = in.amount(body, "total_tax", "total_tax", money, false);
        Money discount = in.amount(body, "total_discounts", "total_discounts", money, false);
        Money fees = PayloadReader.plus(PayloadReader.plus(
                in.amount(body, "total_tip_received", "total_tip_received", money, false),
                shopMoney(in, body, "original_total_duties_set", "current_total_duties_set", money)),
                shopMoney(in, body, "original_total_additional_fees_set", "current_total_additional_fees_set", money));
        Money declared = in.amount(body, "total_price", "total_price", money, true);

        Totals totals = in.checkTotal("total_price", declared,
                PayloadReader.totals(lines, money, shipping, tax, discount, fees, taxesIncluded),
                taxesIncluded ? "line items - discounts + shipping + tip, duties and fees (tax included in prices)"
                        : "line items - discounts + shipping + tip, duties and fees + tax");
        Presentment buyerMoney = presentment(body, currency, presentmentCurrency, lines.size(), taxesIncluded);
        Intake intake = new Intake(PayloadReader.displayNumber(body.get("name")), payOnDelivery, false, in.holds(),
                null, null, in.notes(), buyerMoney);
        return new StorefrontEvent.Placed(new IncomingOrder(id, createdAt, paid, money, new Buyer(buyerName, email),
                shipTo, lines, totals, intake));
    }

    /**
     * The buyer's own money (each *_set's presentment_money) when it is not the shop's: line prices,
     * discounts, shipping, tax and the total, fees being what the total holds besides. Null when the
     * currencies are the same or any amount is missing: the buyer's emails then show shop money.
     */
    private static Presentment presentment(Map<String, Object> body, String shopCurrency, String buyerCurrency,
                                           int lineCount, boolean taxesIncluded) {
        if (buyerCurrency == null || shopCurrency == null || buyerCurrency.equals(shopCurrency)
                || !Money.isCurrency(buyerCurrency) || !(body.get("line_items") instanceof List<?> items)
                || items.size() != lineCount) {
            return null;
        }
        List<Money> unitPrices = new ArrayList<>();
        Money subtotal = Money.zero(buyerCurrency);
        for (Object item : items) {
            Money unit = item instanceof Map<?, ?> m ? presentmentMoney(m.get("price_set"), buyerCurrency) : null;
            Object quantity = item instanceof Map<?, ?> m ? m.get("quantity") : null;
            if (unit == null || !(quantity instanceof Number q)) {
                return null;
            }
            unitPrices.add(unit);
            subtotal = subtotal.plus(unit.times(q.longValue()));
        }
        Money discount = presentmentMoney(body.get("total_discounts_set"), buyerCurrency);
        Money shipping = presentmentMoney(body.get("total_shipping_price_set"), buyerCurrency);
        Money tax = presentmentMoney(body.get("total_tax_set"), buyerCurrency);
        Money total = presentmentMoney(body.get("total_price_set"), buyerCurrency);
        if (discount == null || shipping == null || tax == null || total == null) {
            return null;
        }
        Money beforeFees = subtotal.plus(new Money(-discount.minor(), buyerCurrency)).plus(shipping)
                .plus(taxesIncluded ? Money.zero(buyerCurrency) : tax);
        Money fees = total.plus(new Money(-beforeFees.minor(), buyerCurrency));
        return new Presentment(unitPrices, new Totals(subtotal, shipping, tax, total, discount, fees, taxesIncluded));
    }

    /** A money set's presentment_money.amount in the buyer's currency; null when absent or not exact. */
    private static Money presentmentMoney(Object set, String currency) {
        if (!(set instanceof Map<?, ?> s) || !(s.get("presentment_money") instanceof Map<?, ?> money)
                || !currency.equals(money.get("currency_code")) || money.get("amount") == null) {
            return null;
        }
        try {
            Money m = Money.parse(money.get("amount").toString(), currency);
            return m.isNegative() ? null : m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean manualGateway(Map<String, Object> body) {
        Object names = body.get("payment_gateway_names");
        List<?> gateways = names instanceof List<?> l ? l : List.of();
        if (gateways.isEmpty() && body.get("gateway") instanceof String g) {
            gateways = List.of(g);
        }
        if (gateways.isEmpty()) {
            return false;
        }
        for (Object g : gateways) {
            String name = g instanceof String str ? str.toLowerCase(Locale.ROOT) : "";
            if (!MANUAL_GATEWAY.matcher(name).find()) {
                return false;
            }
        }
        return true;
    }

    /** Physical goods need an address; an order of only non-shipping lines (digital goods) does not. */
    private static boolean needsShipping(Map<String, Object> body) {
        if (!(body.get("line_items") instanceof List<?> items) || items.isEmpty()) {
            return true;
        }
        return items.stream().anyMatch(i -> !(i instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("requires_shipping")));
    }

    private static Address address(PayloadReader in, Map<String, Object> ship, boolean required) {
        if (ship == null) {
            if (required) {
                in.error("shipping_address", "is missing: add the shipping address on Shopify (its orders/updated "
                        + "delivery updates the order here) or cancel the order");
            }
            return Address.NONE;
        }
        String name = in.text(firstNonNull(loose(ship, "name"), fullName(ship, "first_name", "last_name")),
                "shipping_address.name", 200, true);
        String line1 = in.text(ship, "address1", "shipping_address.address1", 200, true);
        String line2 = in.text(ship, "address2", "shipping_address.address2", 200, false);
        String city = in.text(ship, "city", "shipping_address.city", 100, false);
        String region = loose(ship, "province_code") != null
                ? in.text(ship, "province_code", "shipping_address.province_code", 100, false)
                : in.text(ship, "province", "shipping_address.province", 100, false);
        // Many countries have no postcode (Hong Kong, Ireland before Eircode, the Gulf states).
        String zip = in.text(ship, "zip", "shipping_address.zip", 20, false);
        String country = in.country(ship, "country_code", "shipping_address.country_code");
        return new Address(name, line1, line2, city, region, zip, country);
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> body, String currency) {
        return in.lineItems(body, (item, path) -> {
            String sku = in.sku(item, "sku", path + ".sku");
            Integer quantity = in.quantity(item, "quantity", path + ".quantity");
            Money price = in.amount(item, "price", path + ".price", currency, true);
            if (quantity == null) {
                return null;
            }
            Object variant = firstNonNull(item.get("variant_id"), item.get("product_id"));
            String ref = variant instanceof Number || variant instanceof String ? variant.toString() : null;
            String title = PayloadReader.title(firstNonNull(loose(item, "name"), loose(item, "title")),
                    sku == null ? "line " + path : sku);
            return new OrderLine(sku, title, quantity, price == null ? Money.zero(currency) : price, ref,
                    PayloadReader.idText(item.get("id")));
        });
    }

    /** A money set's shop_money.amount (the shop currency), from the first of two fields present. */
    private static Money shopMoney(PayloadReader in, Map<String, Object> body, String key, String fallbackKey,
                                   String currency) {
        String chosen = body.get(key) instanceof Map<?, ?> ? key : fallbackKey;
        Map<String, Object> set = in.object(body, chosen, chosen, false);
        Map<String, Object> shop = in.object(set, "shop_money", chosen + ".shop_money", false);
        return in.amount(shop, "amount", chosen + ".shop_money.amount", currency, false);
    }

    /** shipping_lines[].price (before shipping discounts, which are in total_discounts), else total_shipping_price_set. */
    private static Money shipping(PayloadReader in, Map<String, Object> body, String currency) {
        List<Map<String, Object>> shippingLines = in.objects(body, "shipping_lines", "shipping_lines", false);
        if (shippingLines != null) {
            Money sum = Money.zero(currency);
            for (int i = 0; i < shippingLines.size(); i++) {
                if (shippingLines.get(i) == null) {
                    continue;
                }
                Money price = in.amount(shippingLines.get(i), "price", "shipping_lines[" + i + "].price", currency, true);
                sum = PayloadReader.plus(sum, price);
            }
            return sum;
        }
        return shopMoney(in, body, "total_shipping_price_set", "total_shipping_price_set", currency);
    }
}
