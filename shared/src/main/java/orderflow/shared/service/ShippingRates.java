package orderflow.shared.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.SellerAction;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.LabelRequests;
import orderflow.shared.domain.shipping.Parcel;
import orderflow.shared.domain.shipping.ParcelItem;
import orderflow.shared.domain.shipping.ParcelPlan;
import orderflow.shared.domain.shipping.Quote;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.ports.CarrierAccounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Labels;
import orderflow.shared.ports.Orders;

/**
 * POST /v1/orders/{orderId}/rates: prices one parcel of an order with the seller's carrier account
 * and keeps the quote, so the purchase buys exactly the lines and parcel that were priced.
 */
public final class ShippingRates {

    private final Orders orders;
    private final Inventory inventory;
    private final CarrierAccounts accounts;
    private final Carriers carriers;
    private final Labels labels;
    private final Clock clock;

    public ShippingRates(Orders orders, Inventory inventory, CarrierAccounts accounts, Carriers carriers,
                         Labels labels, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.accounts = accounts;
        this.carriers = carriers;
        this.labels = labels;
        this.clock = clock;
    }

    public Quote quote(String sellerId, String orderId, Map<String, Object> body) {
        Order order = OrderActions.load(orders, sellerId, orderId); // another seller's or no order: 404 first
        LabelRequests.RateAsk ask = LabelRequests.rates(body);
        OrderLifecycle.requireAllowed(order, SellerAction.SHIP);
        Map<String, Integer> lines = boxed(order, ask.lines());
        Parcel parcel = ParcelPlan.of(lines, inventory.getAll(sellerId, lines.keySet()), ask.weightGrams(), ask.box());
        CarrierAccount account = account(order);
        ShipAddress from = accounts.shipFrom(sellerId).orElseThrow(() -> new Failure.NotSetUp(
                "No ship-from address is set for this seller: set one with scripts/admin carrier-link --from-*."));
        ShipAddress to = new ShipAddress(order.shipTo(), null, null, order.buyer() == null ? null : order.buyer().email());
        List<ParcelItem> items = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Integer q = lines.get(line.sku());
            if (q != null) {
                items.add(new ParcelItem(line.sku(), line.title(), q, line.lineId(), line.unitPrice()));
            }
        }
        RateQuote offered = carriers.of(account).rates(account,
                new RateRequest(orderId, order.externalOrderId(), from, to, parcel, items));
        Quote quote = new Quote(sellerId, orderId, account.provider(), offered.quoteId(), lines, parcel, offered.rates(),
                clock.instant());
        labels.saveQuote(quote);
        return quote;
    }

    private CarrierAccount account(Order order) {
        return accounts.forOrder(order).orElseThrow(() -> new Failure.NotSetUp(
                "No carrier account is connected: connect EasyPost with scripts/admin carrier-link (Amazon orders"
                        + " of a linked Amazon storefront buy through Amazon Shipping)."));
    }

    /** The lines asked for, each within what is left to ship; all that is left when none are given. */
    static Map<String, Integer> boxed(Order order, Map<String, Integer> asked) {
        Map<String, Integer> left = order.unshippedBySku();
        if (asked.isEmpty()) {
            return left;
        }
        List<FieldError> errors = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> line : asked.entrySet()) {
            int open = left.getOrDefault(line.getKey(), 0);
            if (!order.quantitiesBySku().containsKey(line.getKey())) {
                errors.add(new FieldError("lines[" + i + "].sku", "is not in this order"));
            } else if (line.getValue() > open) {
                errors.add(new FieldError("lines[" + i + "].quantity", "at most " + open + " left to ship"));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new Failure.InvalidInput("The parcel does not match what is left to ship.", errors);
        }
        return asked;
    }
}
