package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.Quote;

/** Quotes and labels of a seller's orders (LabelsTable); every read names the seller. */
public interface Labels {

    void saveQuote(Quote quote);

    Optional<Quote> quote(String sellerId, String orderId, String quoteId);

    /** Writes a new PURCHASING label; false when one with its id exists already. */
    boolean start(Label label);

    /** Writes the label's new state over the old one. */
    void save(Label label);

    /** Removes a PURCHASING label whose purchase certainly did not happen (its id can be bought again). */
    void abandon(Label label);

    Optional<Label> get(String sellerId, String orderId, String labelId);

    List<Label> forOrder(String sellerId, String orderId);

    /** The label with this provider's tracking number (a tracking event names only that). */
    Optional<Label> byTracking(String provider, String trackingNumber);

    /** Bought labels of a polled provider whose parcel has not arrived (nor gone back), at most limit. */
    List<Label> inTransit(String provider, int limit);

    /** The parcel arrived or went back: the label leaves the in-transit list. */
    void settled(Label label);
}
