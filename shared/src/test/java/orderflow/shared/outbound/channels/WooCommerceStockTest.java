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

/** Shapes after the WooCommerce REST API v3 docs: list products by sku, batch update products and variations. */
class WooCommerceStockTest {

    private static final String KEY = "ck_4f2a9d7c1e8b0a6d3c5e7f9a1b2c3d4e5f6a7b8c";
    private static final String SECRET = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";

    private StubPlatform woo;
    private final WooCommerceStock stock = new WooCommerceStock(Duration.ofMillis(800), OutboundRules.allowingLoopback());

    @BeforeEach
    void start() throws Exception {
        woo = new StubPlatform();
    }

    @AfterEach
    void stop() {
        woo.close();
    }

    private ChannelLink link() {
        return new ChannelLink("sf_2", ChannelLink.WOOCOMMERCE, woo.url(), Map.of("pushStock", "true"),
                Map.of("consumerKey", KEY, "consumerSecret", SECRET));
    }

    @Test
    void simple_products_and_variations_each_go_in_their_batch() {
        woo.on("GET /wp-json/wc/v3/products", 200, """
                [{"id":799,"name":"Ship Your Idea","type":"simple","sku":"MUG-BLUE","parent_id":0,"manage_stock":true,"stock_quantity":3},
                 {"id":733,"name":"Ship Your Idea - Black, L","type":"variation","sku":"TEE-BLACK-L","parent_id":22,"stock_quantity":1}]""");
        woo.on("POST /wp-json/wc/v3/products/batch", 200, """
                {"update":[{"id":799,"sku":"MUG-BLUE","stock_quantity":9}]}""");
        woo.on("POST /wp-json/wc/v3/products/22/variations/batch", 200, """
                {"update":[{"id":733,"error":{"code":"woocommerce_rest_invalid_id","message":"Invalid ID.","data":{"status":400}}}]}""");
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("MUG-BLUE", 9),
                new StockLevel("TEE-BLACK-L", 4), new StockLevel("GHOST", 1)));
        assertEquals(new PushResult.Done("799"), r.get("MUG-BLUE"));
        assertTrue(((PushResult.Refused) r.get("TEE-BLACK-L")).platformMessage().contains("Invalid ID."));
        assertInstanceOf(PushResult.Refused.class, r.get("GHOST"));
        assertEquals("per_page=100&sku=MUG-BLUE%2CTEE-BLACK-L%2CGHOST", woo.request(0).query());
        assertEquals(Map.of("update", List.of(Map.of("id", 799, "manage_stock", true, "stock_quantity", 9))),
                woo.request(1).json());
        assertEquals(Map.of("update", List.of(Map.of("id", 733, "manage_stock", true, "stock_quantity", 4))),
                woo.request(2).json());
    }

    @Test
    void a_site_in_maintenance_is_a_retry_for_every_sku() {
        woo.on("GET /wp-json/wc/v3/products", StubPlatform.Answer.of(503, "<html>Briefly unavailable for scheduled"
                + " maintenance.</html>").with("Retry-After", "600"));
        Map<String, PushResult> r = stock.setAvailable(link(), List.of(new StockLevel("MUG-BLUE", 9)));
        assertInstanceOf(PushResult.Retry.class, r.get("MUG-BLUE"));
        assertTrue(!r.toString().contains(SECRET));
    }
}
