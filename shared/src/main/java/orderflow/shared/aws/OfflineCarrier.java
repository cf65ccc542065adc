package orderflow.shared.aws;

import java.util.List;
import java.util.Optional;

import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.ports.Carrier;

/** The carrier while priming: rates come from {@link PrimingSamples#rateQuote()}; nothing is ever bought. */
final class OfflineCarrier implements Carrier {

    static final OfflineCarrier INSTANCE = new OfflineCarrier();

    private OfflineCarrier() {
    }

    @Override
    public RateQuote rates(CarrierAccount account, RateRequest request) {
        return PrimingSamples.rateQuote();
    }

    @Override
    public PurchasedLabel buy(CarrierAccount account, PurchaseRequest request) {
        throw new IllegalStateException("offline: priming never buys a label");
    }

    @Override
    public Optional<PurchasedLabel> findPurchase(CarrierAccount account, String quoteId) {
        return Optional.empty();
    }

    @Override
    public byte[] download(CarrierAccount account, String labelUrl) {
        throw new IllegalStateException("offline: priming never downloads a label");
    }

    @Override
    public void voidLabel(CarrierAccount account, PurchasedLabel label) {
        throw new IllegalStateException("offline: priming never voids a label");
    }

    @Override
    public List<TrackingEvent> track(CarrierAccount account, PurchasedLabel label) {
        return List.of();
    }
}
