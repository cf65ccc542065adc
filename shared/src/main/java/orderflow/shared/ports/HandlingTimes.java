package orderflow.shared.ports;

import java.util.Collection;
import java.util.Map;

/** The handling times set on a seller's SKUs (their stock items), read once per order. */
public interface HandlingTimes {

    /** None of the SKUs has its own handling time: every order takes the seller's. */
    HandlingTimes NONE = (sellerId, skus) -> Map.of();

    /** The SKUs among these that have their own handling time, with it; the others are left out. */
    Map<String, Integer> handlingDays(String sellerId, Collection<String> skus);
}
