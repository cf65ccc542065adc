package orderflow.shared.service;

import orderflow.shared.domain.Order;
import orderflow.shared.domain.Shipment;

/**
 * What a seller action did: the order as it now is; changed is false when the request repeated what
 * the order already records; the shipment, for a shipment (else null).
 */
public record ActionResult(Order order, boolean changed, Shipment shipment) {
}
