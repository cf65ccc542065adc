package orderflow.shared.domain.storefront;

import static orderflow.shared.domain.storefront.PayloadReader.firstNonNull;
import static orderflow.shared.domain.storefront.PayloadReader.loose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Buyer;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
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
 * BuyerInfo.BuyerEmail and ShippingAddress.Name/AddressLine1. We cannot ship nor email without
 * them, so their absence is an error that says so; only the buyer's name has a fallback.
 */
public final class AmazonOrders {

    private static final String PENDING_HINT =
            "Amazon leaves prices out while an order is Pending: fetch the order again once it is Unshipped";
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
        PayloadReader in = new PayloadReader("Amazon");

        String id = in.text(order, "AmazonOrderId", "AmazonOrderId", 100, true);
        String itemsOrderId = loose(items, "AmazonOrderId");
        if (id != null && itemsOrderId != null && !id.equals(itemsOrderId)) {
            in.error("AmazonOrderId", "is " + id + " but the order items are of " + PayloadReader.abbreviate(itemsOrderId));
        }

        // Pending (and PendingAvailability, a pre-order): payment not authorized yet. Unshipped,
        // PartiallyShipped, Shipped, InvoiceUnconfirmed (shipped, invoice not confirmed): paid.
        // Canceled is a cancellation, not an order to place; Unfulfillable is Multi-Channel only.
        String status = loose(order, "OrderStatus");
        boolean paid = false;
        boolean pending = false;
        if (status == null) {
            in.error("OrderStatus", "is required");
        } else {
            switch (status) {
                case "Pending", "PendingAvailability" -> pending = true;
                case "Unshipped", "PartiallyShipped", "Shipped", "InvoiceUnconfirmed" -> paid = true;
                case "Canceled" -> throw new Failure.InvalidInput("The Amazon order is canceled.", List.of(new FieldError(
                        "OrderStatus", "is Canceled: a canceled order is a cancellation, not an order to place")));
                default -> in.error("OrderStatus", "is " + PayloadReader.abbreviate(status)
                        + ": only Pending, PendingAvailability, Unshipped, PartiallyShipped, Shipped and InvoiceUnconfirmed orders are taken");
            }
        }
        String hint = pending ? PENDING_HINT : null;

        Instant createdAt = in.instant(order, "PurchaseDate", "PurchaseDate", false);
        Map<String, Object> orderTotal = in.object(order, "OrderTotal", "OrderTotal", false);
        String currency = null;
        if (orderTotal == null) {
            in.error("OrderTotal", pending ? "is required (" + PENDING_HINT + ")" : "is required");
        } else {
            currency = in.currency(orderTotal.get("CurrencyCode"), "OrderTotal.CurrencyCode");
        }
        Money declared = orderTotal == null ? null : in.amount(orderTotal.get("Amount"), "OrderTotal.Amount", currency, true, hint);

        Map<String, Object> address = in.object(order, "ShippingAddress", "ShippingAddress", true);
        Address shipTo = null;
        if (address != null) {
            String name = restricted(in, address, "Name", 200);
            String line1 = restricted(in, address, "AddressLine1", 200);
            String line2 = in.text(address, "AddressLine2", "ShippingAddress.AddressLine2", 200, false);
            String city = in.text(address, "City", "ShippingAddress.City", 100, true);
            String region = in.text(address, "StateOrRegion", "ShippingAddress.StateOrRegion", 100, false);
            String postal = in.text(address, "PostalCode", "ShippingAddress.PostalCode", 20, true);
            String country = in.country(address, "CountryCode", "ShippingAddress.CountryCode");
            shipTo = new Address(name, line1, line2, city, region, postal, country);
        }

        // Amazon hides buyer PII without a Restricted Data Token. A missing BuyerName is acceptable
        // (the ship-to name, else "Amazon buyer"); a missing BuyerEmail is not, as we email buyers
        // about their orders: the error names BuyerInfo.BuyerEmail. No placeholder address is made up.
        Map<String, Object> buyerInfo = in.object(order, "BuyerInfo", "BuyerInfo", false);
        String emailValue = loose(buyerInfo, "BuyerEmail");
        String email;
        if (emailValue == null) {
            in.error("BuyerInfo.BuyerEmail", "is required (" + RDT_HINT + ")");
            email = null;
        } else {
            email = in.email(emailValue, "BuyerInfo.BuyerEmail");
        }
        String buyerName = in.text(firstNonNull(loose(buyerInfo, "BuyerName"), address == null ? null : loose(address, "Name"),
                "Amazon buyer"), "BuyerInfo.BuyerName", 200, true);

        String nextToken = loose(items, "NextToken");
        if (nextToken != null) {
            in.error("NextToken", "more order items remain: fetch every getOrderItems page and merge OrderItems first");
        }
        Sums sums = new Sums(currency);
        List<OrderLine> lines = lines(in, items, currency, hint, sums);

        in.throwIfAny();
        Totals totals = PayloadReader.totals(lines, currency, sums.shipping, sums.tax, sums.discount);
        PayloadReader.requireTotal("Amazon", "OrderTotal.Amount", declared, totals,
                "ItemPrice - PromotionDiscount - ShippingDiscount + ShippingPrice + ItemTax + ShippingTax");
        return new IncomingOrder(id, createdAt, paid, currency, new Buyer(buyerName, email), shipTo, lines, totals);
    }

    private static String restricted(PayloadReader in, Map<String, Object> address, String key, int max) {
        String path = "ShippingAddress." + key;
        if (loose(address, key) == null) {
            in.error(path, "is required (" + RDT_HINT + ")");
            return null;
        }
        return in.text(address, key, path, max, true);
    }

    /** Order-level money summed over the items; null while the currency is unknown. */
    private static final class Sums {
        Money shipping;
        Money tax;
        Money discount;

        Sums(String currency) {
            if (currency != null) {
                shipping = Money.zero(currency);
                tax = Money.zero(currency);
                discount = Money.zero(currency);
            }
        }
    }

    private static List<OrderLine> lines(PayloadReader in, Map<String, Object> items, String currency, String hint, Sums sums) {
        List<OrderLine> lines = new ArrayList<>();
        List<Map<String, Object>> orderItems = in.objects(items, "OrderItems", "OrderItems", true);
        if (orderItems == null) {
            return lines;
        }
        if (orderItems.isEmpty() || orderItems.size() > GenericOrderPayload.MAX_LINES) {
            in.error("OrderItems", "must have between 1 and " + GenericOrderPayload.MAX_LINES + " items");
            return lines;
        }
        for (int i = 0; i < orderItems.size(); i++) {
            Map<String, Object> item = orderItems.get(i);
            if (item == null) {
                continue;
            }
            String path = "OrderItems[" + i + "]";
            String sku = in.sku(item, "SellerSKU", path + ".SellerSKU");
            Integer quantity = in.quantity(item, "QuantityOrdered", path + ".QuantityOrdered");
            Money itemPrice = money(in, item, "ItemPrice", path, currency, true, hint);
            Money unit = itemPrice == null || quantity == null ? null
                    : in.unitPrice(itemPrice, quantity, path + ".ItemPrice.Amount");
            // Order-level shipping, tax and discounts are the items' sums. Shipping discounts are
            // discounts and shipping tax is tax, so OrderTotal can be checked.
            Money shipping = money(in, item, "ShippingPrice", path, currency, false, null);
            Money itemTax = money(in, item, "ItemTax", path, currency, false, null);
            Money shippingTax = money(in, item, "ShippingTax", path, currency, false, null);
            Money promotion = money(in, item, "PromotionDiscount", path, currency, false, null);
            Money shippingDiscount = money(in, item, "ShippingDiscount", path, currency, false, null);
            if (sums.shipping != null) {
                sums.shipping = plus(sums.shipping, shipping);
                sums.tax = plus(plus(sums.tax, itemTax), shippingTax);
                sums.discount = plus(plus(sums.discount, promotion), shippingDiscount);
            }
            if (sku != null && unit != null) {
                lines.add(new OrderLine(sku, PayloadReader.title(loose(item, "Title"), sku), quantity, unit));
            }
        }
        return lines;
    }

    private static Money plus(Money sum, Money add) {
        return add == null ? sum : sum.plus(add);
    }

    /** A Money object {CurrencyCode, Amount} in the order's currency. */
    private static Money money(PayloadReader in, Map<String, Object> item, String key, String parent, String currency,
                               boolean required, String hint) {
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
