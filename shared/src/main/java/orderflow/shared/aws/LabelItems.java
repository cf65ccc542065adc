package orderflow.shared.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.domain.shipping.Parcel;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.Quote;
import orderflow.shared.domain.shipping.Rate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Quotes and labels as LabelsTable items: pk "sellerId#orderId", sk "QUOTE#id" or "LABEL#id".
 * A bought label carries trackingKey (ByTracking index) and, for providers that are polled, pollProvider
 * and pollSince (the sparse InTransit index) until its parcel arrives.
 */
final class LabelItems {

    /** Providers without tracking webhooks: their parcels are polled. */
    static final List<String> POLLED = List.of(CarrierAccount.AMAZON_SHIPPING);

    private LabelItems() {
    }

    static Map<String, AttributeValue> key(String sellerId, String orderId, String sk) {
        return Map.of("pk", Attr.s(sellerId + "#" + orderId), "sk", Attr.s(sk));
    }

    static Map<String, AttributeValue> toItem(Quote q) {
        Map<String, AttributeValue> item = new HashMap<>(key(q.sellerId(), q.orderId(), "QUOTE#" + q.quoteId()));
        item.put("provider", Attr.s(q.provider()));
        item.put("quoteId", Attr.s(q.quoteId()));
        item.put("lines", lines(q.lines()));
        item.put("parcel", AttributeValue.fromM(Map.of("weightGrams", Attr.n(q.parcel().weightGrams()),
                "lengthMm", Attr.n(q.parcel().lengthMm()), "widthMm", Attr.n(q.parcel().widthMm()),
                "heightMm", Attr.n(q.parcel().heightMm()))));
        List<AttributeValue> rates = new ArrayList<>();
        for (Rate r : q.rates()) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("rateId", Attr.s(r.rateId()));
            Attr.putIfPresent(m, "carrier", r.carrier());
            Attr.putIfPresent(m, "service", r.service());
            m.put("costMinor", Attr.n(r.cost().minor()));
            m.put("currency", Attr.s(r.cost().currency()));
            if (r.deliveryDays() != null) {
                m.put("deliveryDays", Attr.n(r.deliveryDays()));
            }
            rates.add(AttributeValue.fromM(m));
        }
        item.put("rates", AttributeValue.fromL(rates));
        item.put("createdAt", Attr.s(q.createdAt().toString()));
        item.put("expiresAt", Attr.n(q.createdAt().getEpochSecond() + Quote.TTL_HOURS * 3600L + 86_400)); // TTL
        return item;
    }

    static Quote quote(Map<String, AttributeValue> i) {
        String[] pk = Attr.str(i, "pk").split("#", 2);
        Map<String, AttributeValue> p = i.get("parcel").m();
        List<Rate> rates = new ArrayList<>();
        for (AttributeValue v : i.get("rates").l()) {
            Map<String, AttributeValue> m = v.m();
            rates.add(new Rate(Attr.str(m, "rateId"), Attr.str(m, "carrier"), Attr.str(m, "service"),
                    new Money(Attr.num(m, "costMinor"), Attr.str(m, "currency")),
                    m.containsKey("deliveryDays") ? (int) Attr.num(m, "deliveryDays") : null));
        }
        return new Quote(pk[0], pk[1], Attr.str(i, "provider"), Attr.str(i, "quoteId"), lines(i.get("lines")),
                new Parcel((int) Attr.num(p, "weightGrams"), (int) Attr.num(p, "lengthMm"), (int) Attr.num(p, "widthMm"),
                        (int) Attr.num(p, "heightMm")), rates, Attr.instant(i, "createdAt"));
    }

    static Map<String, AttributeValue> toItem(Label l) {
        Map<String, AttributeValue> item = new HashMap<>(key(l.sellerId(), l.orderId(), "LABEL#" + l.labelId()));
        item.put("labelId", Attr.s(l.labelId()));
        item.put("provider", Attr.s(l.provider()));
        item.put("quoteId", Attr.s(l.quoteId()));
        item.put("rateId", Attr.s(l.rateId()));
        Attr.putIfPresent(item, "carrier", l.carrier());
        Attr.putIfPresent(item, "service", l.service());
        if (l.cost() != null) {
            item.put("costMinor", Attr.n(l.cost().minor()));
            item.put("currency", Attr.s(l.cost().currency()));
        }
        item.put("lines", lines(l.lines()));
        item.put("format", Attr.s(l.format().name()));
        item.put("status", Attr.s(l.status().name()));
        PurchasedLabel p = l.purchase();
        if (p != null) {
            Attr.putIfPresent(item, "carrierShipmentId", p.carrierShipmentId());
            item.put("trackingNumber", Attr.s(p.trackingNumber()));
            Attr.putIfPresent(item, "labelUrl", p.labelUrl());
            Attr.putIfPresent(item, "trackerId", p.trackerId());
            item.put("trackingKey", Attr.s(trackingKey(l.provider(), p.trackingNumber())));
        }
        Attr.putIfPresent(item, "fileKey", l.fileKey());
        Attr.putIfPresent(item, "shipmentId", l.shipmentId());
        item.put("createdAt", Attr.s(l.createdAt().toString()));
        item.put("updatedAt", Attr.s(l.updatedAt().toString()));
        return item;
    }

    static Label label(Map<String, AttributeValue> i) {
        String[] pk = Attr.str(i, "pk").split("#", 2);
        Money cost = i.containsKey("costMinor") ? new Money(Attr.num(i, "costMinor"), Attr.str(i, "currency")) : null;
        LabelFormat format = LabelFormat.valueOf(Attr.str(i, "format"));
        PurchasedLabel purchase = i.containsKey("trackingNumber")
                ? new PurchasedLabel(Attr.str(i, "quoteId"), Attr.str(i, "carrierShipmentId"),
                Attr.str(i, "trackingNumber"), Attr.str(i, "carrier"), Attr.str(i, "service"), cost, format, null,
                Attr.str(i, "labelUrl"), Attr.str(i, "trackerId")) : null;
        return new Label(Attr.str(i, "labelId"), pk[0], pk[1], Attr.str(i, "provider"), Attr.str(i, "quoteId"),
                Attr.str(i, "rateId"), Attr.str(i, "carrier"), Attr.str(i, "service"), cost, lines(i.get("lines")),
                format, Label.Status.valueOf(Attr.str(i, "status")), purchase, Attr.str(i, "fileKey"),
                Attr.str(i, "shipmentId"), Attr.instant(i, "createdAt"), Attr.instant(i, "updatedAt"));
    }

    static String trackingKey(String provider, String trackingNumber) {
        return provider + "#" + trackingNumber;
    }

    private static AttributeValue lines(Map<String, Integer> lines) {
        Map<String, AttributeValue> m = new HashMap<>();
        lines.forEach((sku, q) -> m.put(sku, Attr.n(q)));
        return AttributeValue.fromM(m);
    }

    private static Map<String, Integer> lines(AttributeValue v) {
        Map<String, Integer> out = new LinkedHashMap<>();
        new TreeMap<>(v.m()).forEach((sku, n) -> out.put(sku, Integer.parseInt(n.n())));
        return out;
    }
}
