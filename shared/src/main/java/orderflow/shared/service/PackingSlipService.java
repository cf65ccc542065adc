package orderflow.shared.service;

import java.util.Map;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.StockItem;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.Inventory;
import orderflow.shared.ports.Orders;

/** The packing slip of an order with something left to ship: the order, the store, each line's bin. */
public final class PackingSlipService {

    private final Orders orders;
    private final Inventory inventory;
    private final Accounts accounts;

    public PackingSlipService(Orders orders, Inventory inventory, Accounts accounts) {
        this.orders = orders;
        this.inventory = inventory;
        this.accounts = accounts;
    }

    public record Slip(Order order, Seller seller, Map<String, StockItem> stock) {
    }

    /** What the packing slip shows: the order, the store, each line's bin. */
    public Slip packingSlip(String sellerId, String orderId) {
        Order order = Packing.requirePackable(new OrderQueryService(orders).get(sellerId, orderId));
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller"));
        return new Slip(order, seller, inventory.getAll(sellerId, order.quantitiesBySku().keySet()));
    }
}
