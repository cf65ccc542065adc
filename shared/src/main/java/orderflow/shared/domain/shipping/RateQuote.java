package orderflow.shared.domain.shipping;

import java.util.List;

/**
 * The offers for one parcel. quoteId is the carrier's handle the purchase names (EasyPost: the
 * shipment id "shp_..."; Amazon Shipping v2: the requestToken), valid until the carrier says otherwise.
 */
public record RateQuote(String provider, String quoteId, List<Rate> rates) {

    public RateQuote {
        rates = List.copyOf(rates);
    }
}
