package orderflow.shared.ports;

import java.util.Optional;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;

/** Where a seller buys shipping and ships from (AccountsTable). */
public interface CarrierAccounts {

    /**
     * The account an order's labels are bought with: Amazon Shipping for an Amazon order whose
     * storefront has a platform link (the label then also confirms the shipment on Amazon), else the
     * seller's EasyPost account; empty when the seller connected none.
     */
    Optional<CarrierAccount> forOrder(Order order);

    /** The seller's account with this provider (tracking webhooks, polling). */
    Optional<CarrierAccount> get(String sellerId, String provider);

    /** The seller's ship-from address; empty until set. */
    Optional<ShipAddress> shipFrom(String sellerId);
}
