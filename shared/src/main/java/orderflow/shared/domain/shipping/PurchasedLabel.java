package orderflow.shared.domain.shipping;

import orderflow.shared.domain.Money;

/**
 * A bought label: the carrier-side shipment (quote id, and the id that voids and tracks it), the
 * tracking number, carrier and service, what it cost, and the printable label: its bytes when the
 * carrier sends them inline (Amazon Shipping), else the URL to fetch them from (EasyPost).
 * trackerId is the carrier's tracker (EasyPost "trk_..."; null where tracking is by number).
 */
public record PurchasedLabel(String quoteId, String carrierShipmentId, String trackingNumber, String carrier,
                             String service, Money cost, LabelFormat format, byte[] labelBytes, String labelUrl,
                             String trackerId) {
}
