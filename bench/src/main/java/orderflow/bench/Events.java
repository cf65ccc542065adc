package orderflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;

/**
 * Realistic events for each function: the events/ fixtures (real AWS shape) with fresh ids,
 * signatures and keys. As JSON for cold starts, as objects (Lambda's own deserialiser) in-process.
 */
final class Events {

    private final Path eventsDir;

    Events(Path projectDir) {
        this.eventsDir = projectDir.resolve("events");
    }

    private Map<String, Object> fixture(String name) {
        try {
            return new LinkedHashMap<>(Json.parseObject(Files.readString(eventsDir.resolve(name))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String orderBody(String externalId) {
        Map<String, Object> order = fixture("webhook-order-paid.json");
        order.put("externalOrderId", externalId);
        return Json.write(order);
    }

    String webhook(String storefrontId, String secret, String externalId) {
        Map<String, Object> e = fixture("receive-webhook.json");
        String body = orderBody(externalId);
        Map<String, Object> headers = new LinkedHashMap<>(cast(e.get("headers")));
        headers.put(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8)));
        e.put("headers", headers);
        e.put("body", body);
        e.put("pathParameters", Map.of("storefrontId", storefrontId));
        return Json.write(e);
    }

    /** A signed buyer message for an order of the storefront. */
    String buyerMessage(String storefrontId, String secret, String externalOrderId, String messageId) {
        Map<String, Object> e = fixture("receive-buyer-message.json");
        String body = Json.write(Map.of("externalOrderId", externalOrderId, "messageId", messageId,
                "body", "Could you ship it before Friday?"));
        Map<String, Object> headers = new LinkedHashMap<>(cast(e.get("headers")));
        headers.put(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8)));
        e.put("headers", headers);
        e.put("body", body);
        e.put("pathParameters", Map.of("storefrontId", storefrontId));
        return Json.write(e);
    }

    /** events/spapi-order-change.json for the Amazon seller, with a fresh NotificationId, of an AFN order. */
    @SuppressWarnings("unchecked")
    String amazonNotification(String amazonSellerId, String notificationId) {
        Map<String, Object> e = fixture("spapi-order-change.json");
        Map<String, Object> record = new LinkedHashMap<>(cast(((java.util.List<?>) e.get("Records")).get(0)));
        Map<String, Object> n = new LinkedHashMap<>(Json.parseObject((String) record.get("body")));
        Map<String, Object> payload = new LinkedHashMap<>(cast(n.get("Payload")));
        Map<String, Object> change = new LinkedHashMap<>(cast(payload.get("OrderChangeNotification")));
        change.put("SellerId", amazonSellerId);
        Map<String, Object> summary = new LinkedHashMap<>(cast(change.get("Summary")));
        summary.put("FulfillmentType", "AFN");
        change.put("Summary", summary);
        payload.put("OrderChangeNotification", change);
        n.put("Payload", payload);
        Map<String, Object> meta = new LinkedHashMap<>(cast(n.get("NotificationMetadata")));
        meta.put("NotificationId", notificationId);
        n.put("NotificationMetadata", meta);
        return sqs("spapi-order-change.json", Json.write(n));
    }

    String syncChannel(String orderId, String syncId) {
        return sqs("sync-channel.json", Json.write(Map.of("orderId", orderId, "syncId", syncId)));
    }

    String processUpload(String sellerId, String uploadId) {
        return sqs("process-upload.json", Json.write(Map.of("sellerId", sellerId, "uploadId", uploadId)));
    }

    String deliverRefund(String orderId, String refundId) {
        return sqs("deliver-refund.json", Json.write(Map.of("orderId", orderId, "refundId", refundId)));
    }

    /** A seller route with other path parameters than orderId (e.g. rmaId). */
    String sellerRoute(String fixture, String sellerId, Map<String, String> path, Map<String, Object> body) {
        Map<String, Object> e = Json.parseObject(sellerRoute(fixture, sellerId, null, body, null));
        e.put("pathParameters", path);
        return Json.write(e);
    }

    /** A scheduled event with a fresh id (each id is one run of the job). */
    String scheduled(String fixture) {
        Map<String, Object> e = fixture(fixture);
        e.put("id", UUID.randomUUID().toString());
        return Json.write(e);
    }

    String processOrder(String orderId) {
        return sqs("process-order.json", Json.write(Map.of("orderId", orderId)));
    }

    String sendEmail(String messageBody) {
        return sqs("send-email.json", messageBody);
    }

    /** The send-email fixture's message with a fresh event id. */
    String emailMessage(String eventId) {
        Map<String, Object> e = fixture("send-email.json");
        Map<String, Object> body = new LinkedHashMap<>(Json.parseObject(
                (String) cast(((java.util.List<?>) e.get("Records")).get(0)).get("body")));
        body.put("eventId", eventId);
        return Json.write(body);
    }

    String getOrder(String sellerId, String orderId) {
        Map<String, Object> e = fixture("get-order.json");
        Map<String, Object> context = new LinkedHashMap<>(cast(e.get("requestContext")));
        context.put("authorizer", Map.of("lambda", Map.of("sellerId", sellerId)));
        e.put("requestContext", context);
        e.put("pathParameters", Map.of("orderId", orderId));
        e.put("rawPath", "/v1/orders/" + orderId);
        return Json.write(e);
    }

    String listOrders(String sellerId) {
        Map<String, Object> e = fixture("list-orders.json");
        Map<String, Object> context = new LinkedHashMap<>(cast(e.get("requestContext")));
        context.put("authorizer", Map.of("lambda", Map.of("sellerId", sellerId)));
        e.put("requestContext", context);
        return Json.write(e);
    }

    /** A seller API fixture (events/NAME) for the seller and order, with a body and query of choice. */
    String sellerRoute(String fixture, String sellerId, String orderId, Map<String, Object> body,
                       Map<String, String> query) {
        Map<String, Object> e = fixture(fixture);
        Map<String, Object> context = new LinkedHashMap<>(cast(e.get("requestContext")));
        context.put("authorizer", Map.of("lambda", Map.of("sellerId", sellerId, "keyId", "key_bench0000000")));
        e.put("requestContext", context);
        if (orderId != null) {
            e.put("pathParameters", Map.of("orderId", orderId));
        }
        if (body != null) {
            e.put("body", Json.write(body));
        }
        if (query != null) {
            e.put("queryStringParameters", query);
        }
        return Json.write(e);
    }

    /** A fixture of a route without the authorizer (the dashboard's files), as it is. */
    String publicRoute(String fixture) {
        return Json.write(fixture(fixture));
    }

    String authorizer(String apiKey) {
        Map<String, Object> e = fixture("api-key-authorizer.json");
        Map<String, Object> headers = new LinkedHashMap<>(cast(e.get("headers")));
        headers.put("authorization", "Bearer " + apiKey);
        e.put("headers", headers);
        e.put("identitySource", java.util.List.of("Bearer " + apiKey));
        return Json.write(e);
    }

    private String sqs(String fixture, String body) {
        Map<String, Object> e = fixture(fixture);
        Map<String, Object> record = new LinkedHashMap<>(cast(((java.util.List<?>) e.get("Records")).get(0)));
        record.put("body", body);
        record.put("messageId", java.util.UUID.randomUUID().toString());
        e.put("Records", java.util.List.of(record));
        return Json.write(e);
    }

    /** Deserialises as the Lambda java runtime does. */
    static <T> T object(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader()).fromJson(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
