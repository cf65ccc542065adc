package orderflow.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import orderflow.it.fakes.FakeShopifyAdmin;
import orderflow.it.fakes.FakeSpApiOutbound;
import orderflow.it.fakes.FakeWooCommerce;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.aws.Env;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.IncomingOrder;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLine;
import orderflow.shared.domain.StockChange;
import orderflow.shared.domain.channels.ChannelLink;
import orderflow.shared.json.Json;
import orderflow.shared.ports.Orders;

/**
 * The three platforms as the it module's fakes (written from the platforms' documentation, with call
 * logs), one storefront of the bench seller linked to each, and orders that exist on both sides:
 * seeded on the platform and stored here UNSHIPPED, each line carrying the platform's line id.
 */
final class ChannelPlatforms implements AutoCloseable {

    enum Platform {
        SHOPIFY("Shopify", "bench-shopify"),
        WOOCOMMERCE("WooCommerce", "bench-woo"),
        AMAZON("Amazon", "bench-amazon-sync");

        final String label;
        final String storefrontId;

        Platform(String label, String storefrontId) {
            this.label = label;
            this.storefrontId = storefrontId;
        }
    }

    /** One HTTP request a platform received: what it was, a write or a read, an access-token exchange. */
    record PlatformCall(String what, boolean write, boolean token) {
    }

    private static final long WOO_MUG = 112;
    private static final long WOO_TEE = 120;
    private static final long WOO_TEE_L = 124;

    final FakeShopifyAdmin shopify;
    final FakeWooCommerce woo;
    final FakeSpApiOutbound amazon;
    private final Fixture fx;
    private final AtomicInteger next = new AtomicInteger();

    ChannelPlatforms(Fixture fx) throws IOException {
        this.fx = fx;
        shopify = new FakeShopifyAdmin();
        woo = FakeWooCommerce.empty();
        amazon = new FakeSpApiOutbound();
        shopify.addLocation(1, "Warehouse");
        woo.putProduct(WOO_MUG, "simple", "MUG-BLUE", true, 1_000_000);
        woo.putProduct(WOO_TEE, "variable", "TEE-BLACK", false, null);
        woo.putVariation(WOO_TEE, WOO_TEE_L, "TEE-BLACK-L", true, 1_000_000);

        DynamoAdmin admin = new DynamoAdmin(fx.dynamo, fx.ref("AccountsTable"), fx.ref("InventoryTable"));
        admin.putStorefront(Platform.SHOPIFY.storefrontId, Fixture.SELLER, "shopify", "bench-shopify-secret");
        admin.putChannelLink(new ChannelLink(Platform.SHOPIFY.storefrontId, ChannelLink.SHOPIFY, shopify.baseUrl(),
                Map.of("shopDomain", "bench.myshopify.com", "apiVersion", "2026-10", "notifyCustomer", "true"),
                Map.of("accessToken", shopify.accessToken())));
        admin.putStorefront(Platform.WOOCOMMERCE.storefrontId, Fixture.SELLER, "woocommerce", "bench-woo-secret");
        admin.putChannelLink(new ChannelLink(Platform.WOOCOMMERCE.storefrontId, ChannelLink.WOOCOMMERCE, woo.baseUrl(),
                Map.of(), Map.of("consumerKey", FakeWooCommerce.CONSUMER_KEY,
                        "consumerSecret", FakeWooCommerce.CONSUMER_SECRET)));
        admin.putAmazonStorefront(Platform.AMAZON.storefrontId, Fixture.SELLER, FakeSpApiOutbound.SELLER_ID,
                FakeSpApiOutbound.REFRESH_TOKEN);
        admin.putChannelLink(new ChannelLink(Platform.AMAZON.storefrontId, ChannelLink.AMAZON, null,
                Map.of("marketplaceId", FakeSpApiOutbound.MARKETPLACE_ID, "sellerId", FakeSpApiOutbound.SELLER_ID),
                Map.of("refreshToken", FakeSpApiOutbound.REFRESH_TOKEN)));
    }

    /**
     * SyncChannelFunction's template environment with Amazon's endpoints and app credentials pointed at
     * the fake (Shopify and WooCommerce are reached at the link's base URL, as in production).
     */
    Env syncEnvironment() {
        Map<String, String> env = new HashMap<>(fx.cloud.functionEnvironment("SyncChannelFunction"));
        env.put("SPAPI_ENDPOINT", amazon.endpoint());
        env.put("LWA_ENDPOINT", amazon.tokenEndpoint());
        env.put("LWA_CLIENT_ID", FakeSpApiOutbound.CLIENT_ID);
        env.put("LWA_CLIENT_SECRET_PARAMETER", LWA_SECRET_PARAMETER);
        ssm().putParameter(r -> r.name(LWA_SECRET_PARAMETER).value(FakeSpApiOutbound.CLIENT_SECRET)
                .type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING).overwrite(true));
        return Env.of(env);
    }

    /** Where the fake's LWA client secret is kept, as the operator keeps the real one (an SSM SecureString). */
    static final String LWA_SECRET_PARAMETER = "/bench/lwa-client-secret";

    /** SSM on the emulator: SyncChannelFunction reads the LWA client secret from it. */
    software.amazon.awssdk.services.ssm.SsmClient ssm() {
        return software.amazon.awssdk.services.ssm.SsmClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(fx.cloud.region()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .endpointOverride(java.net.URI.create(fx.endpoint))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    /**
     * A fresh order on the platform (2 x MUG-BLUE, 1 x TEE-BLACK-L, paid 53.58 USD) and here, where it
     * is UNSHIPPED with its stock reserved, as ProcessOrder leaves it. Returns our order id.
     */
    String newOrder(Platform platform) {
        int i = next.getAndIncrement();
        String external;
        String[] lineIds;
        String[] refs = {null, null};
        switch (platform) {
            case SHOPIFY -> {
                long order = 7_000_000_000_000L + i;
                long mug = 8_000_000_000_000L + 2L * i;
                shopify.addOrder(order).name("#B" + i).lineItem(mug, "MUG-BLUE", 2, "12.50")
                        .lineItem(mug + 1, "TEE-BLACK-L", 1, "19.99")
                        .transaction(6_000_000_000_000L + i, "SALE", "shopify_payments", "53.58")
                        .fulfillmentOrderForAllLines(9_000_000_000L + i, 1, 9_500_000_000L + 2L * i);
                external = Long.toString(order);
                lineIds = new String[] {Long.toString(mug), Long.toString(mug + 1)};
            }
            case WOOCOMMERCE -> {
                long order = 10_000 + i;
                long mug = 100_000 + 2L * i;
                woo.putOrder(order, "processing", "USD", List.of(
                        new FakeWooCommerce.LineItem(mug, WOO_MUG, 0, "MUG-BLUE", 2, "25.00"),
                        new FakeWooCommerce.LineItem(mug + 1, WOO_TEE, WOO_TEE_L, "TEE-BLACK-L", 1, "19.99")), true);
                external = Long.toString(order);
                lineIds = new String[] {Long.toString(mug), Long.toString(mug + 1)};
                refs = new String[] {Long.toString(WOO_MUG), Long.toString(WOO_TEE_L)};
            }
            default -> {
                external = String.format("114-%07d-%07d", i, 1_000_000 + i);
                String mug = Long.toString(68_000_000_000_000L + 2L * i);
                String tee = Long.toString(68_000_000_000_001L + 2L * i);
                amazon.addOrder(external, FakeSpApiOutbound.MARKETPLACE_ID, Map.of(mug, 2, tee, 1));
                lineIds = new String[] {mug, tee};
            }
        }
        return storeUnshipped(platform.storefrontId, external, lineIds, refs);
    }

    private String storeUnshipped(String storefrontId, String external, String[] lineIds, String[] refs) {
        IncomingOrder parsed = GenericOrderPayload.parse(Json.parseObject(fx.events.orderBody(external)));
        List<OrderLine> lines = new ArrayList<>();
        for (int k = 0; k < parsed.lines().size(); k++) {
            OrderLine l = parsed.lines().get(k);
            lines.add(new OrderLine(l.sku(), l.title(), l.quantity(), l.unitPrice(), refs[k], lineIds[k]));
        }
        Instant now = Instant.now();
        Order order = new IncomingOrder(parsed.externalOrderId(), parsed.createdAt(), parsed.paid(), parsed.currency(),
                parsed.buyer(), parsed.shipTo(), lines, parsed.totals(), parsed.intake())
                .toOrder(storefrontId, Fixture.SELLER, now);
        DynamoOrders store = fx.orders();
        if (!store.createIfAbsent(order)) {
            throw new IllegalStateException("bench order exists already: " + order.orderId());
        }
        Order stored = store.get(order.orderId()).orElseThrow();
        List<StockChange> moves = new ArrayList<>();
        stored.quantitiesBySku().forEach((sku, q) -> moves.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        Orders.Applied applied = store.apply(OrderChange.of(stored, stored.confirmed(now.plusSeconds(86_400),
                now.plusSeconds(5 * 86_400)), now, Actor.job("bench"), "reserve", "bench", moves));
        if (!(applied instanceof Orders.Done)) {
            throw new IllegalStateException("bench order not reserved: " + applied);
        }
        return order.orderId();
    }

    /**
     * What the platform holds of the order's shipments: Shopify fulfillments, WooCommerce customer
     * notes, Amazon shipment confirmations (a sync sent twice would show here twice).
     */
    int shipmentsRecorded(Platform platform, String externalOrderId) {
        return switch (platform) {
            case SHOPIFY -> (int) shopify.fulfillments().stream().filter(f -> f.orderId().equals(
                    FakeShopifyAdmin.gid("Order", Long.parseLong(externalOrderId)))).count();
            case WOOCOMMERCE -> (int) woo.notes(Long.parseLong(externalOrderId)).stream()
                    .filter(n -> Boolean.TRUE.equals(n.get("customer_note"))).count();
            case AMAZON -> amazon.shipmentConfirmations(externalOrderId).size();
        };
    }

    /** Every request the platform received so far, oldest first. */
    List<PlatformCall> calls(Platform platform) {
        List<PlatformCall> out = new ArrayList<>();
        switch (platform) {
            case SHOPIFY -> shopify.calls().forEach(c -> {
                boolean mutation = c.operationType() != null ? c.operationType().equals("mutation")
                        : c.query() != null && c.query().strip().startsWith("mutation");
                String fields = c.fields().isEmpty() ? String.valueOf(c.operationName())
                        : String.join("+", c.fields().stream().map(FakeShopifyAdmin.FieldCall::name).toList());
                String outcome = c.outcome() == FakeShopifyAdmin.Outcome.OK ? "" : " (" + c.outcome() + ")";
                out.add(new PlatformCall((mutation ? "mutation " : "query ") + fields + outcome, mutation, false));
            });
            case WOOCOMMERCE -> woo.calls().forEach(c -> out.add(new PlatformCall(c.method() + " "
                    + c.path().replace(FakeWooCommerce.API_PREFIX, "").replaceAll("/\\d+", "/{id}")
                    + (c.status() >= 400 ? " (" + c.status() + ")" : ""), !c.method().equals("GET"), false)));
            default -> amazon.calls().forEach(c -> {
                boolean token = c.path().startsWith("/auth/o2/token");
                String path = c.path().replaceAll("\\d{3}-\\d{7}-\\d{7}", "{orderId}")
                        .replaceAll("/fake-s3/feed-documents/.*", "(feed document upload URL)")
                        .replaceAll("/feeds/2021-06-30/(documents|feeds)/.+", "/feeds/2021-06-30/$1/{id}");
                out.add(new PlatformCall(token ? "LWA token" : c.method() + " " + path
                        + (c.status() >= 400 ? " (" + c.status() + ")" : ""), !token && !c.method().equals("GET"), token));
            });
        }
        return out;
    }

    @Override
    public void close() {
        shopify.close();
        woo.close();
        amazon.close();
    }
}
