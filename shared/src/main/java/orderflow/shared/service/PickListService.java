package orderflow.shared.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.PickList;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;

/** The warehouse's pick list: the lines of the orders to ship, grouped by SKU, in bin order. */
public final class PickListService {

    /** Orders one pick list covers at most (one walk; more is another list). */
    public static final int MAX_ORDERS = 200;

    private final Orders orders;
    private final Inventory inventory;

    public PickListService(Orders orders, Inventory inventory) {
        this.orders = orders;
        this.inventory = inventory;
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
                    if (Packing.packable(o)) {
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
}
