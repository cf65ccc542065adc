package orderflow.shared.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.Money;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.domain.returns.ReturnLine;
import orderflow.shared.domain.returns.ReturnReason;
import orderflow.shared.json.Json;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming samples for what follows a sale (returns, refunds, buyer messages, Amazon notifications),
 * built on {@link PrimingSamples}' order, seller and storefront.
 */
public final class AfterSaleSamples {

    private AfterSaleSamples() {
    }

    /** The sample order, shipped and delivered now: returnable and refundable. */
    public static Order deliveredOrder(Instant now) {
        return OrderLifecycle.confirmDelivery(PrimingSamples.shippedOrder(now), new ActionRequests.Delivery(now, null),
                Actor.job("priming"), now).after();
    }

    /** The order's first RMA: one defective unit of its first line. */
    public static ReturnAuthorization returnOf(Order delivered, Instant now) {
        return ReturnAuthorization.authorized(delivered.orderId(), 1,
                List.of(new ReturnLine(delivered.lines().get(0).sku(), 1, ReturnReason.DEFECTIVE)), now);
    }

    /** The seller asks for a return of one unit of the order's first line. */
    public static APIGatewayV2HTTPEvent returnRequest(Order delivered) {
        return PrimingSamples.sellerRequest(delivered.orderId(), Map.of("lines", List.of(Map.of(
                "sku", delivered.lines().get(0).sku(), "quantity", 1, "reason", "NO_LONGER_NEEDED"))));
    }

    /** The seller receives the RMA's unit back, damaged. */
    public static APIGatewayV2HTTPEvent receiveRequest(ReturnAuthorization rma) {
        APIGatewayV2HTTPEvent event = PrimingSamples.sellerRequest(null, Map.of("lines",
                List.of(Map.of("sku", rma.lines().get(0).sku(), "quantity", 1, "condition", "DAMAGED"))));
        event.setPathParameters(Map.of("rmaId", rma.rmaId()));
        return event;
    }

    /** The seller refunds 1.00 of the order as goodwill. */
    public static APIGatewayV2HTTPEvent refundRequest(Order delivered) {
        return PrimingSamples.sellerRequest(delivered.orderId(), Map.of("amount", Map.of("amount", "1.00",
                "currency", delivered.currency()), "reason", "priming", "requestId", "priming-1"));
    }

    /** A pending goodwill refund of 1.00 on the order. */
    public static Refund goodwillRefund(Order delivered, Instant now) {
        return Refund.goodwill(delivered.orderId(), PrimingSamples.SELLER, PrimingSamples.STOREFRONT, "priming-1",
                new Money(100, delivered.currency()), "priming", now);
    }

    /** The sample storefront with a refund URL (the refund webhook is offline when priming). */
    public static Map<String, AttributeValue> storefrontWithRefundUrl() {
        Map<String, AttributeValue> storefront = new HashMap<>(PrimingSamples.storefrontItem());
        storefront.put("refundUrl", AttributeValue.fromS("https://refunds.example.com/priming"));
        return storefront;
    }

    /** A buyer's message about the order, signed by the sample storefront. */
    public static APIGatewayV2HTTPEvent signedMessage(Order order, Instant now) {
        String body = Json.write(Map.of("externalOrderId", order.externalOrderId(), "messageId", "priming-1",
                "body", "Where is my parcel?"));
        String signature = WebhookSignature.sign(PrimingSamples.SECRET, now.getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        return APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("storefrontId", PrimingSamples.STOREFRONT))
                .withHeaders(Map.of(WebhookSignature.HEADER, signature)).withBody(body).build();
    }

    /** One item that reads both as the order's thread (waiting for the seller) and as a buyer's message. */
    public static Map<String, AttributeValue> waitingThread(Order order) {
        return Map.ofEntries(Map.entry("author", Attr.s("BUYER")), Map.entry("messageId", Attr.s("m1")),
                Map.entry("body", Attr.s("Hi")), Map.entry("at", Attr.s("2026-11-27T10:00:00Z")),
                Map.entry("pk", Attr.s("ORDER#" + order.orderId())), Map.entry("sk", Attr.s("THREAD")),
                Map.entry("orderId", Attr.s(order.orderId())), Map.entry("sellerId", Attr.s(PrimingSamples.SELLER)),
                Map.entry("externalOrderId", Attr.s("1001")), Map.entry("waitingSince", Attr.s("2026-11-27T10:00:00.000Z")),
                Map.entry("lastMessageAt", Attr.s("2026-11-27T10:00:00.000Z")),
                Map.entry("lastBuyerMessage", Attr.s("Where is it?")));
    }

    /** An SP-API ORDER_CHANGE notification (its id is {@code priming}). */
    public static String amazonNotification() {
        return "{\"NotificationType\":\"ORDER_CHANGE\",\"NotificationMetadata\":{\"NotificationId\":\"priming\"},"
                + "\"Payload\":{\"OrderChangeNotification\":{\"SellerId\":\"PRIMING\","
                + "\"AmazonOrderId\":\"000-0000000-0000000\"}}}";
    }

    /** The delivery log's record that {@link #amazonNotification()} was handled. */
    public static Map<String, AttributeValue> amazonNotificationHandled(Instant now) {
        return Map.of("deliveryKey", Attr.s("amazon#priming"), "orderId", Attr.s(""),
                "expiresAt", AttributeValue.fromN(Long.toString(now.getEpochSecond() + 3600)));
    }
}
