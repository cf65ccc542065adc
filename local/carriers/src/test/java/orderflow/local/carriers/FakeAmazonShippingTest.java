package orderflow.local.carriers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Amazon Shipping fake answers as the shippingV2 model describes. */
class FakeAmazonShippingTest {

    private static final String RATES = """
            {"shipFrom": {"name": "Shop", "addressLine1": "410 Terry Ave N", "city": "Seattle", "stateOrRegion": "WA",
                          "postalCode": "98109", "countryCode": "US"},
             "shipTo": {"name": "Ada", "addressLine1": "1 Main St", "city": "Houston", "stateOrRegion": "TX",
                        "postalCode": "77063", "countryCode": "US"},
             "packages": [{"dimensions": {"length": 30, "width": 20, "height": 10, "unit": "CENTIMETER"},
                           "weight": {"value": 1000, "unit": "GRAM"}, "insuredValue": {"value": 24.00, "unit": "USD"},
                           "packageClientReferenceId": "ord_1", "items": [{"quantity": 2}]}],
             "channelDetails": {"channelType": "EXTERNAL"}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeAmazonShipping amazon;
    private String token;

    @BeforeEach
    void start() throws Exception {
        amazon = new FakeAmazonShipping();
        HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(amazon.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + FakeAmazonShipping.REFRESH_TOKEN.replace("|", "%7C") + "&client_id=" + FakeAmazonShipping.CLIENT_ID
                        + "&client_secret=" + FakeAmazonShipping.CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        token = (String) obj(t).get("access_token");
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(amazon.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("x-amz-access-token", token);
        if (idempotencyKey != null) {
            b.header("x-amzn-IdempotencyKey", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> obj(HttpResponse<String> r) {
        return FakeHttp.object(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(HttpResponse<String> r) {
        return (Map<String, Object>) obj(r).get("payload");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_package_without_its_required_fields_is_invalid_input() throws Exception {
        HttpResponse<String> r = call("POST", "/shipping/v2/shipments/rates", RATES.replace("\"packageClientReferenceId\": \"ord_1\",", ""), null);
        assertEquals(400, r.statusCode());
        Map<String, Object> e = (Map<String, Object>) ((List<?>) obj(r).get("errors")).get(0);
        assertEquals("InvalidInput", e.get("code"));
        assertTrue(((String) e.get("details")).contains("packageClientReferenceId"));
    }

    @Test
    void a_call_without_an_access_token_is_403_unauthorized() throws Exception {
        token = "Atza|forged";
        HttpResponse<String> r = call("POST", "/shipping/v2/shipments/rates", RATES, null);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("\"Unauthorized\""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_same_idempotency_key_answers_the_same_shipment_and_charges_once() throws Exception {
        Map<String, Object> rates = payload(call("POST", "/shipping/v2/shipments/rates", RATES, null));
        Map<String, Object> rate = (Map<String, Object>) ((List<?>) rates.get("rates")).get(0);
        assertTrue(((Map<String, Object>) rate.get("totalCharge")).get("value") instanceof Number);
        String purchase = "{\"requestToken\": \"" + rates.get("requestToken") + "\", \"rateId\": \"" + rate.get("rateId") + "\","
                + " \"requestedDocumentSpecification\": {\"format\": \"PDF\", \"size\": {\"width\": 4, \"length\": 6, \"unit\": \"INCH\"},"
                + " \"needFileJoining\": false, \"requestedDocumentTypes\": [\"LABEL\"]}}";
        Map<String, Object> first = payload(call("POST", "/shipping/v2/shipments", purchase, "key-1"));
        Map<String, Object> second = payload(call("POST", "/shipping/v2/shipments", purchase, "key-1"));
        assertEquals(first.get("shipmentId"), second.get("shipmentId"));
        assertEquals(1, amazon.purchases());
        assertEquals(400, call("POST", "/shipping/v2/shipments", purchase, "key-2").statusCode());
        Map<String, Object> detail = (Map<String, Object>) ((List<?>) first.get("packageDocumentDetails")).get(0);
        Map<String, Object> doc = (Map<String, Object>) ((List<?>) detail.get("packageDocuments")).get(0);
        byte[] pdf = Base64.getDecoder().decode((String) doc.get("contents"));
        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(pdf, 4));
    }
}
