package orderflow.shared.aws;

import java.util.HashMap;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.ShipmentLabel;
import orderflow.shared.domain.shipping.TrackingStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A shipment's label as a DynamoDB map, inside the order item's shipments list. */
final class ShipmentLabelItems {

    private ShipmentLabelItems() {
    }

    static Map<String, AttributeValue> toMap(ShipmentLabel label) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("labelId", Attr.s(label.labelId()));
        m.put("provider", Attr.s(label.provider()));
        Attr.putIfPresent(m, "service", label.service());
        if (label.cost() != null) {
            m.put("costMinor", Attr.n(label.cost().minor()));
            m.put("costCurrency", Attr.s(label.cost().currency()));
        }
        if (label.trackingStatus() != null) {
            m.put("trackingStatus", Attr.s(label.trackingStatus().name()));
        }
        Attr.putIfPresent(m, "trackingAt", label.trackingAt());
        Attr.putIfPresent(m, "trackingDetail", label.trackingDetail());
        return m;
    }

    static ShipmentLabel fromMap(Map<String, AttributeValue> m) {
        Money cost = m.containsKey("costMinor") ? new Money(Attr.num(m, "costMinor"), Attr.str(m, "costCurrency")) : null;
        String status = Attr.str(m, "trackingStatus");
        return new ShipmentLabel(Attr.str(m, "labelId"), Attr.str(m, "provider"), Attr.str(m, "service"), cost,
                status == null ? null : TrackingStatus.valueOf(status), Attr.instant(m, "trackingAt"),
                Attr.str(m, "trackingDetail"));
    }
}
