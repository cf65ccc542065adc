package orderflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Shared test helpers: the sample order, signing, queue draining, the emulator's sent mail. */
public final class Fixtures {

    public static final String SECRET = "whsec_test_secret_for_it_only";

    private Fixtures() {
    }

    /** events/webhook-order-paid.json, as a mutable map. */
    public static Map<String, Object> sampleOrder() {
        try {
            return new java.util.LinkedHashMap<>(Json.parseObject(Files.readString(
                    TestCloud.get().root.resolve("events/webhook-order-paid.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sampleOrderJson(String externalOrderId) {
        Map<String, Object> order = sampleOrder();
        order.put("externalOrderId", externalOrderId);
        return Json.write(order);
    }

    public static String sign(String body, Instant at) {
        return WebhookSignature.sign(SECRET, at.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Receives and deletes everything on the queue right now. */
    public static List<Map<String, Object>> drain(SqsClient sqs, String queueUrl) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message m : messages) {
                bodies.add(Json.parseObject(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Emails the emulator accepted, normalised: subject, source, to, html, text. */
    public static List<Map<String, Object>> sentEmails(String endpoint) {
        try {
            return orderflow.local.Emulator.sentEmails(System.getProperty("cloud", "moto"), endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample order (2 x MUG-BLUE 12.50, 1 x TEE-BLACK-L 19.99, tax 3.60, shipping 4.99: 53.58)
     * of the seller's storefront {@code seller-sf}, placed three days before {@code deliveredAt},
     * reserved and shipped in one UPS package a day before it and delivered at it, through the one
     * write path. The seller needs stock of both SKUs.
     */
    public static orderflow.shared.domain.Order deliveredOrder(TestCloud cloud, String seller, String externalId,
                                                               Instant deliveredAt) {
        Map<String, Object> json = sampleOrder();
        json.put("externalOrderId", externalId);
        json.put("createdAt", deliveredAt.minusSeconds(3 * 86_400).toString());
        var order = orderflow.shared.domain.GenericOrderPayload.parse(json).toOrder(seller + "-sf", seller,
                Instant.now());
        var orders = cloud.orders();
        orders.createIfAbsent(order);
        List<orderflow.shared.domain.StockChange> reserve = new ArrayList<>();
        order.quantitiesBySku().forEach((sku, q) -> reserve.add(new orderflow.shared.domain.StockChange(sku, q,
                orderflow.shared.domain.StockChange.Kind.RESERVE)));
        Instant shipped = deliveredAt.minusSeconds(86_400);
        var actor = orderflow.shared.domain.Actor.job("test");
        var confirmed = order.confirmed(shipped.plusSeconds(86_400), deliveredAt.plusSeconds(86_400));
        require(orders.apply(orderflow.shared.domain.OrderChange.of(order, confirmed, shipped, actor, "reserve",
                "test", reserve)));
        var ship = orderflow.shared.domain.ActionRequests.ship(Map.of("carrier", "UPS", "trackingNumber",
                "1Z999AA10123456784", "shipDate", shipped.toString()), java.time.ZoneOffset.UTC, shipped);
        var shipping = orderflow.shared.domain.OrderLifecycle.ship(confirmed, ship, actor, shipped);
        require(orders.apply(shipping));
        var delivery = orderflow.shared.domain.OrderLifecycle.confirmDelivery(shipping.after(),
                new orderflow.shared.domain.ActionRequests.Delivery(deliveredAt, null), actor, deliveredAt);
        require(orders.apply(delivery));
        return delivery.after();
    }

    private static void require(orderflow.shared.ports.Orders.Applied applied) {
        if (!(applied instanceof orderflow.shared.ports.Orders.Done)) {
            throw new IllegalStateException("test fixture write failed: " + applied);
        }
    }

    /**
     * The seller's EasyPost account (pointed at a fake's base URL) and ship-from address, as AccountsTable
     * holds them (DynamoCarrierAccounts): what the label routes need before they quote.
     */
    public static void carrierAccount(orderflow.shared.aws.DynamoAdmin admin, String sellerId, String baseUrl,
                                      String apiKey, String webhookSecret) {
        admin.putCarrierAccount(new orderflow.shared.domain.shipping.CarrierAccount(sellerId, "easypost", baseUrl,
                Map.of(), Map.of("apiKey", apiKey, "webhookSecret", webhookSecret)));
        admin.putShipFrom(sellerId, new orderflow.shared.domain.shipping.ShipAddress(new orderflow.shared.domain.Address(
                "Demo Store", "1 Dock St", null, "Seattle", "WA", "98101", "US"), null, null, null));
    }

    /**
     * An acknowledgement sync of the order that its platform refused, stored as the sync function leaves
     * one (for routes that need a FAILED sync where no storefront has a platform link); its id.
     */
    public static String failedSync(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table,
                                    String orderId, String storefrontId) {
        String syncId = orderflow.shared.domain.channels.ChannelSync.idOf(orderId,
                orderflow.shared.domain.channels.ChannelSync.Kind.ACKNOWLEDGE, "acknowledge");
        String at = Instant.now().toString();
        java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> s =
                software.amazon.awssdk.services.dynamodb.model.AttributeValue::fromS;
        dynamo.putItem(p -> p.tableName(table).item(Map.ofEntries(
                Map.entry("orderId", s.apply(orderId)), Map.entry("syncId", s.apply(syncId)),
                Map.entry("storefrontId", s.apply(storefrontId)), Map.entry("platform", s.apply("shopify")),
                Map.entry("kind", s.apply("ACKNOWLEDGE")), Map.entry("status", s.apply("FAILED")),
                Map.entry("attempts", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1")),
                Map.entry("lastError", s.apply("ACCESS_DENIED: the app needs the write_orders scope")),
                Map.entry("createdAt", s.apply(at)), Map.entry("updatedAt", s.apply(at)),
                Map.entry("notice", s.apply(orderflow.shared.json.Json.write(Map.of("type", "acknowledge",
                        "merchantOrderId", orderId, "lines", List.of())))))));
        return syncId;
    }

    /**
     * A Shopify REST Order as orders/create sends it (shopify.dev's Order resource): 2 x MUG-BLUE at 10.00
     * on line id*10, paid by Shopify Payments, 5.00 shipping, 1.60 tax on top, total 26.60.
     */
    public static Map<String, Object> shopifyOrder(long id) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id * 10);
        line.put("variant_id", 44000000001L);
        line.put("product_id", 8000000000L);
        line.put("title", "Blue mug");
        line.put("name", "Blue mug");
        line.put("sku", "MUG-BLUE");
        line.put("quantity", 2);
        line.put("price", "10.00");
        line.put("requires_shipping", true);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", "#" + id);
        o.put("email", "buyer" + id + "@example.com");
        o.put("created_at", "2026-12-01T10:00:00-05:00");
        o.put("currency", "USD");
        o.put("presentment_currency", "USD");
        o.put("financial_status", "paid");
        o.put("payment_gateway_names", List.of("shopify_payments"));
        o.put("taxes_included", false);
        o.put("total_price", "26.60");
        o.put("subtotal_price", "20.00");
        o.put("total_tax", "1.60");
        o.put("total_discounts", "0.00");
        o.put("cancelled_at", null);
        o.put("customer", Map.of("first_name", "Ada", "last_name", "Buyer"));
        o.put("shipping_address", Map.of("first_name", "Ada", "last_name", "Buyer", "address1", "1 Main St",
                "city", "Springfield", "province_code", "IL", "zip", "62701", "country_code", "US"));
        o.put("shipping_lines", List.of(Map.of("title", "Standard", "price", "5.00")));
        o.put("line_items", List.of(line));
        return o;
    }

    /** A seller's API request as API Gateway hands it over after the authorizer: method, path parameters, JSON body. */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent sellerRequest(String method,
            Map<String, String> path, String sellerId, Object body) {
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().withPathParameters(path)
                .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http
                                .builder().withMethod(method).build())
                        .withAuthorizer(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext
                                .Authorizer.builder().withLambda(Map.of("sellerId", sellerId, "keyId", "key_it0000000001"))
                                .build()).build())
                .build();
        if (body != null) {
            event.setBody(Json.write(body));
        }
        return event;
    }
}
