package orderflow.local;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import orderflow.local.carriers.FakeAmazonShipping;
import orderflow.local.carriers.FakeEasyPost;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.domain.Address;
import orderflow.shared.domain.shipping.CarrierAccount;
import orderflow.shared.domain.shipping.ShipAddress;

/**
 * The shipping providers of the local stack: the EasyPost and Amazon Shipping v2 fakes on loopback,
 * so labels can be bought and parcels moved ({@code POST /_local/...advance}) without an account.
 */
final class LocalCarriers implements AutoCloseable {

    /** The demo seller's EasyPost webhook secret: the fake signs its tracker events with it. */
    static final String WEBHOOK_SECRET = "whsec-local-demo";

    private final FakeEasyPost easyPost;
    private final FakeAmazonShipping amazon;

    private LocalCarriers(FakeEasyPost easyPost, FakeAmazonShipping amazon) {
        this.easyPost = easyPost;
        this.amazon = amazon;
    }

    static LocalCarriers start() throws IOException {
        FakeEasyPost easyPost = new FakeEasyPost();
        try {
            return new LocalCarriers(easyPost, new FakeAmazonShipping());
        } catch (IOException | RuntimeException e) {
            easyPost.close();
            throw e;
        }
    }

    /**
     * The template parameters with Login with Amazon sent to the Amazon Shipping fake, unless any
     * PARAM_Lwa* was given (the SP-API fake of EndToEndIT, a real app): the token endpoint is one for
     * the whole stack, and a half-replaced set would mix two apps' credentials.
     */
    /** The SSM SecureString the runner puts the fake's client secret in (as an operator puts the real one). */
    static final String LWA_SECRET_PARAMETER = "/orderflow-local/lwa-client-secret";

    Map<String, String> withLoginWithAmazon(Map<String, String> given) {
        return withDefaults(given, Map.of("LwaEndpoint", amazon.tokenEndpoint(),
                "LwaClientId", FakeAmazonShipping.CLIENT_ID, "LwaClientSecretParameter", LWA_SECRET_PARAMETER));
    }

    static Map<String, String> withDefaults(Map<String, String> given, Map<String, String> lwa) {
        Map<String, String> params = new LinkedHashMap<>(given);
        if (lwa.keySet().stream().noneMatch(given::containsKey)) {
            params.putAll(lwa);
        }
        return params;
    }

    /** The seller buys EasyPost labels at the fake and ships from the demo warehouse. */
    void seedAccount(DynamoAdmin admin, String sellerId) {
        admin.putCarrierAccount(new CarrierAccount(sellerId, CarrierAccount.EASYPOST, easyPost.baseUrl(), Map.of(),
                Map.of("apiKey", FakeEasyPost.API_KEY, "webhookSecret", WEBHOOK_SECRET)));
        admin.putShipFrom(sellerId, new ShipAddress(new Address("Demo Store", "1 Dock St", null, "Seattle", "WA",
                "98101", "US"), "Demo Store", "2065550100", null));
    }

    /** Tracker events go through the gateway's signed route, as EasyPost's webhook would. */
    void sendTrackingTo(String gatewayBaseUrl, String sellerId) {
        easyPost.webhook(trackingUrl(gatewayBaseUrl, sellerId), WEBHOOK_SECRET);
    }

    static String trackingUrl(String gatewayBaseUrl, String sellerId) {
        return gatewayBaseUrl + "/tracking-events/" + CarrierAccount.EASYPOST + "/" + sellerId;
    }

    String easyPostUrl() {
        return easyPost.baseUrl();
    }

    String amazonUrl() {
        return amazon.baseUrl();
    }

    /** POST here (the tracking number appended, then /advance) moves an EasyPost parcel one step. */
    String easyPostAdvance() {
        return easyPost.baseUrl() + "/_local/trackers/{trackingNumber}/advance[?status=delivered|return_to_sender|...]";
    }

    String amazonAdvance() {
        return amazon.baseUrl() + "/_local/tracking/{trackingNumber}/advance[?eventCode=Delivered|Undeliverable|...]";
    }

    @Override
    public void close() {
        easyPost.close();
        amazon.close();
    }
}
