package orderflow.shared.outbound.carriers;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.CarrierException.Kind;
import orderflow.shared.domain.shipping.EasyPostEvents;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.domain.shipping.Parcel;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.Rate;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.channels.ChannelHttp;
import orderflow.shared.outbound.carriers.CarrierCalls.Effect;
import orderflow.shared.ports.Carrier;
import orderflow.shared.outbound.OutboundRules;

/**
 * EasyPost API v2 (docs.easypost.com): a quote is a Shipment ({@code POST /v2/shipments}, parcel in
 * ounces and inches, each rounded up to 0.1), a purchase is {@code POST /v2/shipments/{id}/buy}. The
 * buy takes no idempotency key, so the Shipment is the record: {@link #buy} first GETs it and answers
 * the label already bought, and a "bought already" refusal is answered the same way. Labels are
 * asked for as PDF at creation; a ZPL purchase converts the label afterwards ({@code GET
 * /v2/shipments/{id}/label?file_format=ZPL}). Void is the refund request; tracking reads the
 * Tracker. Account: baseUrl the API root (https://api.easypost.com), secret apiKey (HTTP Basic
 * username, never in a message).
 */
public final class EasyPostCarrier implements Carrier {

    static final String PROVIDER = "EasyPost";
    private static final BigDecimal GRAMS_PER_OUNCE = new BigDecimal("28.349523125");
    private static final BigDecimal MM_PER_INCH = new BigDecimal("25.4");

    private final ChannelHttp http;

    public EasyPostCarrier(OutboundRules rules) {
        this(ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    EasyPostCarrier(Duration timeout, OutboundRules rules) {
        this.http = new ChannelHttp(timeout, rules);
    }

    @Override
    public RateQuote rates(CarrierAccount account, RateRequest request) {
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("reference", request.reference());
        shipment.put("to_address", address(request.to()));
        shipment.put("from_address", address(request.from()));
        shipment.put("parcel", parcel(request.parcel()));
        shipment.put("options", Map.of("label_format", "PDF"));
        Map<String, Object> s = call(account, "POST", "/v2/shipments", Map.of("shipment", shipment), Effect.OTHER);
        List<Rate> rates = new ArrayList<>();
        for (Object o : list(s.get("rates"))) {
            Map<String, Object> r = map(o);
            String currency = text(r.get("currency"));
            String price = text(r.get("rate"));
            if (price == null || currency == null || !Money.isCurrency(currency)) {
                continue;
            }
            Integer days = r.get("delivery_days") instanceof Number n ? n.intValue() : null;
            rates.add(new Rate(text(r.get("id")), text(r.get("carrier")), text(r.get("service")),
                    Money.parse(price, currency), days));
        }
        return new RateQuote(CarrierAccount.EASYPOST, text(s.get("id")), rates);
    }

    @Override
    public PurchasedLabel buy(CarrierAccount account, PurchaseRequest request) {
        Optional<PurchasedLabel> bought = findPurchase(account, request.quoteId());
        PurchasedLabel label;
        if (bought.isPresent()) {
            label = bought.get();
        } else {
            try {
                label = label(call(account, "POST", "/v2/shipments/" + id(request.quoteId()) + "/buy",
                        Map.of("rate", Map.of("id", request.rateId())), Effect.PURCHASE));
            } catch (CarrierException e) {
                // Bought in the meantime (a parallel retry): the shipment has the one label.
                Optional<PurchasedLabel> raced = e.kind() == Kind.REJECTED ? findPurchase(account, request.quoteId())
                        : Optional.empty();
                label = raced.orElseThrow(() -> e);
            }
        }
        return request.format() == LabelFormat.ZPL && label.format() != LabelFormat.ZPL ? zpl(account, label) : label;
    }

    @Override
    public Optional<PurchasedLabel> findPurchase(CarrierAccount account, String quoteId) {
        Map<String, Object> s = call(account, "GET", "/v2/shipments/" + id(quoteId), null, Effect.OTHER);
        return map(s.get("postage_label")).isEmpty() ? Optional.empty() : Optional.of(label(s));
    }

    /**
     * The label file. EasyPost's label URLs are public links (no API key is sent with them, so the
     * key never reaches the file host).
     */
    @Override
    public byte[] download(CarrierAccount account, String labelUrl) {
        URI uri;
        try {
            uri = URI.create(labelUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CarrierException(Kind.REJECTED, 0, "The label URL is not a URL.");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new CarrierException(Kind.REJECTED, 0, "The label URL is not an http(s) URL.");
        }
        try {
            ChannelHttp.Binary r = http.fetch(uri, Map.of());
            if (r.status() / 100 != 2) {
                throw CarrierCalls.refused(r.status(), Effect.OTHER, PROVIDER, "the label file could not be fetched", secrets(account));
            }
            return r.body();
        } catch (IOException e) {
            throw CarrierCalls.unanswered(e, Effect.OTHER, PROVIDER, secrets(account));
        }
    }

    @Override
    public void voidLabel(CarrierAccount account, PurchasedLabel label) {
        Map<String, Object> s = call(account, "POST", "/v2/shipments/" + id(label.carrierShipmentId()) + "/refund", Map.of(),
                Effect.OTHER);
        if ("rejected".equals(s.get("refund_status")) || "not_applicable".equals(s.get("refund_status"))) {
            throw new CarrierException(Kind.REJECTED, 200, "EasyPost refused the refund (refund_status "
                    + s.get("refund_status") + "): the parcel may already be with the carrier.");
        }
    }

    @Override
    public List<TrackingEvent> track(CarrierAccount account, PurchasedLabel label) {
        Map<String, Object> tracker;
        if (label.trackerId() != null) {
            tracker = call(account, "GET", "/v2/trackers/" + id(label.trackerId()), null, Effect.OTHER);
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("tracking_code", label.trackingNumber());
            if (label.carrier() != null) {
                t.put("carrier", label.carrier());
            }
            tracker = call(account, "POST", "/v2/trackers", Map.of("tracker", t), Effect.OTHER);
        }
        return EasyPostEvents.tracker(tracker).events();
    }

    // ------------------------------------------------------------------ mapping

    private PurchasedLabel zpl(CarrierAccount account, PurchasedLabel label) {
        Map<String, Object> s = call(account, "GET", "/v2/shipments/" + id(label.carrierShipmentId()) + "/label?file_format=ZPL",
                null, Effect.OTHER);
        String url = text(map(s.get("postage_label")).get("label_zpl_url"));
        if (url == null) {
            throw new CarrierException(Kind.UNAVAILABLE, 200, "EasyPost gave no ZPL label URL; ask again later.");
        }
        return new PurchasedLabel(label.quoteId(), label.carrierShipmentId(), label.trackingNumber(), label.carrier(),
                label.service(), label.cost(), LabelFormat.ZPL, null, url, label.trackerId());
    }

    private static PurchasedLabel label(Map<String, Object> s) {
        Map<String, Object> postage = map(s.get("postage_label"));
        Map<String, Object> rate = map(s.get("selected_rate"));
        String currency = text(rate.get("currency"));
        String price = text(rate.get("rate"));
        Money cost = price != null && currency != null && Money.isCurrency(currency) ? Money.parse(price, currency) : null;
        String pdf = text(postage.get("label_pdf_url"));
        String url = text(postage.get("label_url"));
        String type = text(postage.get("label_file_type"));
        boolean isZpl = "application/zpl".equals(type);
        LabelFormat format = isZpl ? LabelFormat.ZPL : LabelFormat.PDF;
        String labelUrl = pdf != null && !isZpl ? pdf : url;
        return new PurchasedLabel(text(s.get("id")), text(s.get("id")), text(s.get("tracking_code")), text(rate.get("carrier")),
                text(rate.get("service")), cost, format, null, labelUrl, text(map(s.get("tracker")).get("id")));
    }

    private static Map<String, Object> address(ShipAddress a) {
        Address p = a.address();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("company", a.company());
        m.put("street1", p.line1());
        m.put("street2", p.line2());
        m.put("city", p.city());
        m.put("state", p.region());
        m.put("zip", p.postalCode());
        m.put("country", p.country());
        m.put("phone", a.phone());
        m.put("email", a.email());
        m.values().removeIf(v -> v == null);
        return m;
    }

    /** EasyPost takes ounces and inches: converted and rounded up to 0.1, so the carrier never sees less than the box. */
    static Map<String, Object> parcel(Parcel p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", inches(p.lengthMm()));
        m.put("width", inches(p.widthMm()));
        m.put("height", inches(p.heightMm()));
        m.put("weight", BigDecimal.valueOf(p.weightGrams()).divide(GRAMS_PER_OUNCE, 12, RoundingMode.HALF_UP)
                .setScale(1, RoundingMode.CEILING));
        return m;
    }

    private static BigDecimal inches(int mm) {
        return BigDecimal.valueOf(mm).divide(MM_PER_INCH, 12, RoundingMode.HALF_UP).setScale(1, RoundingMode.CEILING);
    }

    // ------------------------------------------------------------------ HTTP

    private Map<String, Object> call(CarrierAccount account, String method, String path, Object body, Effect effect) {
        String apiKey = account.secret("apiKey");
        if (apiKey == null || apiKey.isBlank()) {
            throw CarrierCalls.missingSecret(PROVIDER, "apiKey");
        }
        URI uri = URI.create(CarrierCalls.root(account.baseUrl(), PROVIDER) + path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8)));
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        ChannelHttp.Response r;
        try {
            r = http.send(method, uri, headers, body == null ? null : Json.write(body));
        } catch (IOException e) {
            throw CarrierCalls.unanswered(e, effect, PROVIDER, secrets(account));
        }
        if (r.status() / 100 == 2 && r.json() instanceof Map<?, ?>) {
            return map(r.json());
        }
        throw CarrierCalls.refused(r.status() / 100 == 2 ? 502 : r.status(), effect, PROVIDER, words(r), secrets(account));
    }

    /** EasyPost's {@code {"error": {code, message, errors: [{field, message}]}}} as one line. */
    private static String words(ChannelHttp.Response r) {
        Map<String, Object> error = map(map(r.json()).get("error"));
        if (error.isEmpty()) {
            return ChannelHttp.snippet(r.body());
        }
        StringBuilder s = new StringBuilder();
        s.append(text(error.get("code"))).append(": ").append(text(error.get("message")));
        for (Object o : list(error.get("errors"))) {
            Map<String, Object> f = map(o);
            if (!f.isEmpty()) {
                s.append("; ").append(text(f.get("field"))).append(" ").append(text(f.get("message")));
            } else if (o instanceof String text) {
                s.append("; ").append(text);
            }
        }
        return s.toString();
    }

    private static List<String> secrets(CarrierAccount account) {
        return new ArrayList<>(account.secrets().values());
    }

    /** An id placed in a path: encoded, so a hostile id cannot reach another route. */
    private static String id(String value) {
        if (value == null || value.isBlank()) {
            throw new CarrierException(Kind.NOT_FOUND, 0, "No EasyPost id was given.");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
