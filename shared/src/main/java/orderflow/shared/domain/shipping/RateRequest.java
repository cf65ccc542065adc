package orderflow.shared.domain.shipping;

import java.util.List;

/**
 * What a carrier is asked to price: one parcel from the seller to the buyer. reference is our order
 * id (printed on the label, and how a carrier-side shipment is found again); externalOrderId is the
 * marketplace's order id (Amazon Shipping needs it; null elsewhere).
 */
public record RateRequest(String reference, String externalOrderId, ShipAddress from, ShipAddress to,
                          Parcel parcel, List<ParcelItem> items) {

    public RateRequest {
        items = List.copyOf(items);
    }
}
