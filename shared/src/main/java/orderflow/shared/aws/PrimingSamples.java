package orderflow.shared.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import orderflow.shared.domain.ActionRequests;
import orderflow.shared.domain.Actor;
import orderflow.shared.domain.FieldError;
import orderflow.shared.domain.GenericOrderPayload;
import orderflow.shared.domain.Intake;
import orderflow.shared.domain.Order;
import orderflow.shared.domain.OrderLifecycle;
import orderflow.shared.domain.OrderStatus;
import orderflow.shared.domain.Seller;
import orderflow.shared.domain.returns.Refund;
import orderflow.shared.domain.returns.ReturnAuthorization;
import orderflow.shared.json.Json;
import orderflow.shared.ports.SecretBox;
import orderflow.shared.security.Envelope;
import orderflow.shared.security.WebhookSignature;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Sample data for priming: a realistic order (resources/priming/order.json) and its items. */
public final class PrimingSamples {

    public static final String SELLER = "priming-seller";
    public static final String STOREFRONT = "priming-store";
    public static final String SECRET = "priming-secret";

    private PrimingSamples() {
    }

    public static String orderJson() {
        try (InputStream in = PrimingSamples.class.getResourceAsStream("/priming/order.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Order order(Instant now) {
        return GenericOrderPayload.parse(Json.parseObject(orderJson())).toOrder(STOREFRONT, SELLER, now);
    }

    /** The sample order placed at {@code placed} with its payment not verified (PENDING). */
    public static Order pendingOrder(Instant placed) {
        Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(orderJson()));
        json.put("paymentStatus", "PENDING");
        json.put("createdAt", placed.toString());
        return GenericOrderPayload.parse(json).toOrder(STOREFRONT, SELLER, placed);
    }

    /** The sample order with its stock reserved: what the seller actions start from. */
    public static Order unshippedOrder(Instant now) {
        Order order = order(now);
        return order.confirmed(now.plusSeconds(86_400), now.plusSeconds(5 * 86_400));
    }

    /** The sample order shipped in full, waiting for its delivery. */
    public static Order shippedOrder(Instant now) {
        Order order = unshippedOrder(now);
        var ship = ActionRequests.ship(Map.of("carrier", "UPS",
                "trackingNumber", "1Z999AA10123456784", "shipDate", now.toString()), ZoneOffset.UTC, now);
        return OrderLifecycle.ship(order, ship,
                Actor.job("priming"), now).after();
    }

    /** A seller API request for the order, as the authorizer passes it on. */
    public static APIGatewayV2HTTPEvent sellerRequest(
            String orderId, Map<String, Object> body) {
        var event = APIGatewayV2HTTPEvent.builder()
                .withPathParameters(orderId == null ? Map.of() : Map.of("orderId", orderId))
                .withQueryStringParameters(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext
                        .builder().withAuthorizer(APIGatewayV2HTTPEvent
                                .RequestContext.Authorizer.builder().withLambda(Map.of("sellerId", SELLER,
                                        "keyId", "key_priming")).build()).build())
                .build();
        if (body != null) {
            event.setBody(Json.write(body));
        }
        return event;
    }

    public static Seller seller() {
        return new Seller(SELLER, "Priming Store", "seller@example.com", "help@example.com", "help@example.com", 2,
                ZoneId.of("UTC"));
    }

    public static Map<String, AttributeValue> returnItem(ReturnAuthorization rma) {
        Map<String, AttributeValue> item = DynamoReturns.toItem(rma);
        item.put("sellerId", Attr.s(SELLER));
        return item;
    }

    public static Map<String, AttributeValue> refundItem(Refund refund) {
        return DynamoRefunds.toItem(refund);
    }

    public static Map<String, AttributeValue> orderItem(Order order) {
        return OrderItems.toItem(order);
    }

    public static Map<String, AttributeValue> sellerItem() {
        Seller s = seller();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s("SELLER#" + s.sellerId()));
        item.put("storeName", Attr.s(s.storeName()));
        item.put("replyTo", Attr.s(s.replyTo()));
        item.put("supportContact", Attr.s(s.supportContact()));
        item.put("handlingDays", Attr.n(s.handlingDays()));
        item.put("timeZone", Attr.s("UTC"));
        item.put("cutoff", Attr.s("14:00")); // the shipping calendar's cut-off and holiday rules run too
        item.put("holidayCountry", Attr.s("US"));
        return item;
    }

    public static final String SYNC_ID = "sync_primingprimingprimingpri";

    /** A channel sync of the sample order that its platform already has. */
    public static Map<String, AttributeValue> doneSyncItem(String orderId) {
        java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        orderflow.shared.domain.channels.ShipmentNotice notice = new orderflow.shared.domain.channels.ShipmentNotice(
                "shp_1", "UPS", "1Z999AA10123456784", null, at, List.of(), true);
        return ChannelSyncItems.toItem(new orderflow.shared.domain.channels.ChannelSync(SYNC_ID, orderId, "priming-sf",
                "shopify", orderflow.shared.domain.channels.ChannelSync.Kind.SHIPMENT,
                orderflow.shared.domain.channels.ChannelSync.Status.DONE, notice, 1, null, "gid://shopify/Fulfillment/1",
                at, at, null));
    }

    /** A channel sync of the sample order its platform refused, not yet reported (priming's digest). */
    public static Map<String, AttributeValue> failedSyncItem(String orderId) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        orderflow.shared.domain.channels.ShipmentNotice notice = new orderflow.shared.domain.channels.ShipmentNotice(
                "shp_1", "UPS", "1Z999AA10123456784", null, at, List.of(), true);
        return ChannelSyncItems.toItem(new orderflow.shared.domain.channels.ChannelSync(SYNC_ID, orderId, "priming-sf",
                "shopify", orderflow.shared.domain.channels.ChannelSync.Kind.SHIPMENT,
                orderflow.shared.domain.channels.ChannelSync.Status.FAILED, notice, 1,
                "The fulfillment order is closed.", null, at, at, null));
    }

    /** A platform link of the sample storefront (placeholder credentials: priming never leaves the process). */
    public static Map<String, AttributeValue> channelLinkItem(String storefrontId) {
        return Map.of("pk", Attr.s("CHANNEL#" + storefrontId), "platform", Attr.s("shopify"),
                "settings", AttributeValue.fromM(Map.of("shopDomain", Attr.s("priming.myshopify.com"))),
                "secrets", AttributeValue.fromM(Map.of("accessToken", Attr.s("priming"))));
    }

    /**
     * The sample storefront, its secret sealed as on a deployed stack, so priming also loads the KMS
     * client and the envelope code the first webhook after a restore needs. The data key is public
     * (all zeros) and the offline KMS of {@link PrimingKms} hands it back: nothing real is sealed.
     */
    public static Map<String, AttributeValue> storefrontItem() {
        String item = "STOREFRONT#" + STOREFRONT;
        String sealed = Envelope.seal(primingDataKey(), "priming".getBytes(StandardCharsets.UTF_8),
                new byte[12], SECRET, SecretBox.context(SELLER, item));
        return Map.of("pk", Attr.s(item), "sellerId", Attr.s(SELLER),
                "type", Attr.s("generic"), "secrets", AttributeValue.fromSs(List.of(sealed)));
    }

    /** The data key the priming samples are sealed with and the offline KMS returns (public, all zeros). */
    static byte[] primingDataKey() {
        return new byte[32];
    }

    public static Map<String, AttributeValue> apiKeyItem() {
        return Map.of("pk", Attr.s("APIKEY#priming"), "sellerId", Attr.s(SELLER));
    }

    /** A broken delivery, then the signed sample order: both paths of the webhook. */
    public static List<APIGatewayV2HTTPEvent> signedDeliveries(Instant now) {
        String body = orderJson();
        String signature = WebhookSignature.sign(SECRET, now.getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        var event = APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("storefrontId", STOREFRONT)).withHeaders(Map.of(
                        WebhookSignature.HEADER, signature, "content-type", "application/json"));
        return List.of(event.withBody("{\"lines\": 1}").build(), event.withBody(body).build());
    }

    /** The sample order held at the door: its total did not add up. */
    public static Order heldOrder(Instant now) {
        Order o = unshippedOrder(now);
        return new Order(o.orderId(), o.sellerId(), o.storefrontId(), o.externalOrderId(),
                OrderStatus.ON_HOLD, "On hold", o.createdAt(), o.receivedAt(), o.currency(),
                o.buyer(), o.shipTo(), o.lines(), o.totals(), null, null, o.version(), o.fulfillment(), null,
                new Intake("#1001", false, false,
                        List.of(new FieldError("total_price", "does not add up")), null, null,
                        List.of()));
    }

    /** One item that reads both as the stock item MUG-BLUE and as one of its movements. */
    public static Map<String, AttributeValue> stockItem(Instant now) {
        return Map.of("sellerId", AttributeValue.fromS(SELLER), "sku", AttributeValue.fromS("MUG-BLUE"),
                "onHand", AttributeValue.fromN("5"), "reserved", AttributeValue.fromN("1"),
                "available", AttributeValue.fromN("4"), "at", AttributeValue.fromS(now.toString()),
                "delta", AttributeValue.fromN("5"), "kind", AttributeValue.fromS("count"));
    }

    /** A seller's GET with these query parameters. */
    public static APIGatewayV2HTTPEvent sellerQuery(Map<String, String> query) {
        var event = sellerRequest(null, null);
        event.setQueryStringParameters(query);
        return event;
    }

    /** A seller's request with this method, path parameters and JSON body (null: none). */
    public static APIGatewayV2HTTPEvent sellerRequest(
            String method, Map<String, String> path, Map<String, Object> body) {
        var event = sellerRequest(null, body);
        event.setPathParameters(path);
        event.getRequestContext().setHttp(APIGatewayV2HTTPEvent
                .RequestContext.Http.builder().withMethod(method).build());
        return event;
    }

    // --- shipping

    /** The sample seller's EasyPost account (pointing nowhere: priming never calls a carrier). */
    public static Map<String, AttributeValue> carrierAccountItem() {
        return Map.of("pk", AttributeValue.fromS("CARRIER#" + SELLER + "#easypost"), "baseUrl",
                AttributeValue.fromS("https://api.easypost.invalid"), "settings", AttributeValue.fromM(Map.of()),
                "secrets", AttributeValue.fromM(Map.of("apiKey", AttributeValue.fromS("priming-key"),
                        "webhookSecret", AttributeValue.fromS(SECRET))));
    }

    public static Map<String, AttributeValue> shipFromItem() {
        return Map.of("pk", AttributeValue.fromS("SHIPFROM#" + SELLER), "name", AttributeValue.fromS("Priming Store"),
                "line1", AttributeValue.fromS("1 Dock St"), "city", AttributeValue.fromS("Seattle"),
                "region", AttributeValue.fromS("WA"), "postalCode", AttributeValue.fromS("98101"),
                "country", AttributeValue.fromS("US"));
    }

    /** The offers the offline carrier makes when priming. */
    public static orderflow.shared.domain.shipping.RateQuote rateQuote() {
        return new orderflow.shared.domain.shipping.RateQuote("easypost", "shp_priming", List.of(
                new orderflow.shared.domain.shipping.Rate("rate_priming", "USPS", "GroundAdvantage",
                        new orderflow.shared.domain.Money(745, "USD"), 3)));
    }

    /** The sample label, bought for the whole sample order. */
    public static orderflow.shared.domain.shipping.Label label(Order order, Instant now) {
        var purchase = new orderflow.shared.domain.shipping.PurchasedLabel("shp_priming", "shp_priming",
                "9400100000000000000000", "USPS", "GroundAdvantage", new orderflow.shared.domain.Money(745, "USD"),
                orderflow.shared.domain.shipping.LabelFormat.PDF, null, null, "trk_priming");
        // the id a purchase derives from the quote, so the canned label is the one the purchase reads
        String labelId = orderflow.shared.service.BuyLabel.labelId(order.sellerId(), order.orderId(), "shp_priming");
        return new orderflow.shared.domain.shipping.Label(labelId, order.sellerId(), order.orderId(), "easypost",
                "shp_priming", "rate_priming", "USPS", "GroundAdvantage", new orderflow.shared.domain.Money(745, "USD"),
                order.quantitiesBySku(), orderflow.shared.domain.shipping.LabelFormat.PDF,
                orderflow.shared.domain.shipping.Label.Status.PURCHASED, purchase,
                "labels/" + order.sellerId() + "/" + order.orderId() + "/" + labelId + ".pdf", "shp_1", now, now);
    }

    /** The sample order shipped with the sample label. */
    public static Order labelledOrder(Instant now) {
        return shippedOrder(now);
    }

    public static Map<String, AttributeValue> labelItem(orderflow.shared.domain.shipping.Label label) {
        return LabelItems.toItem(label);
    }

    public static Map<String, AttributeValue> quoteItem(Order order, orderflow.shared.domain.shipping.Label label,
                                                        Instant now) {
        return LabelItems.toItem(new orderflow.shared.domain.shipping.Quote(order.sellerId(), order.orderId(),
                label.provider(), label.quoteId(), label.lines(),
                new orderflow.shared.domain.shipping.Parcel(800, 300, 200, 100), rateQuote().rates(), now));
    }

    /** An EasyPost tracker.updated event for a parcel no label has (signed with {@link #SECRET} by the caller). */
    public static String easyPostTrackerEvent(Instant now) {
        return "{\"object\":\"Event\",\"id\":\"evt_priming\",\"description\":\"tracker.updated\","
                + "\"result\":{\"object\":\"Tracker\",\"id\":\"trk_priming\",\"tracking_code\":\"9400100000000000000000\","
                + "\"status\":\"in_transit\",\"tracking_details\":[{\"object\":\"TrackingDetail\",\"status\":\"in_transit\","
                + "\"message\":\"Departed facility\",\"datetime\":\"" + now + "\"}]}}";
    }
}
