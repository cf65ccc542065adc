package orderflow.local.carriers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Money;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.CarrierException;
import orderflow.shared.domain.shipping.LabelFormat;
import orderflow.shared.domain.shipping.PurchaseRequest;
import orderflow.shared.domain.shipping.PurchasedLabel;
import orderflow.shared.domain.shipping.RateQuote;
import orderflow.shared.domain.shipping.TrackingEvent;
import orderflow.shared.domain.shipping.TrackingStatus;
import orderflow.shared.outbound.carriers.AmazonShippingCarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/** Our Amazon Shipping v2 client against the Amazon Shipping fake. */
class AmazonShippingCarrierTest {

    private FakeAmazonShipping amazon;
    private CarrierAccount account;
    private AmazonShippingCarrier carrier;

    @BeforeEach
    void start() throws IOException {
        amazon = new FakeAmazonShipping();
        account = new CarrierAccount("seller-1", CarrierAccount.AMAZON_SHIPPING, amazon.baseUrl(), Map.of(),
                Map.of("refreshToken", FakeAmazonShipping.REFRESH_TOKEN));
        carrier = new AmazonShippingCarrier(URI.create(amazon.tokenEndpoint()), FakeAmazonShipping.CLIENT_ID,
                FakeAmazonShipping.CLIENT_SECRET, Clock.systemUTC(), OutboundRules.allowingLoopback());
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private PurchaseRequest first(RateQuote quote, String key, LabelFormat format) {
        return PurchaseRequest.of(quote, quote.rates().get(0), key, format);
    }

    @Test
    void rates_for_an_amazon_order_and_for_an_external_one() {
        RateQuote amazonOrder = carrier.rates(account, Fixtures.request("111-2222222-3333333"));
        RateQuote external = carrier.rates(account, Fixtures.request(null));
        assertTrue(amazonOrder.quoteId().startsWith("amzn1.rq."));
        assertEquals(FakeAmazonShipping.CARRIER_ID, external.rates().get(0).carrier());
        assertEquals(Money.parse("5.80", "USD"), external.rates().get(0).cost());
        assertEquals(4, external.rates().get(0).deliveryDays());
    }

    @Test
    void buying_twice_with_the_same_key_answers_the_same_label_and_charges_once() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, first(quote, "buy-ord_123", LabelFormat.PDF));
        PurchasedLabel again = carrier.buy(account, first(quote, "buy-ord_123", LabelFormat.PDF));
        assertEquals(1, amazon.purchases());
        assertEquals(label.carrierShipmentId(), again.carrierShipmentId());
        assertEquals(Money.parse("5.80", "USD"), label.cost());
        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(label.labelBytes(), 4));
        assertArrayEquals(label.labelBytes().length > 0 ? "%PDF".getBytes(StandardCharsets.US_ASCII) : null,
                Arrays.copyOf(carrier.download(account, label.labelUrl()), 4));
        assertTrue(carrier.findPurchase(account, quote.quoteId()).isEmpty());
    }

    @Test
    void a_purchase_whose_answer_was_lost_is_replayed_by_its_idempotency_key() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        amazon.failNextPurchaseAfterCharging();
        CarrierException lost = assertThrows(CarrierException.class, () -> carrier.buy(account, first(quote, "k-1", LabelFormat.ZPL)));
        assertEquals(CarrierException.Kind.UNKNOWN_OUTCOME, lost.kind());
        PurchasedLabel label = carrier.buy(account, first(quote, "k-1", LabelFormat.ZPL));
        assertEquals(1, amazon.purchases());
        assertEquals(LabelFormat.ZPL, label.format());
        assertTrue(new String(label.labelBytes(), StandardCharsets.US_ASCII).contains(label.trackingNumber()));
    }

    @Test
    void void_cancels_the_shipment_until_the_carrier_has_it() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, first(quote, "k-1", LabelFormat.PDF));
        carrier.voidLabel(account, label);
        assertTrue(amazon.cancelled(label.carrierShipmentId()));

        RateQuote other = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel moving = carrier.buy(account, first(other, "k-2", LabelFormat.PDF));
        amazon.advance(moving.trackingNumber(), null);
        assertEquals(CarrierException.Kind.REJECTED,
                assertThrows(CarrierException.class, () -> carrier.voidLabel(account, moving)).kind());
    }

    @Test
    void tracking_maps_amazons_event_codes() {
        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        PurchasedLabel label = carrier.buy(account, first(quote, "k-1", LabelFormat.PDF));
        amazon.advance(label.trackingNumber(), null);
        amazon.advance(label.trackingNumber(), "Undeliverable");
        amazon.advance(label.trackingNumber(), "ReturnInitiated");
        List<TrackingEvent> events = carrier.track(account, label);
        assertEquals(List.of(TrackingStatus.PRE_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.EXCEPTION, TrackingStatus.RETURNED),
                events.stream().map(TrackingEvent::status).toList());
        assertNull(events.get(0).location());
        assertEquals("Seattle WA 98109 US", events.get(1).location());
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, AmazonShippingCarrier.status("AvailableForPickup"));
        assertEquals(TrackingStatus.UNKNOWN, AmazonShippingCarrier.status("SomethingNew"));
    }

    @Test
    void errors_are_mapped_to_kinds_and_never_show_the_secrets() {
        CarrierAccount revoked = new CarrierAccount("s", CarrierAccount.AMAZON_SHIPPING, amazon.baseUrl(), Map.of(),
                Map.of("refreshToken", "Atzr|revoked-token"));
        CarrierException unauthorized = assertThrows(CarrierException.class, () -> carrier.rates(revoked, Fixtures.request(null)));
        assertEquals(CarrierException.Kind.UNAUTHORIZED, unauthorized.kind());
        assertTrue(!unauthorized.getMessage().contains("revoked-token"), unauthorized.getMessage());

        RateQuote quote = carrier.rates(account, Fixtures.request(null));
        amazon.failNext(1, 503);
        assertEquals(CarrierException.Kind.UNAVAILABLE,
                assertThrows(CarrierException.class, () -> carrier.rates(account, Fixtures.request(null))).kind());
        amazon.failNext(1, 500);
        assertEquals(CarrierException.Kind.UNKNOWN_OUTCOME,
                assertThrows(CarrierException.class, () -> carrier.buy(account, first(quote, "k-1", LabelFormat.PDF))).kind());
        amazon.failNext(1, 429);
        assertEquals(CarrierException.Kind.UNAVAILABLE,
                assertThrows(CarrierException.class, () -> carrier.buy(account, first(quote, "k-1", LabelFormat.PDF))).kind());

        amazon.expireRequestTokens();
        CarrierException expired = assertThrows(CarrierException.class, () -> carrier.buy(account, first(quote, "k-1", LabelFormat.PDF)));
        assertEquals(CarrierException.Kind.REJECTED, expired.kind());
        assertTrue(expired.getMessage().contains("TOKEN_EXPIRED"), expired.getMessage());

        PurchasedLabel unknown = new PurchasedLabel("q", "amzn1.sh.nope", "TBA1", FakeAmazonShipping.CARRIER_ID, null, null,
                LabelFormat.PDF, null, null, null);
        assertEquals(CarrierException.Kind.NOT_FOUND,
                assertThrows(CarrierException.class, () -> carrier.voidLabel(account, unknown)).kind());
        assertEquals(0, amazon.purchases());
    }
}
