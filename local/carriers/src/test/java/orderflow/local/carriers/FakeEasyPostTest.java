package orderflow.local.carriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EasyPost fake speaks EasyPost's documented wire format. */
class FakeEasyPostTest {

    private static final String SHIPMENT = """
            {"shipment": {"reference": "ord_1",
              "to_address": {"name": "Ada", "street1": "1 Main St", "city": "Houston", "state": "TX", "zip": "77063", "country": "US"},
              "from_address": {"name": "Shop", "street1": "410 Terry Ave N", "city": "Seattle", "state": "WA", "zip": "98109", "country": "US"},
              "parcel": {"length": 11.9, "width": 7.9, "height": 4.0, "weight": 35.3},
              "options": {"label_format": "PDF"}}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeEasyPost easypost;

    @BeforeEach
    void start() throws IOException {
        easypost = new FakeEasyPost();
    }

    @AfterEach
    void stop() {
        easypost.close();
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(easypost.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(HttpResponse<String> r) {
        return FakeHttp.object(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bought() throws Exception {
        Map<String, Object> s = obj(call("POST", "/v2/shipments", FakeEasyPost.API_KEY, SHIPMENT));
        Map<String, Object> rate = (Map<String, Object>) ((List<?>) s.get("rates")).get(0);
        return obj(call("POST", "/v2/shipments/" + s.get("id") + "/buy", FakeEasyPost.API_KEY,
                "{\"rate\": {\"id\": \"" + rate.get("id") + "\"}}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_shipment_answers_rates_with_decimal_string_prices() throws Exception {
        HttpResponse<String> r = call("POST", "/v2/shipments", FakeEasyPost.API_KEY, SHIPMENT);
        assertEquals(201, r.statusCode());
        Map<String, Object> s = obj(r);
        assertTrue(((String) s.get("id")).startsWith("shp_"));
        Map<String, Object> rate = (Map<String, Object>) ((List<?>) s.get("rates")).get(0);
        assertTrue(rate.get("rate") instanceof String price && price.matches("\\d+\\.\\d{2}"), rate.toString());
        assertEquals("USD", rate.get("currency"));
        assertTrue(rate.get("delivery_days") instanceof Number);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_wrong_api_key_is_401_in_easyposts_error_shape() throws Exception {
        HttpResponse<String> r = call("GET", "/v2/shipments/shp_0", "EZTKwrong", null);
        assertEquals(401, r.statusCode());
        Map<String, Object> error = (Map<String, Object>) obj(r).get("error");
        assertNotNull(error.get("code"));
        assertNotNull(error.get("message"));
        assertTrue(error.get("errors") instanceof List);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_bought_shipment_has_a_real_pdf_label_and_cannot_be_bought_twice() throws Exception {
        Map<String, Object> s = bought();
        String code = (String) s.get("tracking_code");
        Map<String, Object> label = (Map<String, Object>) s.get("postage_label");
        byte[] pdf = http.send(HttpRequest.newBuilder(URI.create((String) label.get("label_url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(4 * 72, doc.getPage(0).getMediaBox().getWidth(), 0.01);
            assertEquals(6 * 72, doc.getPage(0).getMediaBox().getHeight(), 0.01);
            assertTrue(new PDFTextStripper().getText(doc).contains(code));
        }
        Map<String, Object> rate = (Map<String, Object>) s.get("selected_rate");
        HttpResponse<String> again = call("POST", "/v2/shipments/" + s.get("id") + "/buy", FakeEasyPost.API_KEY,
                "{\"rate\": {\"id\": \"" + rate.get("id") + "\"}}");
        assertEquals(422, again.statusCode());
        assertEquals(1, easypost.purchases());
    }

    @Test
    @SuppressWarnings("unchecked")
    void advancing_a_parcel_posts_a_tracker_event_signed_with_the_webhook_secret() throws Exception {
        try (Fixtures.Receiver receiver = new Fixtures.Receiver()) {
            easypost.webhook(receiver.url(), "s3cret");
            String code = (String) bought().get("tracking_code");
            HttpResponse<String> r = call("POST", "/_local/trackers/" + code + "/advance", null, null);
            assertEquals(200, r.statusCode());
            Fixtures.Receiver.Received got = receiver.received.get(0);
            Map<String, Object> event = FakeHttp.object(got.body());
            assertEquals("Event", event.get("object"));
            assertEquals("tracker.updated", event.get("description"));
            assertEquals("in_transit", ((Map<String, Object>) event.get("result")).get("status"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertEquals("hmac-sha256-hex=" + HexFormat.of().formatHex(mac.doFinal(got.body())),
                    got.headers().get("X-hmac-signature").get(0));
        }
    }
}
