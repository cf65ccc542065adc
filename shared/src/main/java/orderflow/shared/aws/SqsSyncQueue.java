package orderflow.shared.aws;

import java.time.Duration;
import java.util.Map;

import orderflow.shared.json.Json;
import orderflow.shared.ports.SyncQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SyncQueue messages are {"orderId", "syncId"}: the sync function reads the sync itself. */
public final class SqsSyncQueue implements SyncQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSyncQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String orderId, String syncId, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(900, delay.toSeconds())); // SQS DelaySeconds is 0 to 900
        sqs.sendMessage(b -> b.queueUrl(queueUrl).delaySeconds(seconds)
                .messageBody(Json.write(Map.of("orderId", orderId, "syncId", syncId))));
    }
}
