package orderflow.shared.ports;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.TrackingEvent;

/**
 * A shipping provider's API (EasyPost, Amazon Shipping v2). Failures are
 * {@link orderflow.shared.domain.shipping.CarrierException}s saying whether trying again is safe.
 */
public interface Carrier {

    /** Prices one parcel; the quote's id is what {@link #buy} names. */
    RateQuote rates(CarrierAccount account, RateRequest request);

    /**
     * Buys one rate. Safe to call again with the same idempotency key: a quote already bought answers
     * the label it bought, never a second one.
     */
    PurchasedLabel buy(CarrierAccount account, PurchaseRequest request);

    /** The label of a quote if it was bought (a purchase whose answer was lost), else empty. */
    Optional<PurchasedLabel> findPurchase(CarrierAccount account, String quoteId);

    /** The printable label's bytes, fetched from where {@link PurchasedLabel#labelUrl()} points. */
    byte[] download(CarrierAccount account, String labelUrl);

    /** Asks for the label's money back before the parcel moves (EasyPost refund, Amazon cancelShipment). */
    void voidLabel(CarrierAccount account, PurchasedLabel label);

    /** Every scan of the parcel so far, oldest first (the scheduled poll for providers without push). */
    List<TrackingEvent> track(CarrierAccount account, PurchasedLabel label);
}
