package orderflow.shared.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.shipping.Label;
import orderflow.shared.domain.shipping.Quote;
import orderflow.shared.domain.shipping.Rate;
import orderflow.shared.ports.LabelFiles;

/** The JSON of quotes and labels (docs/api.md#shipping-labels). A label's file is a link valid 15 minutes. */
public final class LabelViews {

    /** How long a label link works: long enough to print, short enough that a leaked link soon dies. */
    public static final Duration LINK_TTL = Duration.ofMinutes(15);

    private LabelViews() {
    }

    public static Map<String, Object> quote(Quote q) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quoteId", q.quoteId());
        json.put("provider", q.provider());
        json.put("lines", lines(q.lines()));
        json.put("parcel", Map.of("weightGrams", q.parcel().weightGrams(), "lengthMm", q.parcel().lengthMm(),
                "widthMm", q.parcel().widthMm(), "heightMm", q.parcel().heightMm()));
        List<Map<String, Object>> rates = new ArrayList<>();
        for (Rate r : q.rates()) {
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("rateId", r.rateId());
            rate.put("carrier", r.carrier());
            rate.put("service", r.service());
            rate.put("cost", OrderViews.money(r.cost()));
            rate.put("deliveryDays", r.deliveryDays());
            rates.add(rate);
        }
        json.put("rates", rates);
        json.put("expiresAt", q.createdAt().plusSeconds(Quote.TTL_HOURS * 3600L).toString());
        return json;
    }

    /** files: signs the download link; null leaves it out. */
    public static Map<String, Object> label(Label l, LabelFiles files) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labelId", l.labelId());
        json.put("status", l.status().name());
        json.put("provider", l.provider());
        json.put("carrier", l.carrier());
        json.put("service", l.service());
        json.put("cost", l.cost() == null ? null : OrderViews.money(l.cost()));
        json.put("trackingNumber", l.trackingNumber());
        json.put("shipmentId", l.shipmentId());
        json.put("lines", lines(l.lines()));
        json.put("format", l.format().name());
        json.put("createdAt", l.createdAt().toString());
        json.put("updatedAt", l.updatedAt().toString());
        boolean printable = l.fileKey() != null && l.status() == Label.Status.PURCHASED && files != null;
        json.put("labelUrl", printable ? files.link(l.fileKey(), LINK_TTL).toString() : null);
        json.put("labelUrlExpiresInSeconds", printable ? LINK_TTL.toSeconds() : null);
        return json;
    }

    private static List<Map<String, Object>> lines(Map<String, Integer> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        lines.forEach((sku, q) -> out.add(Map.of("sku", sku, "quantity", q)));
        return out;
    }
}
