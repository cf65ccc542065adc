package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.firstNonNull;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.Totals;

/**
 * Amazon SP-API Orders v0: the payload of getOrder (an Order) and of getOrderItems (OrderItems,
 * AmazonOrderId, NextToken) become one {@link IncomingOrder}. Money is {CurrencyCode, Amount} with
 * Amount a decimal string. An order item is an item and a quantity: ItemPrice is the selling price
 * times QuantityOrdered (shipping and gift wrap excluded). Every bad field is reported at once, by
 * its path in the payload it came from (OrderItems[...] from getOrderItems, the rest from getOrder).
 *
 * <p>Buyer and address PII is restricted: without a Restricted Data Token getOrder leaves out
 * BuyerInfo.BuyerEmail and ShippingAddress.Name/AddressLine1. Without an email the order ships all
 * the same (Amazon informs its buyers; a note says so); without the address lines it is held, as it
 * cannot be shipped. Nothing is refused: what cannot be acted on is a hold for the seller.
 */
public final class AmazonOrders {

    private static final String RDT_HINT = "restricted data: call getOrder with a Restricted Data Token";

    private AmazonOrders() {
    }

    /** FulfillmentChannel AFN: Amazon ships the order from its own stock (FBA); we leave those alone. */
    public static boolean isAmazonFulfilled(Map<String, Object> getOrderPayload) {
        return getOrderPayload != null && "AFN".equals(getOrderPayload.get("FulfillmentChannel"));
    }

    public static IncomingOrder toIncoming(Map<String, Object> getOrderPayload, Map<String, Object> getOrderItemsPayload) {
        Map<String, Object> order = getOrderPayload == null ? Map.of() : getOrderPayload;
        Map<String, Object> items = getOrderItemsPayload == null ? Map.of() : getOrderItemsPayload;
        PayloadReader in = new PayloadReader();

        String id = in.text(order, "AmazonOrderId", "AmazonOrderId", 100, true);
        String itemsOrderId = loose(items, "AmazonOrderId");
        if (id != null && itemsOrderId != null && !id.equals(itemsOrderId)) {
            in.error("AmazonOrderId", "is " + id + " but the order items are of " + PayloadReader.abbreviate(itemsOrderId)
                    + ": a fault of the SP-API answer, fetch the order again");
        }

        // Pending (and PendingAvailability, a pre-order): payment not authorized yet, and Amazon
        // leaves prices out; the order waits as PENDING and its Unshipped notification brings them.
        // Unshipped, PartiallyShipped, Shipped, InvoiceUnconfirmed (shipped, invoice not confirmed): paid.
        String status = loose(order, "OrderStatus");
        boolean paid = false;
        boolean pending = false;
        switch (status == null ? "" : status) {
            case "Pending", "PendingAvailability" -> pending = true;
            case "Unshipped", "PartiallyShipped", "Shipped", "InvoiceUnconfirmed" -> paid = true;
            default -> in.error("OrderStatus", "is " + (status == null ? "absent" : PayloadReader.abbreviate(status))
                    + ": only Pending, PendingAvailability, Unshipped, PartiallyShipped, Shipped and InvoiceUnconfirmed "
                    + "orders are shipped from here; check the order in Seller Central");
        }
        if (pending) {
            in.note("Amazon gives prices once the payment clears: the totals are filled in then");
        }

        Instant createdAt = in.instant(order, "PurchaseDate", "PurchaseDate", false);
        Map<String, Object> orderTotal = in.object(order, "OrderTotal", "OrderTotal", false);
        String currency = null;
        if (orderTotal != null) {
            currency = in.currency(orderTotal.get("CurrencyCode"), "OrderTotal.CurrencyCode");
        } else if (!pending) {
            in.error("OrderTotal", "is required: fetch the order again from Seller Central");
        }
        String money = PayloadReader.currencyOrNone(currency != null ? currency : itemCurrency(items));
        Money declared = orderTotal == null ? null : in.amount(orderTotal.get("Amount"), "OrderTotal.Amount", money, !pending, null);

        Map<String, Object> address = in.object(order, "ShippingAddress", "ShippingAddress", !pending);
        Address shipTo = Address.NONE;
        if (address != null) {
            String name = restricted(in, address, "Name", 200, pending);
            String line1 = restricted(in, address, "AddressLine1", 200, pending);
            String line2 = in.text(address, "AddressLine2", "ShippingAddress.AddressLine2", 200, false);
            String city = in.text(address, "City", "ShippingAddress.City", 100, false);
            String region = in.text(address, "StateOrRegion", "ShippingAddress.StateOrRegion", 100, false);
            String postal = in.text(address, "PostalCode", "ShippingAddress.PostalCode", 20, false);
            String country = in.country(address, "CountryCode", "ShippingAddress.CountryCode");
            shipTo = new Address(name, line1, line2, city, region, postal, country);
        }

        // Amazon shows BuyerEmail only to applications with a restricted role and a Restricted Data
        // Token; without it the order ships all the same, and the buyer hears from Amazon, not from us.
        Map<String, Object> buyerInfo = in.object(order, "BuyerInfo", "BuyerInfo", false);
        String emailValue = loose(buyerInfo, "BuyerEmail");
        String email = null;
        if (emailValue == null) {
            in.note("Amazon did not share the buyer's email (restricted data): no buyer emails are sent from here; "
                    + "Amazon keeps the buyer informed");
        } else {
            email = in.email(emailValue, "BuyerInfo.BuyerEmail");
        }
        String buyerName = PayloadReader.title(firstNonNull(loose(buyerInfo, "BuyerName"),
                address == null ? null : loose(address, "Name")), "Amazon buyer");

        String nextToken = loose(items, "NextToken");
        if (nextToken != null) {
            in.error("NextToken", "more order items remain: a fault of the SP-API reading, fetch the order again");
        }
        Sums sums = new Sums(money);
        List<OrderLine> lines = lines(in, items, money, pending, sums);

        Totals computed = PayloadReader.totals(lines, money, sums.shipping, sums.tax, sums.discount, sums.fees, false);
        Totals totals = pending ? computed : in.checkTotal("OrderTotal.Amount", declared, computed,
                "ItemPrice + ShippingPrice + GiftWrapPrice + CODFee + taxes - promotions - CODFeeDiscount");
        if (lines.isEmpty() && !pending && orderItems(items)) {
            in.error("OrderItems", "has nothing to ship (every item canceled): check the order in Seller Central");
        }
        Instant shipBy = in.instant(order, "LatestShipDate", "LatestShipDate", false);
        Instant deliverBy = in.instant(order, "LatestDeliveryDate", "LatestDeliveryDate", false);
        Intake intake = new Intake(id, false, false, in.holds(), shipBy, deliverBy, in.notes());
        return new IncomingOrder(id, createdAt, paid, money, new Buyer(buyerName, email), shipTo, lines, totals, intake);
    }

    private static boolean orderItems(Map<String, Object> items) {
        return items.get("OrderItems") instanceof List<?> list && !list.isEmpty();
    }

    /** The currency of the first Money in the items, for a Pending order without OrderTotal. */
    private static String itemCurrency(Map<String, Object> items) {
        if (items.get("OrderItems") instanceof List<?> list) {
            for (Object i : list) {
                if (i instanceof Map<?, ?> m) {
                    for (Object v : m.values()) {
                        if (v instanceof Map<?, ?> money && money.get("CurrencyCode") instanceof String c
                                && Money.isCurrency(c)) {
                            return c;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String restricted(PayloadReader in, Map<String, Object> address, String key, int max, boolean pending) {
        String path = "ShippingAddress." + key;
        if (loose(address, key) == null) {
            if (!pending) {
                in.error(path, "is hidden (" + RDT_HINT + "): copy the address from Seller Central, or give the "
                        + "application the Direct-to-Consumer Shipping role");
            }
            return null;
        }
        return in.text(address, key, path, max, true);
    }

    /** Order-level money summed over the items; null while the currency is unknown. */
    private static final class Sums {
        Money shipping;
        Money tax;
        Money discount;
        Money fees;

        Sums(String currency) {
            shipping = Money.zero(currency);
            tax = Money.zero(currency);
            discount = Money.zero(currency);
            fees = Money.zero(currency);
        }
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> items, String currency, boolean pending,
                                         Sums sums) {
        List<OrderLine> lines = new ArrayList<>();
        List<Map<String, Object>> orderItems = in.objects(items, "OrderItems", "OrderItems", true);
        if (orderItems == null) {
            return lines;
        }
        if (orderItems.isEmpty() || orderItems.size() > GenericOrderPayload.MAX_LINES) {
            in.error("OrderItems", "has " + orderItems.size() + " items; an order here has 1 to "
                    + GenericOrderPayload.MAX_LINES + ": handle it in Seller Central");
            return lines;
        }
        for (int i = 0; i < orderItems.size(); i++) {
            Map<String, Object> item = orderItems.get(i);
            if (item == null) {
                continue;
            }
            String path = "OrderItems[" + i + "]";
            if (item.get("QuantityOrdered") instanceof Number n && n.longValue() == 0) {
                continue; // an item canceled before payment: nothing to ship, nothing charged
            }
            String sku = in.sku(item, "SellerSKU", path + ".SellerSKU");
            Integer quantity = in.quantity(item, "QuantityOrdered", path + ".QuantityOrdered");
            Money itemPrice = money(in, item, "ItemPrice", path, currency, !pending);
            Money unit = itemPrice == null || quantity == null ? null
                    : in.unitPrice(itemPrice, quantity, path + ".ItemPrice.Amount");
            // Order-level money is the items' sums: shipping discounts are discounts, every tax is tax
            // (promotion and shipping-discount taxes taken off), gift wrap and the COD fee are fees.
            sums.shipping = plus(sums.shipping, money(in, item, "ShippingPrice", path, currency, false));
            for (String taxKey : List.of("ItemTax", "ShippingTax")) {
                sums.tax = plus(sums.tax, money(in, item, taxKey, path, currency, false));
            }
            // Gift wrap is in the item's BuyerInfo (OrderItemBuyerInfo in the Orders v0 model).
            Map<String, Object> gift = item.get("BuyerInfo") instanceof Map<?, ?> ? in.object(item, "BuyerInfo",
                    path + ".BuyerInfo", false) : item;
            String giftPath = gift == item ? path : path + ".BuyerInfo";
            sums.tax = plus(sums.tax, money(in, gift, "GiftWrapTax", giftPath, currency, false));
            sums.fees = plus(sums.fees, money(in, gift, "GiftWrapPrice", giftPath, currency, false));
            for (String taxOff : List.of("PromotionDiscountTax", "ShippingDiscountTax")) {
                sums.tax = minus(sums.tax, money(in, item, taxOff, path, currency, false));
            }
            sums.discount = plus(plus(sums.discount, money(in, item, "PromotionDiscount", path, currency, false)),
                    money(in, item, "ShippingDiscount", path, currency, false));
            sums.fees = minus(plus(sums.fees, money(in, item, "CODFee", path, currency, false)),
                    money(in, item, "CODFeeDiscount", path, currency, false));
            if (quantity != null) {
                Object asin = item.get("ASIN");
                lines.add(new OrderLine(sku, PayloadReader.title(loose(item, "Title"), sku == null ? "item " + i : sku),
                        quantity, unit == null ? Money.zero(currency) : unit, asin instanceof String a ? a : null,
                        PayloadReader.idText(item.get("OrderItemId"))));
            }
        }
        return lines;
    }

    private static Money minus(Money sum, Money off) {
        return off == null ? sum : sum.plus(new Money(-off.minor(), off.currency()));
    }

    private static Money plus(Money sum, Money add) {
        return add == null ? sum : sum.plus(add);
    }

    /** A Money object {CurrencyCode, Amount} in the order's currency. */
    private static Money money(PayloadReader in, Map<String, Object> item, String key, String parent, String currency,
                               boolean required) {
        String hint = null;
        String path = parent + "." + key;
        Object value = item.get(key);
        if (value == null) {
            if (required) {
                in.error(path, hint == null ? "is required" : "is required (" + hint + ")");
            }
            return null;
        }
        Map<String, Object> money = in.object(item, key, path, required);
        if (money == null) {
            return null;
        }
        Object code = money.get("CurrencyCode");
        if (currency != null && code != null && !currency.equals(code)) {
            in.error(path + ".CurrencyCode", "is " + PayloadReader.abbreviate(String.valueOf(code))
                    + " but the order is in " + currency);
            return null;
        }
        return in.amount(money.get("Amount"), path + ".Amount", currency, true, hint);
    }
}
