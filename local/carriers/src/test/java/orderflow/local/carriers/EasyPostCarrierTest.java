package orderflow.local.carriers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Failure;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.EasyPostEvents;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.domain.shipping.TrackingStatus;
import orderflow.shared.outbound.carriers.EasyPostCarrier;
import orderflow.shared.security.EasyPostSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/** Our EasyPost client against the EasyPost fake. */
class EasyPostCarrierTest {

    private FakeEasyPost easypost;
    private CarrierAccount account;
    private final EasyPostCarrier carrier = new EasyPostCarrier(OutboundRules.allowingLoopback());

    @BeforeEach
    void start() throws IOException {
        easypost = new FakeEasyPost();
        account = new CarrierAccount("seller-1", CarrierAccount.EASYPOST, easypost.baseUrl(), Map.of(),
                Map.of("apiKey", FakeEasyPost.API_KEY, "webhookSecret", "whsec-one"));
    }

    @AfterEach
    void stop() {
        easypost.close();
    }

    private PurchaseRequest cheapest(RateQuote quote, LabelFormat format) {
        return PurchaseRequest.of(quote, quote.rates().get(0), "buy-ord_123", format);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rates_send_the_parcel_in_ounces_and_inches_rounded_up_and_parse_prices_exactly() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        assertTrue(quote.quoteId().startsWith("shp_"));
        assertEquals(3, quote.rates().size());
        // USPS GroundAdvantage in the fake: 4.75 plus 0.25 a started pound (35.3 oz: 3 pounds).
        assertEquals(Money.parse("5.50", "USD"), quote.rates().get(0).cost());
        assertEquals(5, quote.rates().get(0).deliveryDays());
        Map<String, Object> parcel = (Map<String, Object>) easypost.shipment(quote.quoteId()).get("parcel");
        // 1000 g = 35.27 oz, 300 mm = 11.81 in, 200 mm = 7.87 in, 100 mm = 3.937 in: all rounded up.
        assertEquals("35.3", parcel.get("weight").toString());
        assertEquals("11.9", parcel.get("length").toString());
        assertEquals("7.9", parcel.get("width").toString());
        assertEquals("4.0", parcel.get("height").toString());
    }

    @Test
    void buying_gives_a_pdf_label_and_buying_again_with_the_same_quote_charges_once() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
        PurchasedLabel again = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
        assertEquals(1, easypost.purchases());
        assertEquals(label.trackingNumber(), again.trackingNumber());
        assertEquals(Money.parse("5.50", "USD"), label.cost());
        assertTrue(label.trackerId().startsWith("trk_"));
        byte[] pdf = carrier.download(account, label.labelUrl());
        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(pdf, 4));
    }

    @Test
    void a_buy_whose_answer_was_lost_after_charging_is_found_and_not_bought_again() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        easypost.failNextBuyAfterCharging();
        CarrierException lost = assertThrows(CarrierException.class, () -> carrier.buy(account, cheapest(quote, LabelFormat.PDF)));
        assertEquals(CarrierException.Kind.UNKNOWN_OUTCOME, lost.kind());
        assertTrue(carrier.findPurchase(account, quote.quoteId()).isPresent());
        PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
        assertNotNull(label.trackingNumber());
        assertEquals(1, easypost.purchases());
    }

    @Test
    void a_zpl_purchase_converts_the_label_to_zpl() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.ZPL));
        assertEquals(LabelFormat.ZPL, label.format());
        String zpl = new String(carrier.download(account, label.labelUrl()), StandardCharsets.US_ASCII);
        assertTrue(zpl.startsWith("^XA") && zpl.contains(label.trackingNumber()), zpl);
    }

    @Test
    void a_label_is_voided_before_the_parcel_moves_and_refused_after() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
        carrier.voidLabel(account, label);
        assertEquals("submitted", easypost.shipment(label.carrierShipmentId()).get("refund_status"));

        RateQuote other = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel moving = carrier.buy(account, PurchaseRequest.of(other, other.rates().get(0), "k2", LabelFormat.PDF));
        easypost.advance(moving.trackingNumber(), null);
        CarrierException refused = assertThrows(CarrierException.class, () -> carrier.voidLabel(account, moving));
        assertEquals(CarrierException.Kind.REJECTED, refused.kind());
    }

    @Test
    void tracking_lists_every_scan_oldest_first() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
        easypost.advance(label.trackingNumber(), null);
        easypost.advance(label.trackingNumber(), null);
        List<TrackingEvent> events = carrier.track(account, label);
        assertEquals(List.of(TrackingStatus.PRE_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY),
                events.stream().map(TrackingEvent::status).toList());
        assertEquals("HOUSTON TX 77063 US", events.get(2).location());
    }

    @Test
    void errors_are_mapped_to_kinds_and_never_show_the_api_key() {
        CarrierAccount wrongKey = new CarrierAccount("s", CarrierAccount.EASYPOST, easypost.baseUrl(), Map.of(),
                Map.of("apiKey", "EZTKwrongwrongwrong"));
        CarrierException unauthorized = assertThrows(CarrierException.class, () -> carrier.rates(wrongKey, Fixtures.request(null)));
        assertEquals(CarrierException.Kind.UNAUTHORIZED, unauthorized.kind());
        assertTrue(!unauthorized.getMessage().contains("EZTKwrong"), unauthorized.getMessage());

        easypost.failNext(1, 503);
        assertEquals(CarrierException.Kind.UNAVAILABLE,
                assertThrows(CarrierException.class, () -> carrier.rates(account, Fixtures.request(null))).kind());

        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        easypost.failNext(2, 500); // the look before buying, then the buy
        CarrierException first = assertThrows(CarrierException.class, () -> carrier.buy(account, cheapest(quote, LabelFormat.PDF)));
        assertEquals(CarrierException.Kind.UNAVAILABLE, first.kind()); // the look failed: nothing was sent to buy
        easypost.failNext(0, 500);

        CarrierException badRate = assertThrows(CarrierException.class,
                () -> carrier.buy(account, new PurchaseRequest(quote.quoteId(), "rate_nope", "k", LabelFormat.PDF)));
        assertEquals(CarrierException.Kind.REJECTED, badRate.kind());
        assertEquals(422, badRate.status());

        assertEquals(CarrierException.Kind.NOT_FOUND, assertThrows(CarrierException.class,
                () -> carrier.findPurchase(account, "shp_00000000000000000000000000000000")).kind());
    }

    @Test
    void a_buy_failing_with_500_after_sending_is_an_unknown_outcome() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        easypost.failNextBuyAfterCharging();
        assertEquals(CarrierException.Kind.UNKNOWN_OUTCOME, assertThrows(CarrierException.class,
                () -> carrier.buy(account, cheapest(quote, LabelFormat.PDF))).kind());
    }

    @Test
    void a_webhook_signed_by_easypost_verifies_and_a_tampered_one_does_not() throws IOException {
        try (Fixtures.Receiver receiver = new Fixtures.Receiver()) {
            easypost.webhook(receiver.url(), "whsec-one");
            RateQuote quote = carrier.rates(account, Fixtures.request(null));
            PurchasedLabel label = carrier.buy(account, cheapest(quote, LabelFormat.PDF));
            easypost.advance(label.trackingNumber(), "return_to_sender");
            Fixtures.Receiver.Received got = receiver.received.get(0);
            String header = got.headers().get("X-hmac-signature").get(0);
            EasyPostSignature.verify(header, got.body(), List.of("old-secret", "whsec-one"));

            byte[] tampered = new String(got.body(), StandardCharsets.UTF_8).replace("return_to_sender", "delivered")
                    .getBytes(StandardCharsets.UTF_8);
            assertThrows(Failure.Unauthenticated.class, () -> EasyPostSignature.verify(header, tampered, List.of("whsec-one")));
            assertThrows(Failure.Unauthenticated.class, () -> EasyPostSignature.verify(header, got.body(), List.of("other")));
            assertThrows(Failure.Unauthenticated.class, () -> EasyPostSignature.verify(null, got.body(), List.of("whsec-one")));

            EasyPostEvents.Update update = EasyPostEvents.parse(new String(got.body(), StandardCharsets.UTF_8)).orElseThrow();
            assertEquals(label.trackingNumber(), update.trackingCode());
            assertEquals(label.trackerId(), update.trackerId());
            assertEquals(TrackingStatus.RETURNED, update.status());
            assertEquals(TrackingStatus.RETURNED, update.events().get(update.events().size() - 1).status());
        }
    }

    @Test
    void the_signature_key_is_the_nfkd_normalised_secret() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        // U+FB01 (the "fi" ligature) normalises to "fi" under NFKD.
        EasyPostSignature.verify(FakeEasyPost.signature("\uFB01sh", body), body, List.of("fish"));
    }

    @Test
    void the_documented_tracker_event_parses() throws IOException {
        String body;
        try (InputStream in = getClass().getResourceAsStream("/easypost/tracker-updated-docs-example.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        EasyPostEvents.Update update = EasyPostEvents.parse(body).orElseThrow();
        assertEquals("9405500207552011812894", update.trackingCode());
        assertEquals("shp_82d5637d74404d1595eacdc7e5ca9273", update.shipmentId());
        assertEquals(TrackingStatus.PRE_TRANSIT, update.status());
        assertEquals(2, update.events().size());
        assertEquals(Instant.parse("2023-12-24T12:44:43Z"), update.events().get(1).at());
        assertEquals("Shipping Label Created", update.events().get(1).detail());
        assertEquals("HOUSTON TX 77063", update.events().get(1).location());
        assertEquals(null, update.events().get(0).location());
    }

    @Test
    void events_about_other_objects_are_not_tracker_updates() {
        assertTrue(EasyPostEvents.parse("{\"object\":\"Event\",\"description\":\"batch.created\",\"result\":{\"object\":\"Batch\"}}")
                .isEmpty());
    }

    @Test
    void every_documented_tracker_status_has_a_mapping() {
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, EasyPostEvents.status("available_for_pickup"));
        assertEquals(TrackingStatus.EXCEPTION, EasyPostEvents.status("failure"));
        assertEquals(TrackingStatus.EXCEPTION, EasyPostEvents.status("error"));
        assertEquals(TrackingStatus.UNKNOWN, EasyPostEvents.status("cancelled"));
        assertEquals(TrackingStatus.UNKNOWN, EasyPostEvents.status("something_new"));
        for (String s : FakeEasyPost.STATUSES) {
            assertNotNull(EasyPostEvents.status(s));
        }
    }
}
