package orderflow.shared.outbound.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Shapes after shopify.dev: inventoryItems (sku filter), inventorySetQuantities (userErrors, THROTTLED). */
class ShopifyStockTest {

    private static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    private static final String PATH = "POST /admin/api/2026-10/graphql.json";
    private static final String ITEMS = """
            {"data":{"inventoryItems":{"nodes":[{"id":"gid://shopify/InventoryItem/30322695","sku":"MUG-BLUE"},
            {"id":"gid://shopify/InventoryItem/30322696","sku":"MUG-BLUE-2"}]}},
            "extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":3}}}""";

    private StubPlatform shop;
    private final ShopifyStock stock = new ShopifyStock(Duration.ofMillis(800), OutboundRules.allowingLoopback());

    @BeforeEach
    void start() throws Exception {
        shop = new StubPlatform();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private ChannelLink link() {
        return new ChannelLink("sf_1", ChannelLink.SHOPIFY, shop.url(), Map.of("apiVersion", "2026-10",
                "locationId", "gid://shopify/Location/124656943", "pushStock", "true"), Map.of("accessToken", TOKEN));
    }

    @Test
    void sets_available_at_the_location_with_no_compare_and_refuses_an_unknown_sku() {
        shop.on(PATH, StubPlatform.Answer.of(200, ITEMS), StubPlatform.Answer.of(200, """
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},
                "userErrors":[]}}}"""));
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("MUG-BLUE", 7),
                new StockLevel("GHOST", 1)));
        assertEquals(new PushResult.Done("gid://shopify/InventoryAdjustmentGroup/1"), r.get("MUG-BLUE"));
        assertInstanceOf(PushResult.Refused.class, r.get("GHOST"));
        assertEquals(2, shop.requests().size());
        assertEquals("sku:\"MUG-BLUE\" OR sku:\"GHOST\"",
                ((Map<?, ?>) shop.request(0).json().get("variables")).get("query"));
        String mutation = (String) shop.request(1).json().get("query");
        assertTrue(mutation.contains("inventoryItemId: \"gid://shopify/InventoryItem/30322695\", locationId:"
                + " \"gid://shopify/Location/124656943\", quantity: 7, changeFromQuantity: null"), mutation);
        assertTrue(mutation.contains("name: \"available\"") && mutation.contains("reason: \"correction\"")
                && mutation.contains("@idempotent(key:"), mutation);
        assertTrue(!mutation.contains("30322696"), "MUG-BLUE-2 is another SKU: " + mutation);
        assertEquals(TOKEN, shop.request(1).header("X-Shopify-Access-Token"));
    }

    @Test
    void throttled_is_a_retry_for_every_sku_and_says_no_secret() {
        shop.on(PATH, 200, """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                "extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,
                "currentlyAvailable":2,"restoreRate":100.0}}}}""");
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("MUG-BLUE", 7)));
        assertInstanceOf(PushResult.Retry.class, r.get("MUG-BLUE"));
        assertTrue(!r.toString().contains(TOKEN));
    }

    @Test
    void a_user_error_on_one_quantity_refuses_that_sku_and_sends_the_others_again() {
        shop.on(PATH, StubPlatform.Answer.of(200, """
                {"data":{"inventoryItems":{"nodes":[{"id":"gid://shopify/InventoryItem/1","sku":"A"},
                {"id":"gid://shopify/InventoryItem/2","sku":"B"}]}}}"""), StubPlatform.Answer.of(200, """
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,"userErrors":[{"field":["input",
                "quantities","1","locationId"],"message":"The specified inventory item is not stocked at the location.",
                "code":"ITEM_NOT_STOCKED_AT_LOCATION"}]}}}"""), StubPlatform.Answer.of(200, """
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/2"},
                "userErrors":[]}}}"""));
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("A", 1), new StockLevel("B", 2)));
        assertInstanceOf(PushResult.Done.class, r.get("A"));
        assertTrue(((PushResult.Refused) r.get("B")).platformMessage().contains("ITEM_NOT_STOCKED_AT_LOCATION"));
        assertTrue(!((String) shop.request(2).json().get("query")).contains("InventoryItem/2\""));
    }

    @Test
    void a_link_without_a_location_is_refused_without_a_call() {
        ChannelLink noLocation = new ChannelLink("sf_1", ChannelLink.SHOPIFY, shop.url(), Map.of(),
                Map.of("accessToken", TOKEN));
        assertInstanceOf(PushResult.Refused.class, stock.setAvailable(noLocation, List.of(new StockLevel("A", 1))).get("A"));
        assertEquals(0, shop.requests().size());
    }
}
