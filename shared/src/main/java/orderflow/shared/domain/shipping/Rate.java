package orderflow.shared.domain.shipping;

import orderflow.shared.domain.Money;

/**
 * One offer: the carrier's id for it, the carrier and service names as the carrier gives them, the
 * price, and the days in transit the carrier promises (null when it does not say).
 */
public record Rate(String rateId, String carrier, String service, Money cost, Integer deliveryDays) {
}
