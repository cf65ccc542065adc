package orderflow.shared.aws;

import java.util.Map;

import orderflow.shared.domain.Actor;
import orderflow.shared.domain.storefront.PlatformRefund;
import orderflow.shared.domain.storefront.PlatformShipment;
import orderflow.shared.json.Json;
import orderflow.shared.ports.OrderQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * OrderQueue messages are {"orderId": "..."} (the processor reads the order itself, so the message
 * stays small; "contended": n when it comes back after losing its races n times), {"stockArrived": {"sellerId": "...", "sku": "..."}} or
 * {"cancel": {"orderId", "reason", "buyerRequested", "by"}} or {"shippedOnPlatform": {"orderId", "shipment":
 * {PlatformShipment's map}, "by"}} or {"refundedOnPlatform": {"orderId", "refund": {PlatformRefund's map}, "by"}}.
 */
public final class SqsOrderQueue implements OrderQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsOrderQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String orderId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("orderId", orderId))));
    }

    @Override
    public void retryContended(String orderId, int contended, java.time.Duration delay) {
        int seconds = (int) Math.max(0, Math.min(900, delay.toSeconds())); // SQS DelaySeconds is 0 to 900
        sqs.sendMessage(b -> b.queueUrl(queueUrl).delaySeconds(seconds)
                .messageBody(Json.write(Map.of("orderId", orderId, "contended", contended))));
    }

    @Override
    public void stockArrived(String sellerId, String sku) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(
                Map.of("stockArrived", Map.of("sellerId", sellerId, "sku", sku)))));
    }

    @Override
    public void cancel(String orderId, String reason, boolean buyerRequested, Actor actor) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("cancel", Map.of("orderId", orderId,
                "reason", reason, "buyerRequested", buyerRequested, "by", actor.toString())))));
    }

    @Override
    public void shippedOnPlatform(String orderId, PlatformShipment shipment, Actor actor) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("shippedOnPlatform", Map.of(
                "orderId", orderId, "shipment", shipment.toMap(), "by", actor.toString())))));
    }

    @Override
    public void refundedOnPlatform(String orderId, PlatformRefund refund, Actor actor) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(Map.of("refundedOnPlatform", Map.of(
                "orderId", orderId, "refund", refund.toMap(), "by", actor.toString())))));
    }
}
