package orderflow.shared.service;

import java.util.Map;

import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.ports.Carrier;

/** The carrier client for each provider an account can name. */
public final class Carriers {

    private final Map<String, Carrier> byProvider;

    public Carriers(Map<String, Carrier> byProvider) {
        this.byProvider = Map.copyOf(byProvider);
    }

    public Carrier of(CarrierAccount account) {
        Carrier carrier = byProvider.get(account.provider());
        if (carrier == null) {
            throw new IllegalStateException("no client for provider " + account.provider());
        }
        return carrier;
    }
}
