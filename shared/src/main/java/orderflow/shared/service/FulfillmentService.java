package orderflow.shared.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.PackCheck;
import orderflow.shared.domain.PickList;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.StockItem;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;

/** The warehouse's side: the pick list, packing slips and the pack check at the bench. */
public final class FulfillmentService {

    /** Orders one pick list covers at most (one walk; more is another list). */
    public static final int MAX_ORDERS = 200;

    private final Orders orders;
    private final Inventory inventory;
    private final Accounts accounts;
    private final Clock clock;

    /** accounts may be null where no seller settings are needed. */
    public FulfillmentService(Orders orders, Inventory inventory, Accounts accounts, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** GET /v1/picklist?orders=id,id,... or ?status=UNSHIPPED|PARTIALLY_SHIPPED (default UNSHIPPED). */
    public PickList pickList(String sellerId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        List<Order> picked = new ArrayList<>();
        boolean truncated = false;
        if (q.get("orders") != null && q.get("status") != null) {
            throw new Failure.InvalidInput("Give orders or status, not both.",
                    List.of(new FieldError("orders", "cannot be combined with status")));
        }
        if (q.get("orders") != null) {
            Set<String> ids = new LinkedHashSet<>(List.of(q.get("orders").split(",")));
            ids.remove("");
            if (ids.isEmpty() || ids.size() > MAX_ORDERS) {
                throw new Failure.InvalidInput("The query has 1 invalid parameter.", List.of(new FieldError("orders",
                        "must list 1 to " + MAX_ORDERS + " order ids, comma-separated")));
            }
            OrderQueryService reads = new OrderQueryService(orders);
            List<FieldError> errors = new ArrayList<>();
            for (String id : ids) {
                try {
                    Order o = reads.get(sellerId, id.strip());
                    if (o.status() == OrderStatus.UNSHIPPED || o.status() == OrderStatus.PARTIALLY_SHIPPED) {
                        picked.add(o);
                    } else {
                        errors.add(new FieldError("orders", id + " is " + o.status() + ": nothing to pick"));
                    }
                } catch (Failure.NotFound e) {
                    errors.add(new FieldError("orders", "no order " + id.strip()));
                }
            }
            if (!errors.isEmpty()) {
                throw new Failure.InvalidInput("Some orders cannot be picked.", errors);
            }
        } else {
            OrderStatus status;
            try {
                status = OrderStatus.valueOf(q.getOrDefault("status", "UNSHIPPED"));
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (status != OrderStatus.UNSHIPPED && status != OrderStatus.PARTIALLY_SHIPPED) {
                throw new Failure.InvalidInput("The query has 1 invalid parameter.",
                        List.of(new FieldError("status", "must be UNSHIPPED or PARTIALLY_SHIPPED")));
            }
            Map<String, String> after = null;
            do {
                Orders.Page page = orders.listByStatus(sellerId, status, after, 100, true);
                for (Order o : page.orders()) {
                    if (picked.size() < MAX_ORDERS) {
                        picked.add(o);
                    } else {
                        truncated = true;
                    }
                }
                after = page.next();
                if (picked.size() >= MAX_ORDERS && after != null) {
                    truncated = true; // the oldest MAX_ORDERS: ship them, then ask again
                    after = null;
                }
            } while (after != null);
        }
        Set<String> skus = new LinkedHashSet<>();
        picked.forEach(o -> skus.addAll(o.unshippedBySku().keySet()));
        PickList list = PickList.of(picked, inventory.getAll(sellerId, skus));
        return truncated ? list.truncated() : list;
    }

    public record Slip(Order order, Seller seller, Map<String, StockItem> stock) {
    }

    /** What the packing slip shows: the order, the store, each line's bin. */
    public Slip packingSlip(String sellerId, String orderId) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        if (order.status() != OrderStatus.UNSHIPPED && order.status() != OrderStatus.PARTIALLY_SHIPPED) {
            throw new Failure.IllegalTransition("An order that is " + order.status() + " has nothing left to pack.",
                    order.status());
        }
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller"));
        return new Slip(order, seller, inventory.getAll(sellerId, order.quantitiesBySku().keySet()));
    }

    public record CheckResult(PackCheck check, Order order) {
    }

    /** Compares the scans with what the order has left to ship; a passed check is recorded on the order. */
    public CheckResult packCheck(String sellerId, Actor actor, String orderId, Map<String, Object> body) {
        Order order = new OrderQueryService(orders).get(sellerId, orderId);
        List<String> scans = PackCheck.scans(body);
        if (order.status() != OrderStatus.UNSHIPPED && order.status() != OrderStatus.PARTIALLY_SHIPPED) {
            throw new Failure.IllegalTransition("An order that is " + order.status() + " has nothing left to pack.",
                    order.status());
        }
        Map<String, Integer> expected = order.unshippedBySku();
        Map<String, String> codes = new HashMap<>();
        Map<String, StockItem> items = inventory.getAll(sellerId, expected.keySet());
        for (String sku : expected.keySet()) {
            StockItem item = items.get(sku);
            codes.put(sku, sku); // a SKU label is scanned as the SKU
            if (item != null) {
                codes.put(item.scanCode(), sku); // and its barcode, when it has one
            }
        }
        PackCheck check = PackCheck.of(expected, codes, scans);
        if (!check.passed()) {
            return new CheckResult(check, order);
        }
        Instant now = clock.instant();
        var change = OrderLifecycle.recordPackCheck(order, check, actor, now);
        return switch (orders.apply(change)) {
            case Orders.Done d -> new CheckResult(check, change.after());
            case Orders.Stale s -> throw new Failure.Conflict("The order changed while it was being checked;"
                    + " nothing was recorded. Scan again.");
            case Orders.Short s -> throw new IllegalStateException("a pack check moves no stock");
        };
    }
}
