package orderflow.functions.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import orderflow.it.TestCloud;
import orderflow.it.TestContext;
import orderflow.it.fakes.FakeShopifyAdmin;
import orderflow.it.fakes.FakeWooCommerce;
import orderflow.shared.aws.DynamoInventory;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.outbound.channels.AmazonStock;
import orderflow.shared.outbound.channels.ShopifyStock;
import orderflow.shared.outbound.channels.StockChannels;
import orderflow.shared.outbound.channels.WooCommerceStock;
import orderflow.shared.ports.StockChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import orderflow.shared.outbound.OutboundRules;

/**
 * The stock push against the emulator and fakes of Shopify and WooCommerce (written from their
 * docs): a thousand stock changes to one SKU through the real inventory adapter become one number
 * on each platform in a handful of calls, a run with nothing changed calls nobody, and a throttled
 * platform keeps the mark so a later run sends the number.
 */
class PushStockIT {

    /** Long before any other test's stock change: the index's other SKUs are newer than this run's cutoff. */
    private static final Instant T0 = Instant.parse("2020-03-02T09:00:00Z");
    private static final String SKU = "MUG-BLUE";
    private static final long SHOPIFY_ITEM = 9101;
    private static final long SHOPIFY_LOCATION = 1;
    private static final long WOO_PRODUCT = 112;

    private final TestCloud cloud = TestCloud.get();
    private FakeShopifyAdmin shop;
    private FakeWooCommerce woo;
    private String seller;
    private String shopStore;

    @BeforeEach
    void platforms() throws Exception {
        shop = new FakeShopifyAdmin();
        shop.addLocation(SHOPIFY_LOCATION, "Main warehouse");
        shop.addInventoryItem(SHOPIFY_ITEM, SKU);
        shop.addInventoryLevel(SHOPIFY_ITEM, SHOPIFY_LOCATION, 0);
        woo = FakeWooCommerce.empty();
        woo.putProduct(WOO_PRODUCT, "simple", SKU, true, 10);
        seller = cloud.newSeller("push");
        shopStore = seller + "-shop";
        String wooStore = seller + "-woo";
        cloud.admin().putStorefront(shopStore, seller, "shopify", "shopify-secret-for-push-it");
        cloud.admin().putStorefront(wooStore, seller, "woocommerce", "woo-secret-for-push-it");
        cloud.admin().putChannelLink(new ChannelLink(shopStore, ChannelLink.SHOPIFY, shop.baseUrl(),
                Map.of("apiVersion", "2026-10", "pushStock", "true",
                        "locationId", FakeShopifyAdmin.gid("Location", SHOPIFY_LOCATION)),
                Map.of("accessToken", shop.accessToken())));
        cloud.admin().putChannelLink(new ChannelLink(wooStore, ChannelLink.WOOCOMMERCE, woo.baseUrl(),
                Map.of("pushStock", "true"), Map.of("consumerKey", FakeWooCommerce.CONSUMER_KEY,
                "consumerSecret", FakeWooCommerce.CONSUMER_SECRET)));
        cloud.admin().putStock(seller, SKU, 1000, T0);
    }

    @AfterEach
    void close() {
        shop.close();
        woo.close();
    }

    private StockChannel clients() {
        return new StockChannels(new ShopifyStock(OutboundRules.allowingLoopback()), new WooCommerceStock(OutboundRules.allowingLoopback()), new AmazonStock(
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9/auth/o2/token"), "-", "-",
                Clock.systemUTC(), OutboundRules.allowingLoopback()));
    }

    private Map<String, Object> runAt(Instant now) {
        return new PushStockHandler(cloud.adapters("PushStockFunction", Clock.fixed(now, ZoneOffset.UTC)), clients())
                .handleRequest(Map.of("id", "run-" + now), new TestContext());
    }

    private long wooBatches() {
        return woo.calls().stream().filter(c -> c.method().equals("POST")
                && c.path().equals(FakeWooCommerce.API_PREFIX + "/products/batch")).count();
    }

    @Test
    void a_thousand_changes_become_one_number_per_platform_in_a_few_calls() {
        DynamoInventory inventory = cloud.adapters("UpdateStockFunction").inventoryWithMovements();
        for (int i = 0; i < 1000; i++) { // net -500: 1000 on hand -> 500
            assertTrue(inventory.adjust(seller, SKU, i % 2 == 0 ? -2 : 1, "recount", "it", T0.plusMillis(i)));
        }
        Map<String, Object> first = runAt(T0.plusSeconds(30));
        assertEquals(true, first.get("complete"), first.toString());
        assertEquals(500, shop.available(SHOPIFY_ITEM, SHOPIFY_LOCATION));
        assertEquals(500, woo.stockOf(WOO_PRODUCT));
        assertEquals(1, shop.callsTo("inventorySetQuantities").size());
        assertTrue(shop.calls().size() <= 2, "a lookup and a set: " + shop.calls().size());
        assertEquals(1, wooBatches());
        assertTrue(woo.calls().size() <= 2, "a lookup and a batch: " + woo.calls());
        assertEquals("DONE", outcome(shopStore).get("status").s());
        assertEquals("500", outcome(shopStore).get("available").n());

        int shopCalls = shop.calls().size();
        int wooCalls = woo.calls().size();
        runAt(T0.plusSeconds(90));
        assertEquals(shopCalls, shop.calls().size(), "nothing changed: Shopify hears nothing");
        assertEquals(wooCalls, woo.calls().size(), "nothing changed: WooCommerce hears nothing");

        // A throttled Shopify keeps the mark; WooCommerce gets the number; the next run gives it to Shopify.
        assertTrue(inventory.adjust(seller, SKU, -1, "damaged", "it", T0.plusSeconds(100)));
        shop.throttleNext(1);
        runAt(T0.plusSeconds(130));
        assertEquals(500, shop.available(SHOPIFY_ITEM, SHOPIFY_LOCATION), "throttled: not set yet");
        assertEquals(499, woo.stockOf(WOO_PRODUCT));
        runAt(T0.plusSeconds(190));
        assertEquals(499, shop.available(SHOPIFY_ITEM, SHOPIFY_LOCATION), "the mark was kept: the next run set it");
        assertEquals(2, shop.callsTo("inventorySetQuantities").size());
        int after = shop.calls().size();
        runAt(T0.plusSeconds(250));
        assertEquals(after, shop.calls().size(), "pushed and cleared: no more calls");
    }

    private Map<String, AttributeValue> outcome(String storefront) {
        return cloud.dynamo.getItem(g -> g.tableName(cloud.ref("ChannelSyncsTable")).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS("stock#" + storefront), "syncId", AttributeValue.fromS(SKU))))
                .item();
    }
}
