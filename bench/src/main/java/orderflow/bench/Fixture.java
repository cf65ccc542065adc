package orderflow.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import orderflow.local.LocalCloud;
import orderflow.shared.aws.DynamoAdmin;
import orderflow.shared.aws.DynamoOrders;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.OrderChange;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.StockChange;
import orderflow.shared.ports.Orders;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.Seller;
import orderflow.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The bench's seller, storefront, key, stock and a way to make fresh READY orders. */
final class Fixture {

    static final String SELLER = "bench-seller";
    static final String STOREFRONT = "bench-store";
    static final String SECRET = "bench-secret";
    /** An Amazon selling account linked to the bench seller (its notifications need no SP-API call: AFN). */
    static final String AMAZON_SELLER = "ABENCHSELLER";

    final LocalCloud cloud;
    final DynamoDbClient dynamo;
    final Events events;
    final String apiKey;
    final String endpoint;
    final Path root;
    final String existingOrderId;
    /** The storefront's id of that order (buyer messages name it). */
    final String existingExternalId;

    Fixture(LocalCloud cloud, DynamoDbClient dynamo, Events events, String endpoint, Path root) {
        this.cloud = cloud;
        this.dynamo = dynamo;
        this.events = events;
        this.endpoint = endpoint;
        this.root = root;
        DynamoAdmin admin = new DynamoAdmin(dynamo, ref("AccountsTable"), ref("InventoryTable"));
        Instant now = Instant.now();
        admin.putSeller(new Seller(SELLER, "Bench Store", "seller@bench.example", "help@bench.example",
                "help@bench.example", 2, java.time.ZoneId.of("UTC")));
        admin.putStorefront(STOREFRONT, SELLER, "generic", SECRET);
        admin.putAmazonStorefront("bench-amazon", SELLER, AMAZON_SELLER, "Atzr|bench");
        this.apiKey = admin.newApiKey(SELLER, "bench", now);
        admin.putStock(SELLER, "MUG-BLUE", 10_000_000, now);
        admin.putStock(SELLER, "TEE-BLACK-L", 10_000_000, now);
        this.existingOrderId = newReadyOrder();
        this.existingExternalId = orders().get(existingOrderId).orElseThrow().externalOrderId();
    }

    String ref(String logicalId) {
        return String.valueOf(cloud.ref(logicalId));
    }

    /** Stores a fresh paid order (READY), as the webhook step would, and returns its id. */
    String newReadyOrder() {
        Order order = GenericOrderPayload.parse(Json.parseObject(events.orderBody("seed-" + UUID.randomUUID())))
                .toOrder(STOREFRONT, SELLER, Instant.now());
        new DynamoOrders(dynamo, ref("OrdersTable"), ref("OrderHistoryTable"), ref("InventoryTable"), null, null,
                ref("SearchTable")).createIfAbsent(order);
        return order.orderId();
    }

    DynamoOrders orders() {
        return new DynamoOrders(dynamo, ref("OrdersTable"), ref("OrderHistoryTable"), ref("InventoryTable"),
                ref("StockMovementsTable"), null, ref("SearchTable"));
    }

    /** A fresh order with its stock reserved (UNSHIPPED), as ProcessOrder leaves it. */
    String newUnshippedOrder() {
        Order order = orders().get(newReadyOrder()).orElseThrow();
        Instant now = Instant.now();
        java.util.List<StockChange> moves = new java.util.ArrayList<>();
        order.quantitiesBySku().forEach((sku, q) -> moves.add(new StockChange(sku, q, StockChange.Kind.RESERVE)));
        require(orders().apply(OrderChange.of(order, order.confirmed(now.plusSeconds(86_400), now.plusSeconds(5 * 86_400)),
                now, Actor.job("bench"), "reserve", "bench", moves)));
        return order.orderId();
    }

    /** A fresh order shipped in full, waiting for its delivery. */
    String newShippedOrder() {
        Order order = orders().get(newUnshippedOrder()).orElseThrow();
        Instant now = Instant.now();
        var ship = ActionRequests.ship(Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
                "shipDate", now.toString()), java.time.ZoneOffset.UTC, now);
        require(orders().apply(OrderLifecycle.ship(order, ship, Actor.job("bench"), now)));
        return order.orderId();
    }

    /** A fresh order delivered in full (returns start from here). */
    String newDeliveredOrder() {
        Order order = orders().get(newShippedOrder()).orElseThrow();
        Instant now = Instant.now();
        require(orders().apply(OrderLifecycle.confirmDelivery(order, new ActionRequests.Delivery(now, null),
                Actor.job("bench"), now)));
        return order.orderId();
    }

    /** A delivered order with an AUTHORIZED return of one unit of its first line; returns the RMA id. */
    String newAuthorizedReturn() {
        Order order = orders().get(newDeliveredOrder()).orElseThrow();
        var rma = orderflow.shared.domain.returns.ReturnAuthorization.authorized(order.orderId(), 1,
                java.util.List.of(new orderflow.shared.domain.returns.ReturnLine(order.lines().get(0).sku(), 1,
                        orderflow.shared.domain.returns.ReturnReason.DEFECTIVE)), Instant.now());
        if (!new orderflow.shared.aws.DynamoReturns(dynamo, ref("ReturnsTable")).create(rma, SELLER)) {
            throw new IllegalStateException("bench RMA exists already");
        }
        return rma.rmaId();
    }

    private static void require(Orders.Applied applied) {
        if (!(applied instanceof Orders.Done)) {
            throw new IllegalStateException("bench fixture write failed: " + applied);
        }
    }

    /** What a function's JVM gets: its template environment (less JVM flags) plus Lambda's own variables. */
    Map<String, String> lambdaEnvironment(String functionId) {
        Map<String, String> env = new HashMap<>(cloud.functionEnvironment(functionId));
        env.remove("JAVA_TOOL_OPTIONS"); // the bench sets JVM flags itself, per variant
        env.putAll(awsEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionId);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        return env;
    }

    Map<String, String> awsEnvironment() {
        return Map.of("AWS_REGION", cloud.region(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", endpoint, "TZ", "UTC");
    }
}
