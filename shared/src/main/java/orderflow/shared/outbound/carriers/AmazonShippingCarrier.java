package orderflow.shared.outbound.carriers;

import static orderflow.shared.outbound.channels.ChannelHttp.list;
import static orderflow.shared.outbound.channels.ChannelHttp.map;
import static orderflow.shared.outbound.channels.ChannelHttp.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import orderflow.shared.domain.Address;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.CarrierException.Kind;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.domain.shipping.ParcelItem;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.Rate;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.RateRequest;
import orderflow.shared.domain.shipping.ShipAddress;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.domain.shipping.TrackingStatus;
import orderflow.shared.json.Json;
import orderflow.shared.outbound.carriers.CarrierCalls.Effect;
import orderflow.shared.outbound.channels.ChannelHttp;
import orderflow.shared.outbound.channels.LwaTokens;
import orderflow.shared.ports.Carrier;
import orderflow.shared.outbound.OutboundRules;

/**
 * Amazon Shipping v2 of the SP-API (models/shipping-api-model/shippingV2.json): getRates gives a
 * requestToken (our quote id, valid 10 minutes) and rates; purchaseShipment carries our idempotency
 * key as {@code x-amzn-IdempotencyKey}, so a retried purchase answers the first one and charges once
 * (there is no way to look a purchase up by token: {@link #findPurchase} is always empty, the
 * retry with the same key is the recovery). Labels come inline (base64); their URL is the
 * getShipmentDocuments call that fetches them again. Parcels go in grams and centimetres.
 *
 * <p>A Rate's carrier is Amazon's carrierId (AMZN_US, UPS...): getTracking needs it, and the
 * purchase answer does not repeat it, so {@link PurchaseRequest#rate()} supplies carrier, service
 * and cost to the label. Account: baseUrl the regional SP-API endpoint, secret refreshToken, optional
 * settings businessId ({@code x-amzn-shipping-business-id}) and currency (of the insured value when
 * the parcel has no items, USD otherwise).
 */
public final class AmazonShippingCarrier implements Carrier {

    static final String PROVIDER = "Amazon Shipping";

    private final URI tokenEndpoint;
    private final Clock clock;
    private final ChannelHttp http;
    private final LwaTokens tokens;

    /** tokenEndpoint: Login with Amazon (https://api.amazon.com/auth/o2/token); the SP-API app's LWA client id and secret. */
    public AmazonShippingCarrier(URI tokenEndpoint, String clientId, String clientSecret, Clock clock, OutboundRules rules) {
        this(tokenEndpoint, clientId, () -> clientSecret, clock, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    /** clientSecret: read on first use (the stack's SSM SecureString). */
    public AmazonShippingCarrier(URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                                 OutboundRules rules) {
        this(tokenEndpoint, clientId, clientSecret, clock, ChannelHttp.REQUEST_TIMEOUT, rules);
    }

    AmazonShippingCarrier(URI tokenEndpoint, String clientId, String clientSecret, Clock clock, Duration timeout,
                          OutboundRules rules) {
        this(tokenEndpoint, clientId, () -> clientSecret, clock, timeout, rules);
    }

    AmazonShippingCarrier(URI tokenEndpoint, String clientId, Supplier<String> clientSecret, Clock clock,
                          Duration timeout, OutboundRules rules) {
        this.tokenEndpoint = tokenEndpoint;
        this.clock = clock;
        this.http = new ChannelHttp(timeout, rules);
        this.tokens = new LwaTokens(http, clientId, clientSecret, clock);
    }

    @Override
    public RateQuote rates(CarrierAccount account, RateRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shipFrom", address(request.from()));
        Map<String, Object> channel = new LinkedHashMap<>();
        if (request.externalOrderId() != null) {
            channel.put("channelType", "AMAZON");
            channel.put("amazonOrderDetails", Map.of("orderId", request.externalOrderId()));
        } else {
            channel.put("channelType", "EXTERNAL");
            body.put("shipTo", address(request.to()));
        }
        body.put("packages", List.of(pack(account, request)));
        body.put("channelDetails", channel);
        Map<String, Object> payload = map(call(account, "POST", "/shipping/v2/shipments/rates", body, Map.of(), Effect.OTHER)
                .get("payload"));
        Instant now = clock.instant();
        List<Rate> rates = new ArrayList<>();
        for (Object o : list(payload.get("rates"))) {
            Map<String, Object> r = map(o);
            Money cost = money(map(r.get("totalCharge")));
            if (cost == null || Boolean.TRUE.equals(r.get("requiresAdditionalInputs"))) {
                continue; // additional inputs (customs, hazmat forms) are not collected here
            }
            rates.add(new Rate(text(r.get("rateId")), text(r.get("carrierId")), text(r.get("serviceName")), cost,
                    days(now, map(map(r.get("promise")).get("deliveryWindow")))));
        }
        return new RateQuote(CarrierAccount.AMAZON_SHIPPING, text(payload.get("requestToken")), rates);
    }

    @Override
    public PurchasedLabel buy(CarrierAccount account, PurchaseRequest request) {
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            throw new IllegalArgumentException("an Amazon Shipping purchase needs an idempotency key");
        }
        String format = request.format() == LabelFormat.ZPL ? "ZPL" : "PDF";
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("format", format);
        spec.put("size", Map.of("width", 4, "length", 6, "unit", "INCH"));
        spec.put("needFileJoining", false);
        spec.put("requestedDocumentTypes", List.of("LABEL"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestToken", request.quoteId());
        body.put("rateId", request.rateId());
        body.put("requestedDocumentSpecification", spec);
        Map<String, Object> payload = map(call(account, "POST", "/shipping/v2/shipments", body,
                Map.of("x-amzn-IdempotencyKey", request.idempotencyKey()), Effect.PURCHASE).get("payload"));
        String shipmentId = text(payload.get("shipmentId"));
        Map<String, Object> detail = map(list(payload.get("packageDocumentDetails")).stream().findFirst().orElse(null));
        byte[] bytes = labelBytes(list(detail.get("packageDocuments")));
        if (shipmentId == null || bytes == null) {
            throw new CarrierException(Kind.UNKNOWN_OUTCOME, 200, "Amazon Shipping's purchase answer has no shipment id or"
                    + " label; buy again with the same idempotency key to have it again.");
        }
        Rate rate = request.rate();
        String documents = CarrierCalls.root(account.baseUrl(), PROVIDER) + "/shipping/v2/shipments/" + encode(shipmentId)
                + "/documents?packageClientReferenceId=" + encode(text(detail.get("packageClientReferenceId"))) + "&format=" + format;
        return new PurchasedLabel(request.quoteId(), shipmentId, text(detail.get("trackingId")),
                rate == null ? null : rate.carrier(), rate == null ? null : rate.service(), rate == null ? null : rate.cost(),
                request.format() == LabelFormat.ZPL ? LabelFormat.ZPL : LabelFormat.PDF, bytes, documents, null);
    }

    /** Amazon cannot look a purchase up by request token: buying again with the same key is the recovery. */
    @Override
    public Optional<PurchasedLabel> findPurchase(CarrierAccount account, String quoteId) {
        return Optional.empty();
    }

    /** Fetches the label again from getShipmentDocuments (the URL {@link #buy} gave), only on the account's endpoint. */
    @Override
    public byte[] download(CarrierAccount account, String labelUrl) {
        String prefix = CarrierCalls.root(account.baseUrl(), PROVIDER) + "/shipping/v2/shipments/";
        if (labelUrl == null || !labelUrl.startsWith(prefix) || !labelUrl.contains("/documents?")) {
            throw new CarrierException(Kind.REJECTED, 0, "The label URL is not this account's getShipmentDocuments.");
        }
        Map<String, Object> payload = map(call(account, "GET", labelUrl.substring(prefix.length() - "/shipping/v2/shipments/".length()),
                null, Map.of(), Effect.OTHER).get("payload"));
        byte[] bytes = labelBytes(list(map(payload.get("packageDocumentDetail")).get("packageDocuments")));
        if (bytes == null) {
            throw new CarrierException(Kind.UNAVAILABLE, 200, "Amazon Shipping answered no label document.");
        }
        return bytes;
    }

    @Override
    public void voidLabel(CarrierAccount account, PurchasedLabel label) {
        call(account, "PUT", "/shipping/v2/shipments/" + encode(label.carrierShipmentId()) + "/cancel", null, Map.of(), Effect.OTHER);
    }

    @Override
    public List<TrackingEvent> track(CarrierAccount account, PurchasedLabel label) {
        if (label.carrier() == null) {
            throw new CarrierException(Kind.REJECTED, 0, "The label has no Amazon carrierId, which tracking needs.");
        }
        Map<String, Object> payload = map(call(account, "GET", "/shipping/v2/tracking?trackingId=" + encode(label.trackingNumber())
                + "&carrierId=" + encode(label.carrier()), null, Map.of(), Effect.OTHER).get("payload"));
        List<TrackingEvent> events = new ArrayList<>();
        for (Object o : list(payload.get("eventHistory"))) {
            Map<String, Object> e = map(o);
            String code = text(e.get("eventCode"));
            events.add(new TrackingEvent(label.trackingNumber(), status(code), instant(e.get("eventTime")), code, code,
                    location(map(e.get("location")))));
        }
        events.sort(Comparator.comparing(TrackingEvent::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return events;
    }

    /**
     * Amazon's EventCode to ours: ReadyForReceive PRE_TRANSIT; PickupDone, Departed,
     * ArrivedAtCarrierFacility, RecipientRequestedAlternateDeliveryTiming IN_TRANSIT; OutForDelivery
     * and AvailableForPickup OUT_FOR_DELIVERY; Delivered DELIVERED; ReturnInitiated RETURNED;
     * DeliveryAttempted, Lost, Rejected, Undeliverable, PickupCancelled EXCEPTION (the seller acts);
     * anything new UNKNOWN.
     */
    public static TrackingStatus status(String eventCode) {
        if (eventCode == null) {
            return TrackingStatus.UNKNOWN;
        }
        return switch (eventCode) {
            case "ReadyForReceive" -> TrackingStatus.PRE_TRANSIT;
            case "PickupDone", "Departed", "ArrivedAtCarrierFacility", "RecipientRequestedAlternateDeliveryTiming" ->
                    TrackingStatus.IN_TRANSIT;
            case "OutForDelivery", "AvailableForPickup" -> TrackingStatus.OUT_FOR_DELIVERY;
            case "Delivered" -> TrackingStatus.DELIVERED;
            case "ReturnInitiated" -> TrackingStatus.RETURNED;
            case "DeliveryAttempted", "Lost", "Rejected", "Undeliverable", "PickupCancelled" -> TrackingStatus.EXCEPTION;
            default -> TrackingStatus.UNKNOWN;
        };
    }

    // ------------------------------------------------------------------ mapping

    private static Map<String, Object> pack(CarrierAccount account, RateRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        Money insured = null;
        for (ParcelItem item : request.items()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("quantity", item.quantity());
            if (item.title() != null) {
                i.put("description", item.title());
            }
            if (item.orderItemId() != null) {
                i.put("itemIdentifier", item.orderItemId());
            }
            if (item.unitValue() != null) {
                i.put("itemValue", currency(item.unitValue()));
                Money line = item.unitValue().times(item.quantity());
                insured = insured == null ? line : insured.plus(line);
            }
            items.add(i);
        }
        if (insured == null) {
            String c = account.setting("currency");
            insured = Money.zero(c != null && Money.isCurrency(c) ? c : "USD");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dimensions", Map.of("length", cm(request.parcel().lengthMm()), "width", cm(request.parcel().widthMm()),
                "height", cm(request.parcel().heightMm()), "unit", "CENTIMETER"));
        p.put("weight", Map.of("value", request.parcel().weightGrams(), "unit", "GRAM"));
        p.put("insuredValue", currency(insured));
        p.put("packageClientReferenceId", request.reference());
        p.put("items", items);
        return p;
    }

    private static BigDecimal cm(int mm) {
        return BigDecimal.valueOf(mm, 1);
    }

    private static Map<String, Object> currency(Money m) {
        return Map.of("value", new BigDecimal(m.toDecimalString()), "unit", m.currency());
    }

    private static Map<String, Object> address(ShipAddress a) {
        Address p = a.address();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("addressLine1", p.line1());
        m.put("addressLine2", p.line2() == null || p.line2().isBlank() ? null : p.line2());
        m.put("companyName", a.company());
        m.put("city", p.city());
        m.put("stateOrRegion", p.region());
        m.put("postalCode", p.postalCode());
        m.put("countryCode", p.country());
        m.put("phoneNumber", a.phone());
        m.put("email", a.email());
        m.values().removeIf(v -> v == null);
        return m;
    }

    /** totalCharge {value (a JSON number), unit}: read exactly as a decimal. */
    private static Money money(Map<String, Object> c) {
        String unit = text(c.get("unit"));
        Object value = c.get("value");
        if (unit == null || !Money.isCurrency(unit) || !(value instanceof Number n)) {
            return null;
        }
        try {
            return Money.parse(new BigDecimal(n.toString()).toPlainString(), unit);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whole days from now until the end of the promised delivery window (null when none is promised). */
    private static Integer days(Instant now, Map<String, Object> window) {
        Instant end = instant(window.get("end"));
        if (end == null) {
            return null;
        }
        long hours = Duration.between(now, end).toHours();
        return (int) Math.max(0, (hours + 23) / 24);
    }

    private static byte[] labelBytes(List<?> documents) {
        for (Object o : documents) {
            Map<String, Object> d = map(o);
            if ("LABEL".equals(d.get("type")) && text(d.get("contents")) != null) {
                try {
                    return Base64.getMimeDecoder().decode(text(d.get("contents")));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String location(Map<String, Object> l) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("city", "stateOrRegion", "postalCode", "countryCode")) {
            String v = text(l.get(k));
            if (v != null && !v.isBlank()) {
                parts.add(v);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static Instant instant(Object value) {
        String s = text(value);
        try {
            return s == null ? null : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ HTTP

    private Map<String, Object> call(CarrierAccount account, String method, String pathAndQuery, Object body,
                                     Map<String, String> extra, Effect effect) {
        String refreshToken = account.secret("refreshToken");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw CarrierCalls.missingSecret(PROVIDER, "refreshToken");
        }
        List<String> secrets = new ArrayList<>(account.secrets().values());
        URI uri = URI.create(CarrierCalls.root(account.baseUrl(), PROVIDER) + pathAndQuery);
        for (int attempt = 0; ; attempt++) {
            LwaTokens.Token token = token(refreshToken, secrets);
            Map<String, String> headers = new LinkedHashMap<>(extra);
            headers.put("x-amz-access-token", token.value());
            headers.put("Accept", "application/json");
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            String business = account.setting("businessId");
            if (business != null) {
                headers.put("x-amzn-shipping-business-id", business);
            }
            ChannelHttp.Response r;
            try {
                r = http.send(method, uri, headers, body == null ? null : Json.write(body));
            } catch (IOException e) {
                throw CarrierCalls.unanswered(e, effect, PROVIDER, secrets);
            }
            if (r.status() / 100 == 2 && r.json() instanceof Map<?, ?>) {
                return map(r.json());
            }
            if (r.status() == 403 && attempt == 0) {
                // A refused access token did nothing: forget it and try once with a fresh one.
                tokens.forget(tokenEndpoint, refreshToken, token);
                continue;
            }
            throw CarrierCalls.refused(r.status() / 100 == 2 ? 502 : r.status(), effect, PROVIDER, words(r), secrets);
        }
    }

    private LwaTokens.Token token(String refreshToken, List<String> secrets) {
        Object t;
        try {
            t = tokens.token(tokenEndpoint, refreshToken, secrets);
        } catch (IOException e) {
            throw CarrierCalls.unanswered(e, Effect.OTHER, "Login with Amazon", secrets);
        }
        if (t instanceof LwaTokens.Token token) {
            return token;
        }
        if (t instanceof PushResult.Retry retry) {
            throw new CarrierException(Kind.UNAVAILABLE, 0, retry.reason());
        }
        throw new CarrierException(Kind.UNAUTHORIZED, 0, t instanceof PushResult.Refused refused ? refused.platformMessage()
                : "Login with Amazon refused the credentials.");
    }

    /** SP-API's {@code {"errors": [{code, message, details}]}} as one line. */
    private static String words(ChannelHttp.Response r) {
        List<?> errors = list(map(r.json()).get("errors"));
        if (errors.isEmpty()) {
            return ChannelHttp.snippet(r.body());
        }
        List<String> parts = new ArrayList<>();
        for (Object o : errors) {
            Map<String, Object> e = map(o);
            String details = text(e.get("details"));
            parts.add(text(e.get("code")) + ": " + text(e.get("message")) + (details == null || details.isBlank() ? "" : " (" + details + ")"));
        }
        return String.join("; ", parts);
    }

    private static String encode(String value) {
        if (value == null || value.isBlank()) {
            throw new CarrierException(Kind.NOT_FOUND, 0, "No Amazon Shipping id was given.");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
