package orderflow.shared.service;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import orderflow.shared.domain.Seller;
import orderflow.shared.email.EmailMessage;
import orderflow.shared.ports.Accounts;
import orderflow.shared.ports.EmailOutbox;
import orderflow.shared.ports.Inventory;

/**
 * After available stock changed: one email to the seller per crossing below a SKU's threshold (not
 * one per order). The alert is queued before it is marked queued, with the crossing's number in its
 * event id, so a crash in between re-queues the same alert and the sender lets one email out.
 */
public final class LowStockAlerts {

    private final Inventory inventory;
    private final Accounts accounts;
    private final EmailOutbox emails;

    public LowStockAlerts(Inventory inventory, Accounts accounts, EmailOutbox emails) {
        this.inventory = inventory;
        this.accounts = accounts;
        this.emails = emails;
    }

    /** Returns how many alerts were queued. */
    public int check(String sellerId, Collection<String> skus, Instant now) {
        var crossings = inventory.refreshLowStock(sellerId, skus, now);
        if (crossings.isEmpty()) {
            return 0;
        }
        Seller seller = accounts.seller(sellerId).orElseThrow(() -> new IllegalStateException("unknown seller " + sellerId));
        for (Inventory.Crossing c : crossings) {
            var item = c.item();
            emails.enqueue(new EmailMessage("low-stock:" + sellerId + ":" + item.sku() + ":" + c.number(), "low-stock",
                    seller.notifyEmail(), seller.storeName(), seller.storeName(), null, seller.supportContact(),
                    Map.of("sku", item.sku(), "available", Long.toString(item.available()),
                            "threshold", Long.toString(item.lowStockThreshold()),
                            "onHand", Long.toString(item.onHand()), "reserved", Long.toString(item.reserved()),
                            "binLocation", item.binLocation() == null ? "-" : item.binLocation())));
            inventory.markAlertQueued(sellerId, item.sku(), c.number());
        }
        return crossings.size();
    }
}
