package orderflow.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import orderflow.shared.domain.metrics.DailyMetrics;
import orderflow.shared.domain.metrics.Metric;
import orderflow.shared.domain.metrics.ShippingSpend;
import orderflow.shared.service.MetricsService;

/** The JSON shape of GET /v1/metrics (docs/metrics.md): each metric against its target, and the daily chart. */
public final class MetricsViews {

    private MetricsViews() {
    }

    public static Map<String, Object> metrics(MetricsService.Result r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", r.window());
        body.put("asOf", r.asOf().toString());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Metric m : r.metrics()) {
            metrics.add(metric(m));
        }
        body.put("metrics", metrics);
        List<Map<String, Object>> daily = new ArrayList<>();
        for (DailyMetrics d : r.daily()) {
            daily.add(day(d));
        }
        body.put("daily", daily);
        List<Map<String, Object>> spend = new ArrayList<>();
        for (ShippingSpend s : r.shippingSpend()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("currency", s.currency());
            json.put("total", OrderViews.money(s.total()));
            json.put("orders", s.orders());
            json.put("perOrder", OrderViews.money(s.perOrder()));
            json.put("windowDays", s.windowDays());
            spend.add(json);
        }
        body.put("shippingSpend", spend);
        return body;
    }

    public static Map<String, Object> metric(Metric m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", m.name());
        json.put("label", m.label());
        json.put("value", m.value());
        json.put("unit", m.unit().name().toLowerCase(Locale.ROOT));
        json.put("target", m.target());
        json.put("targetValue", m.targetValue());
        json.put("status", m.status().name());
        json.put("numerator", m.numerator());
        json.put("denominator", m.denominator());
        json.put("windowDays", m.windowDays());
        return json;
    }

    /** One day of the chart: the daily rates, and how many orders were due to ship that day. */
    public static Map<String, Object> day(DailyMetrics d) {
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("date", d.day().toString());
        day.put("lateShipmentRate", d.lateShipment().value());
        day.put("cancelRate", d.cancel().value());
        day.put("validTrackingRate", d.validTracking().value());
        day.put("ordersDue", d.lateShipment().denominator());
        return day;
    }
}
