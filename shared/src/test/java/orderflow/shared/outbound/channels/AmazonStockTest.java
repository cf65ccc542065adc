package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.domain.channels.PushResult;
import orderflow.shared.domain.channels.StockLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import orderflow.shared.outbound.OutboundRules;

/** Shapes after listingsItems_2021-08-01.json (patchListingsItem, ListingsItemSubmissionResponse) and LWA. */
class AmazonStockTest {

    private static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.stocktestsecret0000000000";
    private static final String REFRESH = "Atzr|stock-test-refresh-token";
    private static final String TOKEN = "{\"access_token\":\"Atza|stock-test-access\",\"token_type\":\"bearer\",\"expires_in\":3600}";

    private StubPlatform amazon;
    private AmazonStock stock;

    @BeforeEach
    void start() throws Exception {
        amazon = new StubPlatform();
        stock = new AmazonStock(URI.create(amazon.url()), URI.create(amazon.url() + "/auth/o2/token"), "client-id",
                CLIENT_SECRET, Clock.systemUTC(), Duration.ZERO, Duration.ofMillis(800), OutboundRules.allowingLoopback());
        amazon.on("POST /auth/o2/token", 200, TOKEN);
    }

    @AfterEach
    void stop() {
        amazon.close();
    }

    private static ChannelLink link() {
        return new ChannelLink("sf_3", ChannelLink.AMAZON, null, Map.of("marketplaceId", "ATVPDKIKX0DER",
                "sellerId", "A3SELLER", "pushStock", "true"), Map.of("refreshToken", REFRESH));
    }

    @Test
    void one_merge_patch_per_sku_accepted_or_invalid() {
        amazon.on("PATCH /listings/2021-08-01/items/A3SELLER/MUG-BLUE", 200,
                "{\"sku\":\"MUG-BLUE\",\"status\":\"ACCEPTED\",\"submissionId\":\"f1dc2914-75dd-11ea-bc55-0242ac130003\",\"issues\":[]}");
        amazon.on("PATCH /listings/2021-08-01/items/A3SELLER/GHOST", 200, "{\"sku\":\"GHOST\",\"status\":\"INVALID\","
                + "\"submissionId\":\"x\",\"issues\":[{\"code\":\"90220\",\"message\":\"'sku' is not a listing\",\"severity\":\"ERROR\"}]}");
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("MUG-BLUE", 6),
                new StockLevel("GHOST", 1)));
        assertEquals(new PushResult.Done("f1dc2914-75dd-11ea-bc55-0242ac130003"), r.get("MUG-BLUE"));
        assertTrue(((PushResult.Refused) r.get("GHOST")).platformMessage().contains("90220"));
        StubPlatform.Request patch = amazon.request(1);
        assertEquals("marketplaceIds=ATVPDKIKX0DER", patch.query());
        assertEquals("Atza|stock-test-access", patch.header("x-amz-access-token"));
        assertEquals(Map.of("productType", "PRODUCT", "patches", List.of(Map.of("op", "merge",
                "path", "/attributes/fulfillment_availability", "value",
                List.of(Map.of("fulfillment_channel_code", "DEFAULT", "quantity", 6))))), patch.json());
        assertEquals(3, amazon.requests().size(), "one token, one call per SKU");
    }

    @Test
    void a_429_stops_the_run_and_the_rest_waits() {
        amazon.on("PATCH /listings/2021-08-01/items/A3SELLER/A", StubPlatform.Answer.of(429,
                "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\"}]}"));
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("A", 1), new StockLevel("B", 2)));
        assertInstanceOf(PushResult.Retry.class, r.get("A"));
        assertInstanceOf(PushResult.Retry.class, r.get("B"));
        assertEquals(2, amazon.requests().size(), "B was not tried after the 429");
        assertTrue(!r.toString().contains(REFRESH) && !r.toString().contains(CLIENT_SECRET));
    }

    @Test
    void a_link_without_the_seller_id_is_refused() {
        ChannelLink noSeller = new ChannelLink("sf_3", ChannelLink.AMAZON, null, Map.of("marketplaceId", "X"),
                Map.of("refreshToken", REFRESH));
        assertInstanceOf(PushResult.Refused.class, stock.setAvailable(noSeller, List.of(new StockLevel("A", 1))).get("A"));
        assertEquals(0, amazon.requests().size());
    }
}
