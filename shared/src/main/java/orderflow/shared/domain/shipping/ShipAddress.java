package orderflow.shared.domain.shipping;

import orderflow.shared.domain.Address;

/** An address a carrier prints: the postal address with a phone and email where known (null otherwise). */
public record ShipAddress(Address address, String company, String phone, String email) {
}
