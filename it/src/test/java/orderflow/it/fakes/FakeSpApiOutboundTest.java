package orderflow.it.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SP-API outbound fake answers as the SP-API models and Login with Amazon docs describe. */
class FakeSpApiOutboundTest {

    private static final String CONFIRM_BODY = """
            {"marketplaceId":"ATVPDKIKX0DER",
             "packageDetail":{"packageReferenceId":"1","carrierCode":"FedEx","carrierName":"FedEx",
               "shippingMethod":"FedEx Ground","trackingNumber":"112345678","shipDate":"2022-02-11T01:00:00.000Z",
               "orderItems":[{"orderItemId":"79039765272157","quantity":1}]}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeSpApiOutbound.ManualClock clock = new FakeSpApiOutbound.ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeSpApiOutbound amazon;

    @BeforeEach
    void start() throws IOException {
        amazon = new FakeSpApiOutbound();
        amazon.setClock(clock);
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private HttpResponse<String> tokenRequest(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(amazon.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken() throws IOException, InterruptedException {
        HttpResponse<String> r = tokenRequest(form("grant_type", "refresh_token", "refresh_token", FakeSpApiOutbound.REFRESH_TOKEN,
                "client_id", FakeSpApiOutbound.CLIENT_ID, "client_secret", FakeSpApiOutbound.CLIENT_SECRET));
        assertEquals(200, r.statusCode());
        return (String) Json.parseObject(r.body()).get("access_token");
    }

    private HttpResponse<String> api(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(amazon.endpoint() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("x-amz-access-token", token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> confirm(String token, String orderId, String body) throws IOException, InterruptedException {
        return api("POST", "/orders/v0/orders/" + orderId + "/shipmentConfirmation", token, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> r) {
        return (Map<String, Object>) ((List<?>) Json.parseObject(r.body()).get("errors")).get(0);
    }

    @Test
    void issues_an_access_token_for_the_refresh_token_grant() throws Exception {
        HttpResponse<String> r = tokenRequest(form("grant_type", "refresh_token", "refresh_token", FakeSpApiOutbound.REFRESH_TOKEN,
                "client_id", FakeSpApiOutbound.CLIENT_ID, "client_secret", FakeSpApiOutbound.CLIENT_SECRET));
        assertEquals(200, r.statusCode());
        Map<String, Object> body = Json.parseObject(r.body());
        assertTrue(((String) body.get("access_token")).startsWith("Atza|"));
        assertEquals("bearer", body.get("token_type"));
        assertEquals(3600, body.get("expires_in"));
        assertEquals(FakeSpApiOutbound.REFRESH_TOKEN, body.get("refresh_token"));
    }

    @Test
    void refuses_bad_token_requests_with_oauth_errors() throws Exception {
        HttpResponse<String> secret = tokenRequest(form("grant_type", "refresh_token", "refresh_token", FakeSpApiOutbound.REFRESH_TOKEN,
                "client_id", FakeSpApiOutbound.CLIENT_ID, "client_secret", "wrong"));
        assertEquals(401, secret.statusCode());
        assertEquals("invalid_client", Json.parseObject(secret.body()).get("error"));
        assertNotNull(Json.parseObject(secret.body()).get("error_description"));

        HttpResponse<String> grant = tokenRequest(form("grant_type", "refresh_token", "refresh_token", "Atzr|stale",
                "client_id", FakeSpApiOutbound.CLIENT_ID, "client_secret", FakeSpApiOutbound.CLIENT_SECRET));
        assertEquals(400, grant.statusCode());
        assertEquals("invalid_grant", Json.parseObject(grant.body()).get("error"));

        HttpResponse<String> type = tokenRequest(form("grant_type", "client_credentials", "refresh_token", FakeSpApiOutbound.REFRESH_TOKEN,
                "client_id", FakeSpApiOutbound.CLIENT_ID, "client_secret", FakeSpApiOutbound.CLIENT_SECRET));
        assertEquals(400, type.statusCode());
        assertEquals("unsupported_grant_type", Json.parseObject(type.body()).get("error"));

        HttpResponse<String> missing = tokenRequest(form("grant_type", "refresh_token", "client_id", FakeSpApiOutbound.CLIENT_ID));
        assertEquals("invalid_request", Json.parseObject(missing.body()).get("error"));
        assertEquals(0, amazon.tokensIssued());
    }

    @Test
    void refuses_calls_without_a_live_access_token() throws Exception {
        HttpResponse<String> none = confirm(null, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY);
        assertEquals(403, none.statusCode());
        assertEquals("Unauthorized", firstError(none).get("code"));
        assertFalse(none.headers().firstValue("x-amzn-RateLimit-Limit").isPresent());

        assertEquals(403, confirm("Atza|forged", FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY).statusCode());

        String token = accessToken();
        clock.advance(Duration.ofSeconds(3600));
        HttpResponse<String> expired = confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY);
        assertEquals(403, expired.statusCode());
        assertEquals("The access token you provided has expired.", firstError(expired).get("details"));
        assertTrue(amazon.shipmentConfirmations(FakeSpApiOutbound.ORDER_ID).isEmpty());
    }

    @Test
    void confirms_a_shipment_with_204_and_the_rate_limit_header() throws Exception {
        HttpResponse<String> r = confirm(accessToken(), FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY);
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertEquals("2.0", r.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        List<Map<String, Object>> confirmed = amazon.shipmentConfirmations(FakeSpApiOutbound.ORDER_ID);
        assertEquals(1, confirmed.size());
        assertEquals("ATVPDKIKX0DER", confirmed.get(0).get("marketplaceId"));
    }

    @Test
    void validates_the_confirmation_against_the_model() throws Exception {
        String token = accessToken();
        HttpResponse<String> date = confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY.replace("2022-02-11T01:00:00.000Z", "02/21/2022"));
        assertEquals(400, date.statusCode());
        assertEquals("InvalidInput", firstError(date).get("code"));
        assertTrue(((String) firstError(date).get("details")).contains("shipDate"));
        assertEquals("2.0", date.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());

        String other = CONFIRM_BODY.replace("\"carrierCode\":\"FedEx\",\"carrierName\":\"FedEx\",", "\"carrierCode\":\"Other\",");
        assertEquals(400, confirm(token, FakeSpApiOutbound.ORDER_ID, other).statusCode());
        assertEquals(400, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY.replace("\"quantity\":1", "\"quantity\":\"1\"")).statusCode());
        assertEquals(400, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY.replace("\"packageReferenceId\":\"1\"", "\"packageReferenceId\":\"PKG-1\"")).statusCode());
        assertEquals(400, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY.replace("79039765272157", "11111111111111")).statusCode());
        assertEquals(400, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY.replace("\"marketplaceId\":\"ATVPDKIKX0DER\",", "")).statusCode());
        HttpResponse<String> unknown = confirm(token, "111-1111111-1111111", CONFIRM_BODY);
        assertEquals(404, unknown.statusCode());
        assertTrue(amazon.shipmentConfirmations(FakeSpApiOutbound.ORDER_ID).isEmpty());

        assertEquals(204, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY).statusCode());
        // The same package reference again is an update of that package (Amazon's "Confirm the shipment
        // status" guide), so its unit is not counted twice; another package for the same unit is refused.
        assertEquals(204, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY).statusCode());
        HttpResponse<String> another = confirm(token, FakeSpApiOutbound.ORDER_ID,
                CONFIRM_BODY.replace("\"packageReferenceId\":\"1\"", "\"packageReferenceId\":\"2\""));
        assertEquals(400, another.statusCode()); // the only unit is already confirmed, in package 1
    }

    @Test
    void throttles_per_operation_with_a_token_bucket_on_the_clock() throws Exception {
        String token = accessToken();
        amazon.addOrder("123-1234567-1234567", FakeSpApiOutbound.MARKETPLACE_ID, Map.of("1", 100));
        String body = CONFIRM_BODY.replace("79039765272157", "1");
        for (int i = 0; i < 10; i++) {
            assertEquals(204, confirm(token, "123-1234567-1234567", body).statusCode(), "burst call " + i);
        }
        HttpResponse<String> throttled = confirm(token, "123-1234567-1234567", body);
        assertEquals(429, throttled.statusCode());
        assertEquals("QuotaExceeded", firstError(throttled).get("code"));
        assertEquals("2.0", throttled.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());

        // another operation has its own bucket
        HttpResponse<String> status = api("POST", "/orders/v0/orders/" + FakeSpApiOutbound.ORDER_ID + "/shipment", token,
                "{\"marketplaceId\":\"ATVPDKIKX0DER\",\"shipmentStatus\":\"ReadyForPickup\"}");
        assertEquals(204, status.statusCode());
        assertEquals("5.0", status.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());

        clock.advance(Duration.ofMillis(500)); // 2 per second: one token back
        assertEquals(204, confirm(token, "123-1234567-1234567", body).statusCode());
        assertEquals(429, confirm(token, "123-1234567-1234567", body).statusCode());

        amazon.rateLimitHeaderOn429(false);
        assertFalse(confirm(token, "123-1234567-1234567", body).headers().firstValue("x-amzn-RateLimit-Limit").isPresent());
    }

    @Test
    void updates_the_shipment_status_and_refuses_an_unknown_status() throws Exception {
        String token = accessToken();
        String path = "/orders/v0/orders/" + FakeSpApiOutbound.ORDER_ID + "/shipment";
        HttpResponse<String> bad = api("POST", path, token, "{\"marketplaceId\":\"ATVPDKIKX0DER\",\"shipmentStatus\":\"Shipped\"}");
        assertEquals(400, bad.statusCode());
        HttpResponse<String> market = api("POST", path, token, "{\"marketplaceId\":\"1\",\"shipmentStatus\":\"PickedUp\"}");
        assertEquals("Marketplace ID is not defined", firstError(market).get("message"));
        assertEquals(204, api("POST", path, token, "{\"marketplaceId\":\"ATVPDKIKX0DER\",\"shipmentStatus\":\"PickedUp\"}").statusCode());
        assertEquals(1, amazon.shipmentStatusUpdates(FakeSpApiOutbound.ORDER_ID).size());
    }

    @Test
    void patches_fulfillment_availability_on_a_listing() throws Exception {
        String token = accessToken();
        String path = "/listings/2021-08-01/items/" + FakeSpApiOutbound.SELLER_ID + "/" + FakeSpApiOutbound.LISTING_SKU
                + "?marketplaceIds=ATVPDKIKX0DER";
        String patch = """
                {"productType":"HOME","patches":[{"op":"replace","path":"/attributes/fulfillment_availability",
                  "value":[{"fulfillment_channel_code":"DEFAULT","quantity":7}]}]}""";
        HttpResponse<String> r = api("PATCH", path, token, patch);
        assertEquals(200, r.statusCode());
        Map<String, Object> body = Json.parseObject(r.body());
        assertEquals("ACCEPTED", body.get("status"));
        assertEquals(FakeSpApiOutbound.LISTING_SKU, body.get("sku"));
        assertNotNull(body.get("submissionId"));
        assertEquals(List.of(), body.get("issues"));
        assertEquals("5.0", r.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
        assertEquals(7, amazon.listingAttributes(FakeSpApiOutbound.LISTING_SKU).get("fulfillment_availability").get(0).get("quantity"));

        HttpResponse<String> merged = api("PATCH", path, token, patch.replace("replace", "merge").replace("7", "3"));
        assertEquals("ACCEPTED", Json.parseObject(merged.body()).get("status"));
        assertEquals(3, amazon.listingAttributes(FakeSpApiOutbound.LISTING_SKU).get("fulfillment_availability").get(0).get("quantity"));

        HttpResponse<String> noType = api("PATCH", path, token, patch.replace("\"productType\":\"HOME\",", ""));
        assertEquals(400, noType.statusCode());
        assertEquals("BAD_REQUEST", firstError(noType).get("code"));

        HttpResponse<String> noMarketplace = api("PATCH", path.substring(0, path.indexOf('?')), token, patch);
        assertEquals(400, noMarketplace.statusCode());

        HttpResponse<String> nested = api("PATCH", path, token, patch.replace("/attributes/fulfillment_availability",
                "/attributes/fulfillment_availability/0/quantity"));
        assertEquals(200, nested.statusCode());
        assertEquals("INVALID", Json.parseObject(nested.body()).get("status"));

        clock.advance(Duration.ofMillis(200)); // five calls used the burst of 5; at 5 per second one token is back
        HttpResponse<String> noChannel = api("PATCH", path, token, patch.replace("\"fulfillment_channel_code\":\"DEFAULT\",", ""));
        assertEquals("INVALID", Json.parseObject(noChannel.body()).get("status"));
        assertEquals(3, amazon.listingAttributes(FakeSpApiOutbound.LISTING_SKU).get("fulfillment_availability").get(0).get("quantity"));

        HttpResponse<String> throttled = api("PATCH", path, token, patch);
        assertEquals(429, throttled.statusCode());
    }

    @Test
    void uploads_and_submits_a_feed_as_the_documented_cancel_path() throws Exception {
        String token = accessToken();
        HttpResponse<String> doc = api("POST", "/feeds/2021-06-30/documents", token, "{\"contentType\":\"text/xml; charset=UTF-8\"}");
        assertEquals(201, doc.statusCode());
        Map<String, Object> created = Json.parseObject(doc.body());
        String url = (String) created.get("url");

        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("<AmazonEnvelope/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongType.statusCode());
        assertTrue(wrongType.body().contains("SignatureDoesNotMatch"));
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString("<AmazonEnvelope/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode());

        HttpResponse<String> feed = api("POST", "/feeds/2021-06-30/feeds", token, "{\"feedType\":\"POST_ORDER_ACKNOWLEDGEMENT_DATA\","
                + "\"marketplaceIds\":[\"ATVPDKIKX0DER\"],\"inputFeedDocumentId\":\"" + created.get("feedDocumentId") + "\"}");
        assertEquals(202, feed.statusCode());
        String feedId = (String) Json.parseObject(feed.body()).get("feedId");
        assertEquals("<AmazonEnvelope/>", amazon.feedContent(feedId));
        HttpResponse<String> status = api("GET", "/feeds/2021-06-30/feeds/" + feedId, token, null);
        assertEquals("IN_QUEUE", Json.parseObject(status.body()).get("processingStatus"));
    }

    @Test
    void fail_next_and_the_call_record() throws Exception {
        String token = accessToken();
        amazon.failNext(1, 503);
        HttpResponse<String> down = confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY);
        assertEquals(503, down.statusCode());
        assertEquals("ServiceUnavailable", firstError(down).get("code"));
        assertEquals(204, confirm(token, FakeSpApiOutbound.ORDER_ID, CONFIRM_BODY).statusCode());

        List<FakeSpApiOutbound.Call> calls = amazon.calls();
        assertEquals(3, calls.size());
        assertEquals("/auth/o2/token", calls.get(0).path());
        assertEquals("refresh_token", ((Map<?, ?>) calls.get(0).body()).get("grant_type"));
        FakeSpApiOutbound.Call ok = calls.get(2);
        assertEquals("/orders/v0/orders/" + FakeSpApiOutbound.ORDER_ID + "/shipmentConfirmation", ok.path());
        assertEquals(token, ok.headers().get("x-amz-access-token"));
        assertEquals(204, ok.status());
        assertEquals("FedEx", ((Map<?, ?>) ((Map<?, ?>) ok.body()).get("packageDetail")).get("carrierCode"));
        assertEquals(503, calls.get(1).status());
    }
}
